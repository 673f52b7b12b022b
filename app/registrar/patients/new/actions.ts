'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { registerPatient } from '@/lib/patients/registration/register'
import { registrationSchema } from '@/lib/patients/registration/schema'
import { registerOfIndividuals } from '@/lib/register-of-individuals'
import { clientAddress } from '@/lib/request-context'

// Issue 15: a walk-in the database does not know, registered from the identity document presented.
export async function registerWalkIn(input: unknown) {
  const parsed = registrationSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('registrar')
  return registerPatient(getDb(), actor, parsed.data, {
    now: new Date(),
    address: await clientAddress(),
    register: registerOfIndividuals(),
  })
}

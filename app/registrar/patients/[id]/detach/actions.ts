'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { clientAddress } from '@/lib/request-context'
import { recordDetachment } from '@/lib/services/attachment/detachment/record'
import { detachmentSchema } from '@/lib/services/attachment/detachment/schema'

// Issue 15: the registrar records that a person attached here died, left the country, or was attached elsewhere.
export async function detachPatient(input: unknown) {
  const parsed = detachmentSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('registrar')
  const result = await recordDetachment(getDb(), actor, parsed.data, { now: new Date(), address: await clientAddress() })
  if (result.ok) revalidatePath('/registrar/register')
  return result
}

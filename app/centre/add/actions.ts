'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { addRecordSchema, lookupSchema } from '@/lib/registries/record-schema'
import { addRecord, lookupPersonForRegistry } from '@/lib/registries/records'
import { clientAddress } from '@/lib/request-context'

// Issue 16: the add form's «Find»: the name and birth date of an IIN (the patients, then the register of individuals).
export async function lookupRegistryPerson(input: unknown) {
  const parsed = lookupSchema.safeParse(input)
  if (!parsed.success) return invalidInput({ iin: parsed.error.issues[0]?.message ?? 'errors.iin.required' })
  const actor = await requireActor('dispensary_doctor')
  return lookupPersonForRegistry(getDb(), actor, parsed.data.iin, { now: new Date(), address: await clientAddress() })
}

// Issue 16: puts a person on the centre's registry. Nothing to revalidate: the registry's pages render per request.
export async function addRegistryRecord(input: unknown) {
  const parsed = addRecordSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('dispensary_doctor')
  return addRecord(getDb(), actor, parsed.data, { now: new Date(), address: await clientAddress() })
}

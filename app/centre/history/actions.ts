'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { removeRecordSchema } from '@/lib/registries/record-schema'
import { removeRecord } from '@/lib/registries/records'
import { clientAddress } from '@/lib/request-context'

// Issue 16: removes a person from the centre's registry on a day, for a reason, on the version the doctor saw.
export async function removeRegistryRecord(input: unknown) {
  const parsed = removeRecordSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('dispensary_doctor')
  return removeRecord(getDb(), actor, parsed.data, { now: new Date(), address: await clientAddress() })
}

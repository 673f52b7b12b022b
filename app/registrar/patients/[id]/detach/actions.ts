'use server'

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
  // Nothing to revalidate: the register and the lists are rendered per request; refreshing this page would show the
  // person out of the clinic's reach (a 404) instead of the confirmation.
  return recordDetachment(getDb(), actor, parsed.data, { now: new Date(), address: await clientAddress() })
}

'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { engineContext } from '@/lib/requests/context'
import { submitRequest } from '@/lib/requests/engine'
import { submitEnvelopeSchema } from '@/lib/requests/schemas'

// An attachment application taken at the desk (p.23-24); the clinic is the registrar's own, never the form's.
export async function submitDeskAttachment(input: unknown) {
  const parsed = submitEnvelopeSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('registrar')
  const payload = { ...(parsed.data.payload as Record<string, unknown>), clinicId: String(actor.organizationId) }
  const db = getDb()
  return submitRequest(
    db,
    actor,
    { service: 'attachment', channel: 'desk', idempotencyKey: parsed.data.idempotencyKey, payload },
    await engineContext(db),
  )
}

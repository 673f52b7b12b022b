'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'
import { submitRequest } from '@/lib/requests/engine'
import { submitEnvelopeSchema } from '@/lib/requests/schemas'

export async function submitAttachmentRequest(input: unknown) {
  const parsed = submitEnvelopeSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('patient')
  const db = getDb()
  const result = await submitRequest(
    db,
    actor,
    { service: 'attachment', channel: 'portal', idempotencyKey: parsed.data.idempotencyKey, payload: parsed.data.payload },
    await engineContext(db),
  )
  // No revalidatePath: every page here is rendered per request, and the form navigates to the new request's page;
  // re-rendering the form page into the answer would cost more than the submit itself (docs/performance.md).
  if (result.ok) kickDelivery()
  return result
}

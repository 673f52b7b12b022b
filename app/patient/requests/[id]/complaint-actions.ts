'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'
import { submitEnvelopeSchema } from '@/lib/requests/schemas'
import { fileComplaint } from '@/lib/services/complaint/file'
import { complaintFormSchema } from '@/lib/services/complaint/schema'

// p.38: a complaint about a decision, filed from the decided request's own page.
export async function submitComplaint(input: unknown) {
  const envelope = submitEnvelopeSchema.safeParse(input)
  const parsed = complaintFormSchema.safeParse(envelope.success ? envelope.data.payload : undefined)
  if (!envelope.success || !parsed.success) return invalidInput(parsed.success ? undefined : parsed.error)
  const actor = await requireActor('patient')
  const db = getDb()
  const result = await fileComplaint(
    db,
    actor,
    { ...parsed.data, idempotencyKey: envelope.data.idempotencyKey },
    await engineContext(db),
  )
  if (result.ok) kickDelivery()
  return result
}

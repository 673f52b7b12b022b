'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'
import { submitRequest, transitionRequest } from '@/lib/requests/engine'
import { requestVersionSchema, submitEnvelopeSchema } from '@/lib/requests/schemas'
import { fileComplaint } from '@/lib/services/complaint/file'
import { complaintFormSchema } from '@/lib/services/complaint/schema'

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

export async function cancelRequest(input: unknown) {
  const parsed = requestVersionSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('patient')
  const db = getDb()
  const result = await transitionRequest(db, actor, { operation: 'cancel', ...parsed.data }, await engineContext(db))
  if (result.ok) {
    kickDelivery()
    revalidatePath(`/patient/requests/${parsed.data.requestId}`)
  }
  return result
}

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

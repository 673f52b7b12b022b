'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { revokeDocument as revoke } from '@/lib/documents/lifecycle'
import { revokeDocumentSchema } from '@/lib/documents/schema'
import { clientAddress } from '@/lib/request-context'
import { engineContext } from '@/lib/requests/context'
import { kickDelivery } from '@/lib/jobs/boss'
import { decideComplaint as decide } from '@/lib/services/complaint/decide'
import { recordQualityControlAnswer as record } from '@/lib/services/complaint/review'
import { complaintDecisionSchema, qualityControlAnswerSchema } from '@/lib/services/complaint/schema'

// p.38-40: the head decides a complaint: satisfied (the contested refusal is reopened for a new decision), partly
// satisfied or forwarded to the quality-control body; the answer is what the patient reads.
export async function decideComplaint(input: unknown) {
  const parsed = complaintDecisionSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('head', 'chief')
  const db = getDb()
  const result = await decide(db, actor, parsed.data, await engineContext(db))
  if (result.ok) {
    kickDelivery()
    revalidatePath('/head/complaints')
    revalidatePath('/registrar/queue')
  }
  revalidatePath(`/head/requests/${parsed.data.requestId}`)
  return result
}

// p.39-40: the head records what the quality-control body answered about a forwarded complaint.
export async function recordQualityControlAnswer(input: unknown) {
  const parsed = qualityControlAnswerSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('head', 'chief')
  const db = getDb()
  const result = await record(db, actor, parsed.data, await engineContext(db))
  if (result.ok) {
    revalidatePath('/head/complaints')
    revalidatePath(`/head/requests/${parsed.data.requestId}`)
  }
  return result
}

// The head or chief physician revokes a document of their clinic, with a reason /verify/<code> will show.
export async function revokeDocument(input: unknown) {
  const parsed = revokeDocumentSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('head', 'chief')
  const db = getDb()
  const address = await clientAddress()
  const { documentId, version, reason } = parsed.data
  const result = await db.transaction((tx) => revoke(tx, actor, documentId, reason, { version, address }))
  if (result.ok && result.data.requestId) revalidatePath(`/head/requests/${result.data.requestId}`)
  return result
}

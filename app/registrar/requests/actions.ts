'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { supersedeDocument } from '@/lib/documents/lifecycle'
import { supersedeDocumentSchema } from '@/lib/documents/schema'
import { kickDelivery } from '@/lib/jobs/boss'
import { clientAddress } from '@/lib/request-context'
import { engineContext } from '@/lib/requests/context'
import { correctRequest } from '@/lib/requests/correct'
import { transitionRequest } from '@/lib/requests/engine'
import { approvalSchema, correctionEnvelopeSchema, refusalSchema, requestVersionSchema } from '@/lib/requests/schemas'

async function run(operation: 'take', input: unknown) {
  const parsed = requestVersionSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('registrar', 'head', 'chief')
  const db = getDb()
  const result = await transitionRequest(db, actor, { operation, ...parsed.data }, await engineContext(db))
  if (result.ok) revalidated(parsed.data.requestId)
  return result
}

// Only a change is revalidated: a refused decision changed nothing, and a page drawn again under the person would take
// away the panel that tells him why (issue 15: someone decided meanwhile) with what he typed; the panel refreshes when
// he asks.
function revalidated(requestId: string) {
  revalidatePath('/registrar/queue')
  revalidatePath(`/registrar/requests/${requestId}`)
}

export async function takeRequest(input: unknown) {
  return run('take', input)
}

export async function approveRequest(input: unknown) {
  const parsed = approvalSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('registrar', 'head', 'chief')
  const db = getDb()
  const result = await transitionRequest(db, actor, { operation: 'approve', ...parsed.data }, await engineContext(db))
  if (result.ok) {
    kickDelivery()
    revalidated(parsed.data.requestId)
  }
  return result
}

export async function refuseRequest(input: unknown) {
  const parsed = refusalSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('registrar', 'head', 'chief')
  const db = getDb()
  const result = await transitionRequest(db, actor, { operation: 'refuse', ...parsed.data }, await engineContext(db))
  if (result.ok) {
    kickDelivery()
    revalidated(parsed.data.requestId)
  }
  return result
}

// A document its signer sent back (or one found wrong) is corrected: a new document from the request's current data
// goes to its signer, the old one stays in the history.
export async function reissueDocument(input: unknown) {
  const parsed = supersedeDocumentSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('registrar', 'head', 'chief')
  const db = getDb()
  const address = await clientAddress()
  const { documentId, version } = parsed.data
  const result = await db.transaction((tx) => supersedeDocument(tx, actor, documentId, { version, address }))
  if (result.ok) {
    revalidatePath('/registrar/queue')
    revalidatePath(`/registrar/requests/${result.data.requestId}`)
  }
  return result
}

// The registrar corrects the facts a returned document was made from (the service says which), and the corrected
// document goes to its signer in the same transaction; the returned one stays in the history, superseded.
export async function correctReturnedDocument(input: unknown) {
  const parsed = correctionEnvelopeSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('registrar', 'head', 'chief')
  const db = getDb()
  const result = await correctRequest(db, actor, parsed.data, { now: new Date(), address: await clientAddress() })
  revalidatePath('/registrar/queue')
  revalidatePath(`/registrar/requests/${parsed.data.requestId}`)
  return result
}

'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { refuseToSign } from '@/lib/documents/lifecycle'
import { refuseToSignSchema, signDocumentsSchema, submitSignaturesSchema } from '@/lib/documents/schema'
import { signWithDemoPki, submitExternalSignatures } from '@/lib/documents/sign'
import { clientAddress } from '@/lib/request-context'

// One signing inbox for every staff member who signs: doctors (notices), registrars (coupons, refusal notices on
// behalf of the clinic) and heads (countersignatures).
const signers = ['doctor', 'registrar', 'head', 'chief'] as const
const inboxPaths = ['/doctor/sign', '/registrar/sign', '/head/sign']

function revalidateInbox(requestIds: readonly (string | null)[] = []) {
  for (const path of inboxPaths) revalidatePath(path)
  for (const id of requestIds) if (id) revalidatePath(`/registrar/requests/${id}`)
}

export async function signDocuments(input: unknown) {
  const parsed = signDocumentsSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor(...signers)
  const result = await signWithDemoPki(getDb(), actor, parsed.data, { now: new Date(), address: await clientAddress() })
  if (result.ok) revalidateInbox()
  return result
}

export async function submitNcaLayerSignatures(input: unknown) {
  const parsed = submitSignaturesSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor(...signers)
  const result = await submitExternalSignatures(getDb(), actor, parsed.data.items, {
    now: new Date(),
    address: await clientAddress(),
  })
  if (result.ok) revalidateInbox()
  return result
}

// The signer sends the document back to the registrar with a reason; the request shows as returned in the queue.
export async function refuseToSignDocument(input: unknown) {
  const parsed = refuseToSignSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor(...signers)
  const db = getDb()
  const address = await clientAddress()
  const { documentId, version, reason } = parsed.data
  const result = await db.transaction((tx) => refuseToSign(tx, actor, documentId, reason, { version, address }))
  if (result.ok) {
    revalidateInbox([result.data.requestId])
    revalidatePath('/registrar/queue')
  }
  return result
}

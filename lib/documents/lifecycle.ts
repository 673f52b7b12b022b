import 'server-only'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { documents, patients, requestEvents, requestGroups, requests, type DocumentStatus } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { enqueueSms } from '@/lib/notifications/outbox'
import type { Transaction } from '@/lib/requests/contract'
import { noticeCandidates } from '@/lib/requests/group'
import { documentKindOf } from '@/lib/services'
import { createRequestDocuments } from './create'
import type { SignatureCheck } from './signature-check'

export type DocumentCode =
  | 'errors.document.notFound'
  | 'errors.document.stale'
  | 'errors.document.notAwaitingSignature'
  | 'errors.document.notSigner'
  | 'errors.document.alreadyRevoked'
  | 'errors.document.alreadySuperseded'
  | 'errors.document.reasonRequired'
  | 'errors.document.notAllowed'
  | 'errors.document.signatureInvalid'
  | 'errors.document.signatureNotClinic'
  | 'errors.document.signatureOtherClinic'
  | 'errors.document.signatureUnsupported'
  | 'errors.document.signatureUnavailable'

type Options = { version?: number; now?: Date; address?: string | null }

const minimumReason = 5

function lockDocuments(tx: Transaction, ids: readonly string[]) {
  return tx
    .select({
      id: documents.id,
      organizationId: documents.organizationId,
      requestId: documents.requestId,
      patientId: documents.patientId,
      kind: documents.kind,
      number: documents.number,
      status: documents.status,
      signerId: documents.signerId,
      version: documents.version,
    })
    .from(documents)
    .where(inArray(documents.id, [...ids]))
    .orderBy(asc(documents.id))
    .for('update')
}

type LockedDocument = Awaited<ReturnType<typeof lockDocuments>>[number]

async function recordEvent(
  tx: Transaction,
  actor: { kind: 'staff'; id: number },
  document: LockedDocument,
  type: string,
  now: Date,
  data: Record<string, unknown> = {},
) {
  if (!document.requestId) return
  await tx.insert(requestEvents).values({
    requestId: document.requestId,
    type,
    actorKind: actor.kind,
    actorId: actor.id,
    createdAt: now,
    data: { documentId: document.id, kind: document.kind, number: document.number, ...data },
  })
}

// A change made for a stated reason (returned unsigned, revoked): the request's history and the audit log both say why.
async function recordReasoned(
  tx: Transaction,
  actor: StaffActor,
  document: LockedDocument,
  change: { event: string; action: string; reason: string; now: Date; address?: string | null },
) {
  await recordEvent(tx, actor, document, change.event, change.now, { reason: change.reason })
  await writeAudit(tx, {
    actor,
    action: change.action,
    organizationId: document.organizationId,
    patientId: document.patientId,
    entity: 'document',
    entityId: document.id,
    address: change.address ?? null,
    details: { kind: document.kind, number: document.number, reason: change.reason },
  })
}

async function moveTo(
  tx: Transaction,
  document: LockedDocument,
  status: DocumentStatus,
  set: Partial<typeof documents.$inferInsert> = {},
) {
  const [updated] = await tx
    .update(documents)
    .set({ ...set, status, version: sql`${documents.version} + 1` })
    .where(and(eq(documents.id, document.id), eq(documents.version, document.version)))
    .returning({ version: documents.version })
  document.version = updated!.version
  document.status = status
}

function signingFailure(check: SignatureCheck): DocumentCode {
  if (check.status === 'unsupported') return 'errors.document.signatureUnsupported'
  if (check.status === 'unavailable') return 'errors.document.signatureUnavailable'
  if (check.status === 'invalid' && check.reason === 'organization_missing') return 'errors.document.signatureNotClinic'
  if (check.status === 'invalid' && check.reason === 'organization_mismatch') return 'errors.document.signatureOtherClinic'
  return 'errors.document.signatureInvalid'
}

// Accepts the signer's signatures, checked beforehand by lib/signing (checks[i] answers items[i]). All or nothing: if
// any document is not this person's to sign, not awaiting a signature, or its check is not `valid`, nothing changes.
// Each accepted document is signed and at once issued: it appears on the patient's pages and an SMS says so.
export async function applySignatures(
  tx: Transaction,
  signerStaffId: number,
  items: readonly { documentId: string; signature: string }[],
  checks: readonly SignatureCheck[],
  context: { now?: Date; address?: string | null } = {},
): Promise<
  ActionResult<{ issued: { documentId: string; requestId: string | null; number: string }[] }, DocumentCode> & {
    documentId?: string
  }
> {
  const now = context.now ?? new Date()
  if (items.length === 0 || items.length !== checks.length) return invalidInput()
  const ids = items.map((item) => item.documentId)
  if (new Set(ids).size !== ids.length) return invalidInput()
  const locked = await lockDocuments(tx, ids)
  for (const [index, item] of items.entries()) {
    const document = locked.find((row) => row.id === item.documentId)
    const check = checks[index]!
    if (!document) return { ok: false, code: 'errors.document.notFound', documentId: item.documentId }
    if (document.signerId !== signerStaffId) return { ok: false, code: 'errors.document.notSigner', documentId: document.id }
    if (document.status !== 'awaiting_signature')
      return { ok: false, code: 'errors.document.notAwaitingSignature', documentId: document.id }
    if (check.status !== 'valid') return { ok: false, code: signingFailure(check), documentId: document.id }
  }

  const actor = { kind: 'staff' as const, id: signerStaffId }
  const issued: { documentId: string; requestId: string | null; number: string }[] = []
  for (const [index, item] of items.entries()) {
    const document = locked.find((row) => row.id === item.documentId)!
    const check = checks[index] as Extract<SignatureCheck, { status: 'valid' }>
    const { signer } = check
    await moveTo(tx, document, 'signed', {
      signature: item.signature,
      signedAt: check.signedAt ?? now,
      signerCertificate: {
        commonName: signer.commonName,
        subject: signer.subject,
        issuer: signer.issuer,
        certificateSerial: signer.certificateSerial,
        iin: signer.iin,
        organization: signer.organization,
      },
    })
    const audit = {
      organizationId: document.organizationId,
      patientId: document.patientId,
      entity: 'document',
      entityId: document.id,
    }
    await writeAudit(tx, {
      actor,
      action: 'document.sign',
      ...audit,
      address: context.address ?? null,
      details: { kind: document.kind, number: document.number, certificateSerial: signer.certificateSerial },
    })
    await moveTo(tx, document, 'issued')
    await writeAudit(tx, { actor, action: 'document.issue', ...audit, details: { kind: document.kind, number: document.number } })
    await recordEvent(tx, actor, document, 'document_issued', now)
    issued.push({ documentId: document.id, requestId: document.requestId, number: document.number })
  }
  // One SMS per request, when the last of its documents still to be signed is issued: the notice and the coupon wait
  // for different signers, and the patient is told once that the request's documents are ready.
  const requestIds = [...new Set(issued.map((entry) => entry.requestId).filter((id): id is string => id !== null))]
  for (const requestId of requestIds) await notifyDocumentReady(tx, requestId)
  return { ok: true, data: { issued } }
}

async function notifyDocumentReady(tx: Transaction, requestId: string) {
  const [waiting] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.requestId, requestId),
        inArray(documents.status, ['draft', 'awaiting_signature']),
        sql`not exists (select 1 from ${documents} as successor where successor.supersedes_id = ${documents.id})`,
      ),
    )
    .limit(1)
  if (waiting) return
  const [request] = await tx
    .select({
      number: requests.number,
      patientId: requests.patientId,
      applicantPatientId: requests.applicantPatientId,
      groupId: requests.groupId,
      groupApplicantId: requestGroups.applicantPatientId,
    })
    .from(requests)
    .leftJoin(requestGroups, eq(requestGroups.id, requests.groupId))
    .where(eq(requests.id, requestId))
  if (!request) return
  // The applicant (a parent for a child), else the person the document is for; a member of a request group, or the
  // group's applicant (a family's consenting member, p.30 para 2).
  const candidates = request.groupId
    ? noticeCandidates(request.patientId, request.groupApplicantId)
    : [...new Set([request.applicantPatientId, request.patientId].filter((id): id is number => id !== null))]
  const rows = await tx
    .select({ id: patients.id, phone: patients.phone, locale: patients.locale })
    .from(patients)
    .where(inArray(patients.id, candidates))
  const recipient = candidates.map((id) => rows.find((row) => row.id === id)).find((row) => row?.phone)
  if (!recipient?.phone) return
  await enqueueSms(tx, {
    phone: recipient.phone,
    locale: recipient.locale,
    template: 'documentReady',
    params: { number: request.number },
    patientId: recipient.id,
    requestId,
  })
}

function checkVersion(document: LockedDocument, options: Options): boolean {
  return options.version === undefined || options.version === document.version
}

type ReasonedChange = {
  refusal: (document: LockedDocument) => DocumentCode | null
  to: DocumentStatus
  set?: (now: Date, reason: string) => Partial<typeof documents.$inferInsert>
  event: string
  action: string
}

// A change made for a reason (returned, revoked): the reason checked, the document locked, the actor's right to make
// this change, the version, then the move and its record.
function reasonedChange(changeFor: (actor: StaffActor) => ReasonedChange) {
  return async (
    tx: Transaction,
    actor: StaffActor,
    documentId: string,
    reason: string,
    options: Options = {},
  ): Promise<ActionResult<{ requestId: string | null; version: number }, DocumentCode>> => {
    const change = changeFor(actor)
    const now = options.now ?? new Date()
    const text = reason.trim()
    if (text.length < minimumReason)
      return { ok: false, code: 'errors.document.reasonRequired', fieldErrors: { reason: 'errors.document.reasonRequired' } }
    const [document] = await lockDocuments(tx, [documentId])
    if (!document || document.organizationId !== actor.organizationId) return { ok: false, code: 'errors.document.notFound' }
    const refusal = change.refusal(document)
    if (refusal) return { ok: false, code: refusal }
    if (!checkVersion(document, options)) return { ok: false, code: 'errors.document.stale' }
    await moveTo(tx, document, change.to, change.set?.(now, text))
    await recordReasoned(tx, actor, document, {
      event: change.event,
      action: change.action,
      reason: text,
      now,
      address: options.address,
    })
    return { ok: true, data: { requestId: document.requestId, version: document.version } }
  }
}

// A decision reopened for a new one (a satisfied complaint, Rules of attachment p.40) no longer holds, nor do its
// documents: each one not yet revoked, signed or still waiting for its signer, is revoked with the reason that
// /verify/<code> shows. What the submission made (the written application) stays: it records what was asked.
export async function revokeDecisionDocuments(
  tx: Transaction,
  actor: StaffActor,
  requestId: string,
  reason: string,
  context: { now: Date; address: string | null },
): Promise<number> {
  const rows = await tx
    .select({ id: documents.id, kind: documents.kind })
    .from(documents)
    .where(and(eq(documents.requestId, requestId), sql`${documents.status} <> 'revoked'`))
  const ids = rows.filter((row) => documentKindOf(row.kind)?.madeAt !== 'submission').map((row) => row.id)
  if (ids.length === 0) return 0
  for (const document of await lockDocuments(tx, ids)) {
    await moveTo(tx, document, 'revoked', { revokedAt: context.now, revokedBy: actor.id, revokedReason: reason })
    await recordReasoned(tx, actor, document, {
      event: 'document_revoked',
      action: 'document.revoke',
      reason,
      now: context.now,
      address: context.address,
    })
  }
  return ids.length
}

// The named signer declines, with a reason: the document goes back to draft and the request shows in the
// registrar's queue as returned (lib/requests/queries: `returnedDocuments`).
export const refuseToSign = reasonedChange((actor) => ({
  refusal: (document) =>
    document.signerId !== actor.id
      ? 'errors.document.notSigner'
      : document.status !== 'awaiting_signature'
        ? 'errors.document.notAwaitingSignature'
        : null,
  to: 'draft',
  event: 'document_returned',
  action: 'document.refuseToSign',
}))

// The head or chief physician withdraws a document, with a reason that /verify/<code> shows. The document and its
// signature stay; only its status says it no longer holds.
export const revokeDocument = reasonedChange((actor) => ({
  refusal: (document) =>
    !authorize(actor, 'document.revoke', { organizationId: document.organizationId, patientId: document.patientId })
      ? 'errors.document.notAllowed'
      : document.status === 'revoked'
        ? 'errors.document.alreadyRevoked'
        : null,
  to: 'revoked',
  set: (now, text) => ({ revokedAt: now, revokedBy: actor.id, revokedReason: text }),
  event: 'document_revoked',
  action: 'document.revoke',
}))

// A correction: a new document of the same kind, made from the request's data as it is now, with a new number,
// awaiting its signer, pointing at the one it supersedes. The old one stays as it is, in the history.
export async function supersedeDocument(
  tx: Transaction,
  actor: StaffActor,
  documentId: string,
  options: Options = {},
): Promise<ActionResult<{ documentId: string; number: string; requestId: string }, DocumentCode>> {
  const now = options.now ?? new Date()
  const [document] = await lockDocuments(tx, [documentId])
  if (!document || document.organizationId !== actor.organizationId || !document.requestId)
    return { ok: false, code: 'errors.document.notFound' }
  const [request] = await tx.select({ service: requests.service }).from(requests).where(eq(requests.id, document.requestId))
  const definition = documentKindOf(document.kind)
  if (!request || !definition) return { ok: false, code: 'errors.document.notFound' }
  // A document of the submission (the written application the person signed by hand) records what was submitted: it
  // is not remade; a different application is a new request.
  if (definition.madeAt === 'submission') return { ok: false, code: 'errors.document.notAllowed' }
  // A correction remakes the decision's document: it is for those who may decide the request.
  if (
    !authorize(actor, 'approve', {
      service: request.service,
      organizationId: document.organizationId,
      patientId: document.patientId,
    })
  )
    return { ok: false, code: 'errors.document.notAllowed' }
  if (!checkVersion(document, options)) return { ok: false, code: 'errors.document.stale' }
  const [successor] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.supersedesId, document.id))
  if (successor) return { ok: false, code: 'errors.document.alreadySuperseded' }
  const [created] = await createRequestDocuments(tx, document.requestId, [document.kind], {
    now,
    actor: { kind: 'staff', id: actor.id },
    supersedesId: document.id,
  })
  await recordEvent(tx, actor, document, 'document_superseded', now, { by: created!.id, byNumber: created!.number })
  return { ok: true, data: { documentId: created!.id, number: created!.number, requestId: document.requestId } }
}

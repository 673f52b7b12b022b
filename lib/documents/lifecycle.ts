import 'server-only'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { documents, requestEvents, requests, type DocumentStatus } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { renderSms } from '@/lib/notifications/outbox'
import type { Transaction } from '@/lib/requests/contract'
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
// `onlyOpen` (the organization's seal, which may race a parallel call of its own): a document another call already
// signed, or that is no longer this signer's, is left out instead of refusing the batch.
export async function applySignatures(
  tx: Transaction,
  signerStaffId: number,
  items: readonly { documentId: string; signature: string }[],
  checks: readonly SignatureCheck[],
  context: { now?: Date; address?: string | null; onlyOpen?: boolean } = {},
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
  let work = items.map((item, index) => ({
    item,
    check: checks[index]!,
    document: locked.find((row) => row.id === item.documentId),
  }))
  if (context.onlyOpen)
    work = work.filter(({ document }) => document?.signerId === signerStaffId && document.status === 'awaiting_signature')
  if (work.length === 0) return { ok: true, data: { issued: [] } }
  for (const { item, document, check } of work) {
    if (!document) return { ok: false, code: 'errors.document.notFound', documentId: item.documentId }
    if (document.signerId !== signerStaffId) return { ok: false, code: 'errors.document.notSigner', documentId: document.id }
    if (document.status !== 'awaiting_signature')
      return { ok: false, code: 'errors.document.notAwaitingSignature', documentId: document.id }
    if (check.status !== 'valid') return { ok: false, code: signingFailure(check), documentId: document.id }
  }

  // The whole batch in two statements (issue 16: one round trip each, whatever the batch): every document signed, with
  // its audit row, then every one issued (the documents' trigger allows `issued` only once `signed`), with its audit
  // row and the request's event.
  const accepted = work.map(({ item, document, check }, position) => {
    const { signer, signedAt } = check as Extract<SignatureCheck, { status: 'valid' }>
    const row = document!
    return {
      position,
      id: row.id,
      version: row.version,
      organization_id: row.organizationId,
      patient_id: row.patientId,
      request_id: row.requestId,
      signature: item.signature,
      signed_at: (signedAt ?? now).toISOString(),
      certificate: {
        commonName: signer.commonName,
        subject: signer.subject,
        issuer: signer.issuer,
        certificateSerial: signer.certificateSerial,
        iin: signer.iin,
        organization: signer.organization,
      },
      sign_details: { kind: row.kind, number: row.number, certificateSerial: signer.certificateSerial },
      details: { kind: row.kind, number: row.number },
      event: { documentId: row.id, kind: row.kind, number: row.number },
    }
  })
  const batch = sql`jsonb_to_recordset(${JSON.stringify(accepted)}::jsonb) as i(position int, id uuid, version int,
    organization_id bigint, patient_id bigint, request_id uuid, signature text, signed_at timestamptz, certificate jsonb,
    sign_details jsonb, details jsonb, event jsonb)`
  const signed = await tx.execute<{ id: string }>(sql`
    with i as (select * from ${batch}),
    s as (
      update documents d
      set status = 'signed', signature = i.signature, signed_at = i.signed_at, signer_certificate = i.certificate,
          version = d.version + 1
      from i where d.id = i.id and d.version = i.version
      returning d.id),
    a as (
      insert into audit_log (actor_kind, actor_id, action, organization_id, patient_id, entity, entity_id, address, details)
      select 'staff', ${signerStaffId}::bigint, 'document.sign', i.organization_id, i.patient_id, 'document', i.id::text,
             ${context.address ?? null}::text, i.sign_details
      from i join s using (id) order by i.position)
    select id from s`)
  if (signed.length !== accepted.length) throw new Error('documents: a locked document changed while it was signed')
  const issuedRows = await tx.execute<{ id: string }>(sql`
    with i as (select * from ${batch}),
    u as (
      update documents d set status = 'issued', version = d.version + 1
      from i where d.id = i.id and d.version = i.version + 1 and d.status = 'signed'
      returning d.id),
    a as (
      insert into audit_log (actor_kind, actor_id, action, organization_id, patient_id, entity, entity_id, details)
      select 'staff', ${signerStaffId}::bigint, 'document.issue', i.organization_id, i.patient_id, 'document', i.id::text, i.details
      from i join u using (id) order by i.position),
    e as (
      insert into request_events (request_id, type, actor_kind, actor_id, created_at, data)
      select i.request_id, 'document_issued', 'staff', ${signerStaffId}::bigint, ${now.toISOString()}::timestamptz, i.event
      from i join u using (id) where i.request_id is not null order by i.position)
    select id from u`)
  if (issuedRows.length !== accepted.length) throw new Error('documents: a signed document changed before it was issued')
  const issued = work.map(({ document }) => ({
    documentId: document!.id,
    requestId: document!.requestId,
    number: document!.number,
  }))
  // One SMS per request, when the last of its documents still to be signed is issued: the notice and the coupon wait
  // for different signers, and the patient is told once that the request's documents are ready.
  const requestIds = [...new Set(issued.map((entry) => entry.requestId).filter((id): id is string => id !== null))]
  await notifyDocumentsReady(tx, requestIds)
  return { ok: true, data: { issued } }
}

// Stands for the request's number in the SMS rendered before the statement reads it.
const numberSlot = '⟦number⟧'

// One statement for all the requests: nothing for a request a document of which still waits (for another signer);
// else the SMS, in the recipient's language, to the applicant (a parent for a child), else the person the document is
// for; for a member of a request group, the member, else the group's applicant (a family's consenting member, p.30
// para 2, noticeCandidates): the first of them with a phone.
async function notifyDocumentsReady(tx: Transaction, requestIds: readonly string[]) {
  if (requestIds.length === 0) return
  const body = (locale: 'kk' | 'ru') => renderSms(locale, 'documentReady', { number: numberSlot })
  await tx.execute(sql`
    with r as (
      select r.id, r.number, case when r.group_id is not null
                                  then array[r.patient_id, g.applicant_patient_id]
                                  else array[r.applicant_patient_id, r.patient_id] end as candidates
      from requests r left join request_groups g on g.id = r.group_id
      where r.id in ${[...requestIds]}
        and not exists (
          select 1 from documents w
          where w.request_id = r.id and w.status in ('draft', 'awaiting_signature')
            and not exists (select 1 from documents successor where successor.supersedes_id = w.id))),
    recipient as (
      select distinct on (r.id) r.id as request_id, p.id, p.phone, p.locale, r.number
      from r cross join lateral unnest(r.candidates) with ordinality as c(id, position)
      join patients p on p.id = c.id
      where p.phone is not null and p.phone <> ''
      order by r.id, c.position)
    insert into notifications (channel, recipient, patient_id, request_id, template, locale, body, params)
    select 'sms', phone, id, request_id, 'documentReady', locale,
           replace(case locale when 'ru' then ${body('ru')}::text else ${body('kk')}::text end, ${numberSlot}, number::text),
           jsonb_build_object('number', number)
    from recipient`)
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

import 'server-only'
import type { ErrorCode } from '@/lib/errors/codes'
import { and, asc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { staffNameOf } from '@/db/names'
import { patients, requestEvents, requestGroups, requests, type RequestChannel, type RequestStatus } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { Actor } from '@/lib/auth/actor'
import { authorize, permissionOf, servicesFor } from '@/lib/auth/authorize'
import { almatyDay, dueAt, type CalendarOverride } from '@/lib/calendar'
import { createRequestDocuments } from '@/lib/documents/create'
import { revokeDecisionDocuments } from '@/lib/documents/lifecycle'
import { violatedConstraint } from '@/lib/errors/database'
import { enqueueSms, renderSms, type SmsTemplate } from '@/lib/notifications/outbox'
import { messagesFor, type MessageKey } from '@/lib/i18n/messages'
import { formatInstant } from '@/lib/i18n/format'
import { createTranslator } from 'next-intl'
import type { DecidedRequest, DecisionOutcome, ServiceDefinition, Transaction, Transition } from '@/lib/requests/contract'
import { noticeCandidates } from './group'
import { listServices, serviceOf } from '@/lib/services'

export type EngineContext = { now: Date; address: string | null; overrides: readonly CalendarOverride[] }

// The engine's own refusals, or a service's (ServiceDefinition.validate): a message key either way.
export type SubmitCode = ErrorCode
export type DecideCode =
  | 'errors.request.notFound'
  | 'errors.request.alreadyDecided'
  | 'errors.request.stale'
  | 'errors.request.illegalTransition'
  | 'errors.request.notAllowed'
  | 'errors.request.refusalGroundUnknown'
  // A service's own reason an approval is blocked (ServiceDefinition.approvalBlock).
  | ErrorCode

function constraintMessage(constraint: string): ErrorCode | null {
  for (const service of listServices()) {
    const code = service.constraints?.[constraint]
    if (code) return code
  }
  return null
}

export type AlreadyDecided = { status: RequestStatus; decidedBy: string | null; decidedAt: string | null }

// Issue 15: a person recorded as dead (a detachment on death, one per person) starts no new request, whoever applies.
const deceased = (patientId: number | null) =>
  sql`exists (select 1 from detachments d where d.patient_id = ${patientId} and d.reason = 'death')`

// Stands for the request number in a receipt rendered before the number exists.
const numberSlot = '⟦number⟧'

const decidedStatuses: readonly RequestStatus[] = ['approved', 'signed', 'issued', 'refused', 'cancelled']

// Submit a request. The idempotency key makes a double click or a replay return the first request, not a second one.
export async function submitRequest(
  db: Database,
  actor: Actor,
  input: { service: string; channel: RequestChannel; idempotencyKey: string; payload: unknown },
  context: EngineContext,
): Promise<ActionResult<{ requestId: string; number: number; replayed: boolean }, SubmitCode>> {
  const service = serviceOf(input.service)
  if (!service || !servicesFor(actor, 'submit').includes(service)) return { ok: false, code: 'errors.request.notAllowed' }
  const parsed = service.schema.safeParse(input.payload)
  if (!parsed.success) return invalidInput(parsed.error)
  const payload = parsed.data
  const organizationId = service.organizationOf(payload)
  const patientId = service.patientOf(payload)
  // A patient submits for themselves or a represented child; staff submit at their own clinic.
  if (!authorize(actor, 'submit', { service: service.id, organizationId, patientId })) {
    return { ok: false, code: 'errors.request.notAllowed', fieldErrors: { patientId: 'errors.request.notAllowed' } }
  }

  if (service.validate) {
    const valid = await service.validate(db, payload, { actor, now: context.now, channel: input.channel })
    if (!valid.ok) return { ok: false, code: valid.code, fieldErrors: valid.field ? { [valid.field]: valid.code } : undefined }
  }
  const due = dueAt(context.now, service.deadline(input.channel), input.channel, { overrides: context.overrides })
  // The receipt goes to the applicant's own phone (a parent for a child); the request's number is known only once the
  // row exists, so the text carries a slot the statement fills in.
  const recipient =
    actor.kind === 'patient' && actor.phone ? { phone: actor.phone, locale: actor.locale, patientId: actor.id } : null
  const receiptTemplate = service.templates?.submit ?? 'requestSubmitted'
  // It says when the answer is due, for a service whose receipt names the moment (Order ҚР ДСМ-49/2020 R·p.3).
  const receipt = recipient
    ? renderSms(recipient.locale, receiptTemplate, { number: numberSlot, due: formatInstant(due, recipient.locale) })
    : null
  // The documents this channel's submission makes (the written application a registrar takes at the desk, p.23).
  const submissionKinds = service.documents?.onSubmit?.[input.channel] ?? []
  try {
    // The hot path of the app: the request, its first event, the audit row and the SMS receipt in ONE statement (one
    // round trip, atomic on its own). A replayed idempotency key inserts nothing and falls through to the replay.
    const insert = (executor: Pick<Database, 'execute'>) =>
      executor.execute<{ id: string; number: number }>(sql`
      with r as (
        insert into requests (organization_id, patient_id, applicant_patient_id, applicant_staff_id, service, channel, status,
                              payload, idempotency_key, submitted_at, due_at)
        select ${organizationId}, ${patientId}, ${actor.kind === 'patient' ? actor.id : null}, ${actor.kind === 'staff' ? actor.id : null},
               ${service.id}, ${input.channel}, 'submitted', ${JSON.stringify(payload)}::jsonb, ${input.idempotencyKey},
               ${context.now.toISOString()}::timestamptz, ${due.toISOString()}::timestamptz
        where not ${deceased(patientId)}
        on conflict (idempotency_key) do nothing
        returning id, number),
      e as (
        insert into request_events (request_id, type, to_status, actor_kind, actor_id, created_at, data)
        select id, 'submitted', 'submitted', ${actor.kind}, ${actor.id}, ${context.now.toISOString()}::timestamptz,
               jsonb_build_object('channel', ${input.channel}::text)
        from r),
      a as (
        insert into audit_log (actor_kind, actor_id, action, organization_id, patient_id, entity, entity_id, address, details)
        select ${actor.kind}, ${actor.id}, 'request.submit', ${organizationId}, ${patientId}, 'request', id::text, ${context.address},
               jsonb_build_object('service', ${service.id}::text, 'channel', ${input.channel}::text)
        from r),
      n as (
        insert into notifications (channel, recipient, patient_id, request_id, template, locale, body, params)
        select 'sms', ${recipient?.phone ?? null}, ${recipient?.patientId ?? null}, id, ${receiptTemplate}, ${recipient?.locale ?? null},
               replace(${receipt}::text, ${numberSlot}, number::text), jsonb_build_object('number', number)
        from r where ${receipt}::text is not null)
      select id, number::int as number from r`)
    // With documents to make, the statement and the documents share one transaction: all or nothing. A replay
    // inserted no request, so it makes no document either.
    const [created] =
      submissionKinds.length === 0
        ? await insert(db)
        : await db.transaction(async (tx) => {
            const rows = await insert(tx)
            const [row] = rows
            if (row)
              await createRequestDocuments(tx, row.id, submissionKinds, {
                now: context.now,
                actor: { kind: actor.kind, id: actor.id },
              })
            return rows
          })
    if (!created) {
      const replay = await findByIdempotencyKey(db, input.idempotencyKey)
      if (replay) return replayResult(replay, actor)
      const [dead] = await db.execute<{ dead: boolean }>(sql`select ${deceased(patientId)} as dead`)
      return { ok: false, code: dead?.dead ? 'errors.request.patientDeceased' : 'errors.request.duplicateKey' }
    }
    return { ok: true, data: { requestId: created.id, number: Number(created.number), replayed: false } }
  } catch (error) {
    if (violatedConstraint(error) === 'requests_one_open_per_patient_service')
      return { ok: false, code: 'errors.request.alreadyOpen' }
    throw error
  }
}

async function findByIdempotencyKey(db: Database, key: string) {
  const [row] = await db
    .select({
      id: requests.id,
      number: requests.number,
      applicantPatientId: requests.applicantPatientId,
      applicantStaffId: requests.applicantStaffId,
    })
    .from(requests)
    .where(eq(requests.idempotencyKey, key))
  return row ?? null
}

function replayResult(
  row: NonNullable<Awaited<ReturnType<typeof findByIdempotencyKey>>>,
  actor: Actor,
): ActionResult<{ requestId: string; number: number; replayed: boolean }, SubmitCode> {
  const mine = actor.kind === 'patient' ? row.applicantPatientId === actor.id : row.applicantStaffId === actor.id
  if (!mine) return { ok: false, code: 'errors.request.duplicateKey' }
  return { ok: true, data: { requestId: row.id, number: row.number, replayed: true } }
}

// The SMS goes to the first candidate with a phone: the patient who applied, or for a member of a request group the
// member and then the group's applicant (a family's consenting member, p.30 para 2).
async function notifyPatient(
  tx: Transaction,
  requestId: string,
  candidates: readonly number[],
  template: SmsTemplate,
  params: Record<string, string | number>,
) {
  if (candidates.length === 0) return
  const rows = await tx
    .select({ id: patients.id, phone: patients.phone, locale: patients.locale })
    .from(patients)
    .where(inArray(patients.id, [...candidates]))
  const recipient = candidates.map((id) => rows.find((row) => row.id === id)).find((row) => row?.phone)
  if (!recipient?.phone) return
  await enqueueSms(tx, { phone: recipient.phone, locale: recipient.locale, template, params, patientId: recipient.id, requestId })
}

export type TransitionInput =
  | { operation: 'take'; requestId: string; version: number }
  // `details`: what the person approving chose for each request of the decision (ServiceDefinition.approvalDetails).
  // `note`: what the approval says to the applicant, where the service asks for it (a complaint's answer, p.38).
  | {
      operation: 'approve'
      requestId: string
      version: number
      details?: Readonly<Record<string, Readonly<Record<string, string>>>>
      note?: string
    }
  | { operation: 'refuse'; requestId: string; version: number; ground: string; reason: string }
  | { operation: 'cancel'; requestId: string; version: number }

const templateOf = {
  take: null,
  approve: 'requestApproved',
  refuse: 'requestRefused',
  cancel: 'requestCancelled',
} as const satisfies Record<TransitionInput['operation'], SmsTemplate | null>

function lockedRow(tx: Transaction, where: SQL) {
  return tx
    .select({
      id: requests.id,
      number: requests.number,
      organizationId: requests.organizationId,
      patientId: requests.patientId,
      applicantPatientId: requests.applicantPatientId,
      service: requests.service,
      channel: requests.channel,
      status: requests.status,
      payload: requests.payload,
      version: requests.version,
      submittedAt: requests.submittedAt,
      assigneeId: requests.assigneeId,
      decidedAt: requests.decidedAt,
      decidedByName: staffNameOf(requests.decidedBy),
      groupId: requests.groupId,
      groupApplicantId: requestGroups.applicantPatientId,
    })
    .from(requests)
    .leftJoin(requestGroups, eq(requestGroups.id, requests.groupId))
    .where(where)
    .orderBy(asc(requests.id))
    .for('update', { of: requests })
}

type LockedRow = Awaited<ReturnType<typeof lockedRow>>[number]

type TransitionResult = ActionResult<{ status: RequestStatus; version: number; group?: number }, DecideCode> & {
  decided?: AlreadyDecided
}

// The rows a transition locks: the request and, for a member of a request group, the rest of its group. One
// statement, in id order (lockedRow), so two people acting on two members of one group queue up instead of
// deadlocking; a group's members never change group (requests_group_idx finds them).
function lockRequests(tx: Transaction, requestIds: readonly string[]) {
  const ids = [...requestIds]
  return lockedRow(
    tx,
    inArray(
      requests.id,
      sql`(select r.id from requests r where r.id in ${ids}
           union
           select m.id from requests r
           join requests m on m.organization_id = r.organization_id and m.group_id = r.group_id
           where r.id in ${ids} and r.group_id is not null)`,
    ),
  )
}

// Take, approve, refuse or cancel: one transaction with the row locked, so of two people acting at once one wins
// and the other is told what happened. Out-of-scope requests look exactly like missing ones.
export async function transitionRequest(
  db: Database,
  actor: Actor,
  input: TransitionInput,
  context: EngineContext,
): Promise<TransitionResult> {
  try {
    return await db.transaction(async (tx) =>
      transitionLocked(tx, actor, input, context, await lockRequests(tx, [input.requestId])),
    )
  } catch (error) {
    return transitionFailure(error)
  }
}

// Many transitions by one actor in one transaction: what an information system decides on its own (a registry centre's
// certificates, Order ҚР ДСМ-49/2020 list row 5) pays one lock statement and one commit for the batch instead of one
// each. Each input is checked and applied exactly as transitionRequest would, and gets its own result, in order. A
// batch whose requests share a group, or that names a request twice, and one a database error stops, is done again
// one input at a time, so every input gets the answer transitionRequest would give it.
export async function transitionRequests(
  db: Database,
  actor: Actor,
  inputs: readonly TransitionInput[],
  context: EngineContext,
): Promise<TransitionResult[]> {
  const oneByOne = () =>
    inputs.reduce<Promise<TransitionResult[]>>(
      async (done, input) => [...(await done), await transitionRequest(db, actor, input, context)],
      Promise.resolve([]),
    )
  if (inputs.length <= 1 || new Set(inputs.map((input) => input.requestId)).size !== inputs.length) return oneByOne()
  try {
    const results = await db.transaction(async (tx) => {
      const locked = await lockRequests(
        tx,
        inputs.map((input) => input.requestId),
      )
      if (locked.some((row) => row.groupId !== null)) return null
      const done: TransitionResult[] = []
      for (const input of inputs) done.push(await transitionLocked(tx, actor, input, context, locked))
      return done
    })
    return results ?? (await oneByOne())
  } catch (error) {
    console.error('[requests] a batch of transitions failed; each is done again on its own', error)
    return oneByOne()
  }
}

function transitionFailure(error: unknown): TransitionResult {
  if (error instanceof StoredPayloadInvalid) {
    console.error(`[requests] ${error.message}`)
    return { ok: false, code: 'errors.unexpected' }
  }
  // A service's own tables may refuse what two decisions at once let past the row lock (a second active
  // attachment): the service says what that means to the person.
  const constraint = violatedConstraint(error)
  // A contested request reopened while the patient has another open request of its service at the clinic.
  if (constraint === 'requests_one_open_per_patient_service') return { ok: false, code: 'errors.request.reopenBlocked' }
  const code = constraint ? constraintMessage(constraint) : null
  if (code) return { ok: false, code }
  throw error
}

// One transition, its rows locked by the caller (lockRequests).
async function transitionLocked(
  tx: Transaction,
  actor: Actor,
  input: TransitionInput,
  context: EngineContext,
  locked: readonly LockedRow[],
): Promise<TransitionResult> {
  const row = locked.find((candidate) => candidate.id === input.requestId)
  if (!row) return { ok: false, code: 'errors.request.notFound' }
  const inGroup = row.groupId !== null
  const permission = permissionOf(actor, input.operation, row)
  const service = serviceOf(row.service)
  if (!service || permission === 'outOfScope') return { ok: false, code: 'errors.request.notFound' }
  if (permission === 'forbidden') return { ok: false, code: 'errors.request.notAllowed' }
  const transition = service.transitions.find((t) => t.operation === input.operation)
  if (!transition || !transition.from.includes(row.status)) {
    if (decidedStatuses.includes(row.status)) {
      return {
        ok: false,
        code: 'errors.request.alreadyDecided',
        decided: { status: row.status, decidedBy: row.decidedByName, decidedAt: row.decidedAt?.toISOString() ?? null },
      }
    }
    return { ok: false, code: 'errors.request.illegalTransition' }
  }
  // Optimistic locking: the person acted on what they saw; if the row changed since, they see it again first.
  if (row.version !== input.version) return { ok: false, code: 'errors.request.stale' }
  if (input.operation === 'approve' && service.approvalNote && !input.note?.trim()) {
    const code = service.approvalNote.required
    const fieldErrors: Record<string, string> = { note: code }
    return { ok: false, code, fieldErrors }
  }
  if (input.operation === 'refuse' && !service.refusalGrounds.some((ground) => ground.code === input.ground)) {
    return {
      ok: false,
      code: 'errors.request.refusalGroundUnknown',
      fieldErrors: { ground: 'errors.request.refusalGroundUnknown' },
    }
  }
  // A member withdraws only their own request; taking and deciding carry the other open members along, each with
  // its own event, audit row and notice, and a refusal with the same ground and reason.
  const members =
    inGroup && input.operation !== 'cancel'
      ? locked.filter(
          (member) =>
            member.id !== row.id &&
            member.groupId === row.groupId &&
            transition.from.includes(member.status) &&
            authorize(actor, input.operation, member),
        )
      : []
  // What the approval adds to each request (the section chosen for an attachment left to the clinic), stored in
  // its payload before anything else reads it; for a group, one member that cannot be completed stops everyone.
  const completedPayloads = new Set<LockedRow>()
  if (input.operation === 'approve' && service.approvalDetails) {
    for (const candidate of [row, ...members]) {
      const decided = decidedRequest(service, candidate)
      const completed = await service.approvalDetails.complete(tx, decided, input.details?.[candidate.id], {
        today: almatyDay(context.now),
      })
      if (!completed.ok) {
        return {
          ok: false,
          code: completed.code,
          fieldErrors: { [`details.${candidate.id}.${completed.field}`]: completed.code },
        }
      }
      // The service hands back the payload it was given when nothing was added. What it added is stored with the
      // decision's own update (applyTransition), before anything reads the stored payload.
      if (completed.payload !== decided.payload) {
        candidate.payload = completed.payload
        completedPayloads.add(candidate)
      }
    }
  }
  // A service may hold an approval back (an insurance contract that ran out since submission, p.29): for a group,
  // if any member is held back, nobody is approved.
  if (input.operation === 'approve' && service.approvalBlock) {
    for (const candidate of [row, ...members]) {
      const blocked = await service.approvalBlock(tx, decidedRequest(service, candidate), { today: almatyDay(context.now) })
      if (blocked) return { ok: false, code: blocked }
    }
  }
  // A service may hold a refusal back: a ground that applies only once something happened (a certificate about
  // another person is refused only when that person did not consent, Order ҚР ДСМ-49/2020 list row 10).
  if (input.operation === 'refuse' && service.refusalBlock) {
    for (const candidate of [row, ...members]) {
      const blocked = await service.refusalBlock(tx, decidedRequest(service, candidate), { now: context.now })
      if (blocked) return { ok: false, code: blocked }
    }
  }
  const version = await applyTransition(tx, actor, input, service, transition, row, context, completedPayloads.has(row))
  for (const member of members)
    await applyTransition(tx, actor, input, service, transition, member, context, completedPayloads.has(member))
  return { ok: true, data: { status: transition.to, version, ...(inGroup ? { group: members.length + 1 } : {}) } }
}

// A stored payload its own service no longer parses: a change to the schema that old requests were not migrated for.
class StoredPayloadInvalid extends Error {}

// The request as the service's hooks see it: its payload parsed again through the service's own schema, so each hook
// gets the service's own payload type.
function decidedRequest(service: ServiceDefinition, row: LockedRow): DecidedRequest {
  const parsed = service.schema.safeParse(row.payload)
  if (!parsed.success) throw new StoredPayloadInvalid(`the ${service.id} payload of request ${row.id} does not parse`)
  return {
    id: row.id,
    organizationId: row.organizationId,
    patientId: row.patientId,
    channel: row.channel,
    submittedAt: row.submittedAt,
    groupId: row.groupId,
    payload: parsed.data,
  }
}

async function applyTransition(
  tx: Transaction,
  actor: Actor,
  input: TransitionInput,
  service: ServiceDefinition,
  transition: Transition,
  row: LockedRow,
  context: EngineContext,
  // The approval completed the payload (ServiceDefinition.approvalDetails): it is stored with the new status.
  payloadCompleted = false,
): Promise<number> {
  const decides = input.operation === 'approve' || input.operation === 'refuse'
  const update = tx
    .update(requests)
    .set({
      ...(payloadCompleted ? { payload: row.payload } : {}),
      status: transition.to,
      version: sql`${requests.version} + 1`,
      assigneeId: actor.kind === 'staff' ? sql`coalesce(${requests.assigneeId}, ${actor.id})` : requests.assigneeId,
      ...(decides ? { decidedAt: context.now, decidedBy: actor.id } : {}),
      ...(input.operation === 'refuse' ? { refusalGround: input.ground, refusalReason: input.reason } : {}),
    })
    .where(and(eq(requests.id, row.id), eq(requests.version, row.version)))
    .returning({ version: requests.version })
  const eventData = {
    ...(input.operation === 'refuse' ? { ground: input.ground, reason: input.reason } : {}),
    ...(input.operation === 'approve' && input.note?.trim() ? { note: input.note.trim() } : {}),
    ...(row.groupId ? { groupId: row.groupId, decidedVia: input.requestId } : {}),
  }
  const auditDetails = {
    service: row.service,
    from: row.status,
    to: transition.to,
    ...(row.groupId ? { groupId: row.groupId } : {}),
  }
  // The new status, its event and the audit row: one statement, one round trip. The event comes before the events of
  // what the decision makes (its documents).
  const [updated] = await tx.execute<{ version: number }>(sql`
    with u as (${update.getSQL()}),
    e as (
      insert into request_events (request_id, type, from_status, to_status, actor_kind, actor_id, created_at, data)
      select ${row.id}, ${input.operation}, ${row.status}, ${transition.to}, ${actor.kind}, ${actor.id}::bigint,
             ${context.now.toISOString()}::timestamptz, ${JSON.stringify(eventData)}::jsonb
      from u),
    a as (
      insert into audit_log (actor_kind, actor_id, action, organization_id, patient_id, entity, entity_id, address, details)
      select ${actor.kind}, ${actor.id}::bigint, ${`request.${input.operation}`}, ${row.organizationId}::bigint,
             ${row.patientId}::bigint, 'request', ${row.id}, ${context.address}, ${JSON.stringify(auditDetails)}::jsonb
      from u)
    select version from u`)
  const hook = input.operation === 'approve' ? service.onApprove : input.operation === 'refuse' ? service.onRefuse : undefined
  if (hook) {
    await hook(tx, decidedRequest(service, row), { actorId: actor.id, today: almatyDay(context.now), now: context.now })
  }
  // A decision that takes back the decision this request contests (a satisfied complaint, p.40) reopens it here, in
  // the same transaction: both hold or neither does.
  const outcome: DecisionOutcome | null =
    input.operation === 'approve'
      ? { operation: 'approve' }
      : input.operation === 'refuse'
        ? { operation: 'refuse', ground: input.ground }
        : null
  let reopened = false
  if (outcome && service.contests && actor.kind === 'staff') {
    const decided = decidedRequest(service, row)
    if (service.contests.reopensOn(outcome, decided.payload)) {
      reopened = await reopenContested(tx, actor, service.contests.requestOf(decided.payload), row, context)
    }
  }
  // The documents the decision makes, frozen from what the hook wrote and waiting for their signers.
  const documentKinds =
    input.operation === 'approve'
      ? service.documents?.onApprove
      : input.operation === 'refuse'
        ? service.documents?.onRefuse
        : undefined
  if (documentKinds?.length) {
    await createRequestDocuments(tx, row.id, documentKinds, { now: context.now, actor: { kind: actor.kind, id: actor.id } })
  }
  // A service's own template for the decision; null: no SMS of the decision's own, the documents' ready notice says it
  // (a registry certificate is sealed seconds after its approval).
  const own = input.operation === 'approve' || input.operation === 'refuse' ? service.templates?.[input.operation] : undefined
  const template =
    (outcome && service.decisionTemplate
      ? service.decisionTemplate({ ...outcome, reopened }, decidedRequest(service, row).payload)
      : null) ?? (own === null ? null : (own ?? templateOf[input.operation]))
  if (template) {
    const candidates = row.groupId
      ? noticeCandidates(row.patientId, row.groupApplicantId)
      : row.applicantPatientId
        ? [row.applicantPatientId]
        : []
    await notifyPatient(tx, row.id, candidates, template, { number: row.number })
  }
  return updated!.version
}

// The contested request (a decision a satisfied complaint takes back, Rules of attachment p.40) is open again for a
// new decision: the same clinic's and patient's only, and only from a status its service's `reopen` transition
// allows (a refusal); anything else stays as it is (a decision already reopened, an attachment in force). The old
// decision stays in the history, its documents are revoked, and the request waits in the queue for anyone at the
// desk, due by its service's own limit counted from now (docs/decisions.md, "A satisfied complaint reopens").
async function reopenContested(
  tx: Transaction,
  actor: Extract<Actor, { kind: 'staff' }>,
  contestedId: string,
  by: LockedRow,
  context: EngineContext,
): Promise<boolean> {
  const [row] = await lockedRow(
    tx,
    and(eq(requests.id, contestedId), eq(requests.organizationId, by.organizationId), eq(requests.patientId, by.patientId))!,
  )
  const service = row ? serviceOf(row.service) : undefined
  const transition = service?.transitions.find((t) => t.operation === 'reopen')
  if (!row || !service || !transition || !transition.from.includes(row.status)) return false
  const due = dueAt(context.now, service.deadline(row.channel), row.channel, { overrides: context.overrides })
  await tx
    .update(requests)
    .set({
      status: transition.to,
      version: sql`${requests.version} + 1`,
      dueAt: due,
      assigneeId: null,
      decidedAt: null,
      decidedBy: null,
      refusalGround: null,
      refusalReason: null,
    })
    .where(and(eq(requests.id, row.id), eq(requests.version, row.version)))
  const cause = { requestId: by.id, number: by.number, service: by.service }
  await revokeDecisionDocuments(tx, actor, row.id, reopenedReason(by), {
    now: context.now,
    address: context.address,
  })
  await tx.insert(requestEvents).values({
    requestId: row.id,
    type: 'reopen',
    fromStatus: row.status,
    toStatus: transition.to,
    actorKind: actor.kind,
    actorId: actor.id,
    createdAt: context.now,
    data: { by: cause, dueAt: due.toISOString() },
  })
  await writeAudit(tx, {
    actor,
    action: 'request.reopen',
    organizationId: row.organizationId,
    patientId: row.patientId,
    entity: 'request',
    entityId: row.id,
    address: context.address,
    details: { service: row.service, from: row.status, to: transition.to, by: cause },
  })
  return true
}

// Why the reopened decision's documents were revoked, in both languages (/verify/<code> shows it to anyone).
function reopenedReason(by: { number: number; service: string }): string {
  return (['kk', 'ru'] as const)
    .map((locale) => {
      const t = createTranslator({ locale, messages: messagesFor(locale) })
      return t('requests.reopenedRevocation', { request: `${t(`services.${by.service}.name` as MessageKey)} №${by.number}` })
    })
    .join(' / ')
}

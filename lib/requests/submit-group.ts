import 'server-only'
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { detachments, requestEvents, requestGroups, requests, type RequestChannel } from '@/db/schema'
import { fieldErrorsOf, invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { Actor } from '@/lib/auth/actor'
import { authorize, servicesFor } from '@/lib/auth/authorize'
import { dueAt } from '@/lib/calendar'
import { createRequestDocuments } from '@/lib/documents/create'
import { violatedConstraint } from '@/lib/errors/database'
import { enqueueSms } from '@/lib/notifications/outbox'
import type { ServiceDefinition } from '@/lib/requests/contract'
import { serviceOf } from '@/lib/services'
import type { EngineContext, SubmitCode } from './engine'
import { memberIdempotencyKey } from './group'
import { openStatuses } from './status'

export type GroupSubmitted = {
  groupId: string
  // In the order the members were given.
  requests: { requestId: string; number: number; patientId: number }[]
  replayed: boolean
}

export type GroupInput = {
  service: string
  channel: RequestChannel
  // The form's key; each member's request gets its own key derived from it.
  idempotencyKey: string
  // Who applies for the whole group, with their written consent (a family, Rules of attachment p.30 para 2).
  applicant: { patientId: number; writtenConsent: boolean }
  // One payload per member, in the service's schema.
  members: readonly unknown[]
}

type Member = { payload: Record<string, unknown>; patientId: number }

class Replayed extends Error {}

// Submit a group of requests together: one request per member, each with its event, audit row and receipt, all in one
// transaction or none. A member who fails a rule stops the whole group; the refusal names the member's field as
// `members.<index>.<field>` (or `members.<index>` when the member as a whole is refused).
export async function submitGroup(
  db: Database,
  actor: Actor,
  input: GroupInput,
  context: EngineContext,
): Promise<ActionResult<GroupSubmitted, SubmitCode>> {
  const service = serviceOf(input.service)
  if (!service || !servicesFor(actor, 'submit').includes(service)) return { ok: false, code: 'errors.request.notAllowed' }
  if (input.members.length === 0) return invalidInput()
  const replay = await findReplay(db, actor, input.idempotencyKey)
  if (replay) return replay

  const checked = await checkMembers(db, actor, service, input, context)
  if (!checked.ok) return checked
  const { organizationId, members } = checked
  const due = dueAt(context.now, service.deadline(input.channel), input.channel, { overrides: context.overrides })
  // The receipt goes to the applicant's own phone, one per request, as for a request submitted alone.
  const recipient =
    actor.kind === 'patient' && actor.phone ? { phone: actor.phone, locale: actor.locale, patientId: actor.id } : null
  const receiptTemplate = service.templates?.submit ?? 'requestSubmitted'
  // The documents each member's submission makes (the written application taken at the desk, p.23), one set per
  // member's request, like the decision's.
  const submissionKinds = service.documents?.onSubmit?.[input.channel] ?? []
  try {
    const created = await db.transaction(async (tx) => {
      const [group] = await tx
        .insert(requestGroups)
        .values({
          organizationId,
          applicantPatientId: input.applicant.patientId,
          writtenConsent: input.applicant.writtenConsent,
          idempotencyKey: input.idempotencyKey,
          createdAt: context.now,
        })
        .onConflictDoNothing({ target: requestGroups.idempotencyKey })
        .returning({ id: requestGroups.id })
      // The same form sent twice at once: the other submission created the group; this one rolls back.
      if (!group) throw new Replayed()
      const rows: GroupSubmitted['requests'] = []
      for (const [index, member] of members.entries()) {
        const [row] = await tx
          .insert(requests)
          .values({
            organizationId,
            patientId: member.patientId,
            applicantPatientId: actor.kind === 'patient' ? actor.id : null,
            applicantStaffId: actor.kind === 'staff' ? actor.id : null,
            service: service.id,
            channel: input.channel,
            status: 'submitted',
            payload: member.payload,
            idempotencyKey: memberIdempotencyKey(input.idempotencyKey, index),
            submittedAt: context.now,
            dueAt: due,
            groupId: group.id,
          })
          .returning({ id: requests.id, number: requests.number })
        rows.push({ requestId: row!.id, number: row!.number, patientId: member.patientId })
        await tx.insert(requestEvents).values({
          requestId: row!.id,
          type: 'submitted',
          toStatus: 'submitted',
          actorKind: actor.kind,
          actorId: actor.id,
          createdAt: context.now,
          data: { channel: input.channel, groupId: group.id },
        })
        await writeAudit(tx, {
          actor,
          action: 'request.submit',
          organizationId,
          patientId: member.patientId,
          entity: 'request',
          entityId: row!.id,
          address: context.address,
          details: { service: service.id, channel: input.channel, groupId: group.id },
        })
        if (recipient) {
          await enqueueSms(tx, {
            phone: recipient.phone,
            locale: recipient.locale,
            template: receiptTemplate,
            params: { number: row!.number },
            patientId: recipient.patientId,
            requestId: row!.id,
          })
        }
        if (submissionKinds.length > 0)
          await createRequestDocuments(tx, row!.id, submissionKinds, {
            now: context.now,
            actor: { kind: actor.kind, id: actor.id },
          })
      }
      return { groupId: group.id, rows }
    })
    return { ok: true, data: { groupId: created.groupId, requests: created.rows, replayed: false } }
  } catch (error) {
    if (error instanceof Replayed)
      return (await findReplay(db, actor, input.idempotencyKey)) ?? { ok: false, code: 'errors.request.duplicateKey' }
    if (violatedConstraint(error) === 'requests_one_open_per_patient_service') {
      // Another request for a member was submitted between the check and the insert: say whose.
      const open = await openPatients(db, service.id, organizationId, members)
      const fieldErrors = Object.fromEntries(
        members.flatMap((member, index) =>
          open.has(member.patientId) ? [[`members.${index}.patientId`, 'errors.request.alreadyOpen']] : [],
        ),
      )
      return { ok: false, code: 'errors.request.alreadyOpen', fieldErrors }
    }
    throw error
  }
}

// Every member passes the service's schema and rules as a request of a group (`validate` with `group: true`), goes to
// the same clinic, may be submitted by this actor, and has no open request of this service there.
async function checkMembers(
  db: Database,
  actor: Actor,
  service: ServiceDefinition,
  input: GroupInput,
  context: EngineContext,
): Promise<
  { ok: true; organizationId: number; members: Member[] } | { ok: false; code: SubmitCode; fieldErrors?: Record<string, string> }
> {
  const parsed = input.members.map((member) => service.schema.safeParse(member))
  const first = parsed.find((result) => result.success)
  if (!first?.data) {
    const fieldErrors: Record<string, string> = {}
    parsed.forEach((result, index) => {
      for (const [field, code] of Object.entries(result.error ? fieldErrorsOf(result.error) : {}))
        fieldErrors[`members.${index}.${field}`] = code
    })
    return { ok: false, code: 'errors.request.groupInvalid', fieldErrors }
  }
  // The group is made at one clinic: the first member's.
  const organizationId = service.organizationOf(first.data)
  if (!authorize(actor, 'submit', { service: service.id, organizationId, patientId: input.applicant.patientId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  const candidates = parsed.flatMap((result) => (result.data ? [{ patientId: service.patientOf(result.data) }] : []))
  const open = await openPatients(db, service.id, organizationId, candidates)
  const dead = await deceasedPatients(db, candidates)
  const fieldErrors: Record<string, string> = {}
  const members: Member[] = []
  const seen = new Set<number>()
  for (const [index, result] of parsed.entries()) {
    const fail = (field: string | undefined, code: string) => {
      const key = field ? `members.${index}.${field}` : `members.${index}`
      if (!(key in fieldErrors)) fieldErrors[key] = code
    }
    if (!result.success) {
      for (const [field, code] of Object.entries(fieldErrorsOf(result.error))) fail(field, code)
      continue
    }
    const payload = result.data
    const patientId = service.patientOf(payload)
    if (service.organizationOf(payload) !== organizationId) {
      fail(undefined, 'errors.request.notAllowed')
      continue
    }
    if (!authorize(actor, 'submit', { service: service.id, organizationId, patientId })) {
      fail('patientId', 'errors.request.notAllowed')
      continue
    }
    const valid = service.validate
      ? await service.validate(db, payload, { actor, now: context.now, channel: input.channel, group: true })
      : ({ ok: true } as const)
    if (!valid.ok) fail(valid.field, valid.code)
    else if (dead.has(patientId)) fail('patientId', 'errors.request.patientDeceased')
    else if (open.has(patientId) || seen.has(patientId)) fail('patientId', 'errors.request.alreadyOpen')
    seen.add(patientId)
    members.push({ payload, patientId })
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, code: 'errors.request.groupInvalid', fieldErrors }
  return { ok: true, organizationId, members }
}

// Issue 15: a person recorded as dead starts no new request (lib/requests/engine.ts).
async function deceasedPatients(db: Database, members: readonly { patientId: number }[]): Promise<Set<number>> {
  if (members.length === 0) return new Set()
  const rows = await db
    .select({ patientId: detachments.patientId })
    .from(detachments)
    .where(
      and(
        eq(detachments.reason, 'death'),
        inArray(
          detachments.patientId,
          members.map((member) => member.patientId),
        ),
      ),
    )
  return new Set(rows.map((row) => row.patientId))
}

async function openPatients(
  db: Database,
  service: string,
  organizationId: number,
  members: readonly { patientId: number }[],
): Promise<Set<number>> {
  if (members.length === 0) return new Set()
  const rows = await db
    .select({ patientId: requests.patientId })
    .from(requests)
    .where(
      and(
        eq(requests.organizationId, organizationId),
        eq(requests.service, service),
        inArray(requests.status, [...openStatuses]),
        inArray(
          requests.patientId,
          members.map((member) => member.patientId),
        ),
      ),
    )
  return new Set(rows.map((row) => row.patientId))
}

// A replayed form finds the group its key created (only for the person who submitted it).
async function findReplay(db: Database, actor: Actor, key: string): Promise<ActionResult<GroupSubmitted, SubmitCode> | null> {
  const rows = await db
    .select({
      groupId: requestGroups.id,
      requestId: requests.id,
      number: requests.number,
      patientId: requests.patientId,
      applicantPatientId: requests.applicantPatientId,
      applicantStaffId: requests.applicantStaffId,
    })
    .from(requestGroups)
    .innerJoin(requests, and(eq(requests.organizationId, requestGroups.organizationId), eq(requests.groupId, requestGroups.id)))
    .where(eq(requestGroups.idempotencyKey, key))
    .orderBy(asc(requests.number))
  if (rows.length === 0) return null
  const mine = rows.every((row) =>
    actor.kind === 'patient' ? row.applicantPatientId === actor.id : row.applicantStaffId === actor.id,
  )
  if (!mine) return { ok: false, code: 'errors.request.duplicateKey' }
  return {
    ok: true,
    data: {
      groupId: rows[0]!.groupId,
      requests: rows.map(({ requestId, number, patientId }) => ({ requestId, number, patientId })),
      replayed: true,
    },
  }
}

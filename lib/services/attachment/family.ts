import 'server-only'
import { randomUUID } from 'node:crypto'
import { and, eq, inArray, like, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { auditLog, patients, requestEvents, requests } from '@/db/schema'
import { fieldErrorsOf, invalidInput, type ActionResult } from '@/lib/action-result'
import type { Actor } from '@/lib/auth/actor'
import { authorize, servicesFor } from '@/lib/auth/authorize'
import { almatyDay, dueAt } from '@/lib/calendar'
import { violatedConstraint } from '@/lib/errors/database'
import type { EngineContext } from '@/lib/requests/engine'
import { serviceOf } from '@/lib/services'
import { openStatuses } from '@/lib/requests/status'
import {
  familyApplicationSchema,
  memberField,
  memberIdempotencyKey,
  memberRequestInput,
  type FamilyApplication,
} from './family-schema'
import { isChild } from './rules'

export type FamilySubmitCode =
  'errors.request.notAllowed' | 'errors.request.duplicateKey' | 'errors.request.alreadyOpen' | 'errors.family.memberInvalid'
export type FamilySubmitted = {
  familyGroupId: string
  requests: { requestId: string; number: number; patientId: number }[]
  replayed: boolean
}

class Replayed extends Error {}

// p.30 para 2: one request per member, linked by a family group, all created in one transaction or none. A member who
// cannot be attached stops the whole application, with the reason on that member's row.
export async function submitFamilyAttachment(
  db: Database,
  actor: Actor,
  input: { idempotencyKey: string; application: unknown },
  context: EngineContext,
): Promise<ActionResult<FamilySubmitted, FamilySubmitCode>> {
  const service = serviceOf('attachment')!
  if (actor.kind !== 'staff' || !servicesFor(actor, 'submit').includes(service))
    return { ok: false, code: 'errors.request.notAllowed' }
  const parsed = familyApplicationSchema.safeParse(input.application)
  if (!parsed.success) return invalidInput(parsed.error)
  const application = parsed.data
  if (!authorize(actor, 'submit', { service: service.id, organizationId: application.clinicId })) {
    return { ok: false, code: 'errors.request.notAllowed' }
  }
  const replay = await findReplay(db, actor, input.idempotencyKey)
  if (replay) return replay

  const members = await checkMembers(db, actor, application, context)
  if (members.fieldErrors) return { ok: false, code: 'errors.family.memberInvalid', fieldErrors: members.fieldErrors }

  const familyGroupId = randomUUID()
  const link = { familyGroupId, familyApplicantId: application.members[0]!.patientId, familyWrittenConsent: true } as const
  const due = dueAt(context.now, service.deadline('desk'), 'desk', { overrides: context.overrides })
  try {
    const created = await db.transaction(async (tx) => {
      const rows: FamilySubmitted['requests'] = []
      for (const [index, payload] of members.payloads.entries()) {
        const [row] = await tx
          .insert(requests)
          .values({
            organizationId: application.clinicId,
            patientId: payload.patientId,
            applicantStaffId: actor.id,
            service: service.id,
            channel: 'desk',
            status: 'submitted',
            payload: { ...payload, ...link },
            idempotencyKey: memberIdempotencyKey(input.idempotencyKey, index),
            submittedAt: context.now,
            dueAt: due,
          })
          .onConflictDoNothing({ target: requests.idempotencyKey })
          .returning({ id: requests.id, number: requests.number })
        // The same form sent twice at once: the other submission created the family; this one rolls back.
        if (!row) throw new Replayed()
        rows.push({ requestId: row.id, number: row.number, patientId: payload.patientId })
        await tx.insert(requestEvents).values({
          requestId: row.id,
          type: 'submitted',
          toStatus: 'submitted',
          actorKind: 'staff',
          actorId: actor.id,
          createdAt: context.now,
          data: { channel: 'desk', familyGroupId },
        })
        await tx.insert(auditLog).values({
          actorKind: 'staff',
          actorId: actor.id,
          action: 'request.submit',
          organizationId: application.clinicId,
          patientId: payload.patientId,
          entity: 'request',
          entityId: row.id,
          address: context.address,
          details: { service: service.id, channel: 'desk', familyGroupId },
        })
      }
      return rows
    })
    return { ok: true, data: { familyGroupId, requests: created, replayed: false } }
  } catch (error) {
    if (error instanceof Replayed)
      return (await findReplay(db, actor, input.idempotencyKey)) ?? { ok: false, code: 'errors.request.duplicateKey' }
    if (violatedConstraint(error) === 'requests_one_open_per_patient_service') {
      // Another request for a member was submitted between the check and the insert: say whose.
      const open = await openMembers(db, application)
      const fieldErrors = Object.fromEntries(
        application.members.flatMap((member, index) =>
          open.has(member.patientId) ? [[memberField(index, 'patientId'), 'errors.request.alreadyOpen']] : [],
        ),
      )
      return { ok: false, code: 'errors.request.alreadyOpen', fieldErrors }
    }
    throw error
  }
}

// Every member exists, passes the attachment rules as a desk request would, and has no open request here.
async function checkMembers(db: Database, actor: Actor, application: FamilyApplication, context: EngineContext) {
  const service = serviceOf('attachment')!
  const ids = application.members.map((member) => member.patientId)
  const people = await db
    .select({ id: patients.id, birthDate: patients.birthDate })
    .from(patients)
    .where(inArray(patients.id, ids))
  const found = new Set(people.map((row) => row.id))
  const today = almatyDay(context.now)
  const children = new Set(people.filter((row) => isChild(row.birthDate, today)).map((row) => row.id))
  const open = await openMembers(db, application)
  const fieldErrors: Record<string, string> = {}
  const payloads: (Record<string, unknown> & { patientId: number })[] = []
  for (const [index, member] of application.members.entries()) {
    const fail = (field: string | undefined, code: string) => {
      const key = memberField(index, field)
      if (!(key in fieldErrors)) fieldErrors[key] = code
    }
    if (!found.has(member.patientId)) {
      fail('patientId', 'errors.family.memberNotFound')
      continue
    }
    if (!authorize(actor, 'submit', { service: service.id, organizationId: application.clinicId, patientId: member.patientId })) {
      fail('patientId', 'errors.request.notAllowed')
      continue
    }
    // The written consent is an adult's: a child is attached through a legal representative (p.30 para 3).
    if (index === 0 && children.has(member.patientId)) {
      fail('patientId', 'errors.family.applicantChild')
      continue
    }
    const input = memberRequestInput(application, index)
    // Standard row 2 counts one desk service per application: the opening time stays on the consenting member's request.
    if (index > 0 && input.desk) input.desk.openedAt = undefined
    const parsed = service.schema.safeParse(input)
    if (!parsed.success) {
      for (const [field, code] of Object.entries(fieldErrorsOf(parsed.error))) fail(field, code)
      continue
    }
    const valid = await service.validate!(db, parsed.data, { actor, now: context.now, channel: 'desk', group: true })
    if (!valid.ok) fail(valid.field, valid.code)
    else if (open.has(member.patientId)) fail('patientId', 'errors.request.alreadyOpen')
    payloads.push({ ...parsed.data, patientId: member.patientId })
  }
  return Object.keys(fieldErrors).length ? { fieldErrors, payloads } : { fieldErrors: null, payloads }
}

async function openMembers(db: Database, application: FamilyApplication): Promise<Set<number>> {
  const rows = await db
    .select({ patientId: requests.patientId })
    .from(requests)
    .where(
      and(
        eq(requests.organizationId, application.clinicId),
        eq(requests.service, 'attachment'),
        inArray(requests.status, [...openStatuses]),
        inArray(
          requests.patientId,
          application.members.map((member) => member.patientId),
        ),
      ),
    )
  return new Set(rows.map((row) => row.patientId))
}

// A replayed form finds the family its key created (only for the registrar who submitted it).
async function findReplay(
  db: Database,
  actor: Actor,
  formKey: string,
): Promise<ActionResult<FamilySubmitted, FamilySubmitCode> | null> {
  const rows = await db
    .select({
      requestId: requests.id,
      number: requests.number,
      patientId: requests.patientId,
      applicantStaffId: requests.applicantStaffId,
      key: requests.idempotencyKey,
      familyGroupId: sql<string>`${requests.payload}->>'familyGroupId'`,
    })
    .from(requests)
    .where(like(requests.idempotencyKey, `${formKey.replace(/[\\%_]/g, '\\$&')}:family:%`))
  if (rows.length === 0) return null
  if (rows.some((row) => row.applicantStaffId !== actor.id)) return { ok: false, code: 'errors.request.duplicateKey' }
  const index = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1))
  rows.sort((a, b) => index(a.key) - index(b.key))
  return {
    ok: true,
    data: {
      familyGroupId: rows[0]!.familyGroupId,
      requests: rows.map(({ requestId, number, patientId }) => ({ requestId, number, patientId })),
      replayed: true,
    },
  }
}

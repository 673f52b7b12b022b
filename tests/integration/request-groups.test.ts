import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql as dsql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, notifications, requestEvents, requestGroups, requests } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { submitGroup } from '@/lib/requests/submit-group'
import { registerServiceForTests } from '@/lib/services'
import type { DecidedRequest, ServiceDefinition } from '@/lib/requests/contract'
import { freshDb } from './db'
import { makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
// Tuesday 24 November 2026, 10:00 in Almaty.
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }

// A service of this test only, so the engine's group machinery is shown for any service, not the family's alone.
const probeSchema = z.object({
  patientId: z.number().int(),
  clinicId: z.number().int(),
  note: z.string().min(1, 'errors.invalidInput'),
  // Before this member's request is inserted, another request of this service for the member is submitted.
  openMeanwhile: z.boolean().optional(),
})
type Probe = z.output<typeof probeSchema>
const approvedHooks: DecidedRequest<Probe>[] = []

const probeService: ServiceDefinition<Probe> = {
  id: 'groupProbe',
  schema: probeSchema,
  organizationOf: (payload) => payload.clinicId,
  patientOf: (payload) => payload.patientId,
  who: {
    submit: ['patient', 'registrar'],
    read: ['patient', 'registrar'],
    take: ['registrar'],
    approve: ['registrar'],
    refuse: ['registrar'],
    cancel: ['patient'],
  },
  channels: ['desk', 'portal'],
  transitions: [
    { operation: 'take', from: ['submitted'], to: 'in_review' },
    { operation: 'approve', from: ['submitted', 'in_review'], to: 'approved' },
    { operation: 'refuse', from: ['submitted', 'in_review'], to: 'refused' },
    { operation: 'cancel', from: ['submitted', 'in_review'], to: 'cancelled' },
  ],
  deadline: () => ({ workingDays: 5 }),
  refusalGrounds: [{ code: 'probe', titleKk: 'Сынақ', titleRu: 'Проба', kk: 'Сынақ', ru: 'Проба', source: 'test' }],
  validate: async (database, payload, validation) => {
    if (payload.note === 'refuse') return { ok: false, code: 'errors.attachment.notEligible', field: 'note' }
    if (payload.openMeanwhile && validation.group) {
      const meanwhile = await submitRequest(
        database,
        validation.actor,
        {
          service: 'groupProbe',
          channel: validation.channel,
          idempotencyKey: randomUUID(),
          payload: { ...payload, openMeanwhile: false },
        },
        context,
      )
      if (!meanwhile.ok) throw new Error(meanwhile.code)
    }
    return { ok: true }
  },
  approvalBlock: (_tx, request) => (request.payload.note === 'blocked' ? 'errors.insurance.expiredAtDecision' : null),
  onApprove: async (_tx, request) => {
    approvedHooks.push(request)
  },
  summary: () => [],
  messages: { kk: {}, ru: {} },
}

let clinic: TestClinic

beforeAll(async () => {
  registerServiceForTests(probeService)
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Group clinic')
})

const count = async (table: PgTable, where?: SQL) =>
  (
    await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(table)
      .where(where)
  )[0]!.n

const member = (patientId: number, extra: Partial<Probe> = {}) => ({
  patientId,
  clinicId: clinic.organizationId,
  note: 'ok',
  ...extra,
})

async function submitProbeGroup(
  actor: Actor,
  members: unknown[],
  options: { applicant: number; channel?: 'desk' | 'portal'; key?: string },
) {
  return submitGroup(
    db,
    actor,
    {
      service: 'groupProbe',
      channel: options.channel ?? 'desk',
      idempotencyKey: options.key ?? randomUUID(),
      applicant: { patientId: options.applicant, writtenConsent: true },
      members,
    },
    context,
  )
}

// Everything a submit writes, for these patients.
async function writtenFor(patientIds: number[]) {
  const ids = (await db.select({ id: requests.id }).from(requests).where(inArray(requests.patientId, patientIds))).map(
    (row) => row.id,
  )
  return {
    requests: ids.length,
    groups: await count(requestGroups, inArray(requestGroups.applicantPatientId, patientIds)),
    events: ids.length ? await count(requestEvents, inArray(requestEvents.requestId, ids)) : 0,
    audit: await count(auditLog, and(eq(auditLog.action, 'request.submit'), inArray(auditLog.patientId, patientIds))),
    sms: await count(notifications, inArray(notifications.patientId, patientIds)),
  }
}

describe('Request groups: requests submitted and decided together (a family, Rules of attachment p.30 para 2)', () => {
  it('a group is submitted in one go: each member’s request with its event, audit row and receipt, linked by the group', async () => {
    const mother = await makePatient(db, { birthDate: '1990-02-02', phone: '+77017770101' })
    const child = await makePatient(db, { birthDate: '2017-05-05', phone: null })
    const actor = { ...mother.actor, representedPatientIds: [child.id] }
    const result = await submitProbeGroup(actor, [member(mother.id), member(child.id)], {
      applicant: mother.id,
      channel: 'portal',
    })
    if (!result.ok) throw new Error(`${result.code} ${JSON.stringify(result.fieldErrors)}`)
    const { groupId, requests: created } = result.data
    expect(created.map((row) => row.patientId)).toEqual([mother.id, child.id])
    const rows = await db
      .select()
      .from(requests)
      .where(
        inArray(
          requests.id,
          created.map((row) => row.requestId),
        ),
      )
      .orderBy(requests.number)
    expect(rows.map((row) => [row.groupId, row.status, row.applicantPatientId, row.payload])).toEqual([
      [groupId, 'submitted', mother.id, member(mother.id)],
      [groupId, 'submitted', mother.id, member(child.id)],
    ])
    expect(await db.select().from(requestGroups).where(eq(requestGroups.id, groupId))).toEqual([
      expect.objectContaining({ organizationId: clinic.organizationId, applicantPatientId: mother.id, writtenConsent: true }),
    ])
    const events = await db
      .select({ type: requestEvents.type, data: requestEvents.data })
      .from(requestEvents)
      .where(
        inArray(
          requestEvents.requestId,
          created.map((row) => row.requestId),
        ),
      )
    expect(events).toEqual(Array(2).fill({ type: 'submitted', data: { channel: 'portal', groupId } }))
    const audit = await db
      .select({ patientId: auditLog.patientId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.submit'), inArray(auditLog.patientId, [mother.id, child.id])))
    expect(audit).toEqual(
      expect.arrayContaining([
        { patientId: mother.id, details: { service: 'groupProbe', channel: 'portal', groupId } },
        { patientId: child.id, details: { service: 'groupProbe', channel: 'portal', groupId } },
      ]),
    )
    // The receipts go to the applicant's phone, one per request, each with its own number.
    const receipts = await db
      .select({ requestId: notifications.requestId, recipient: notifications.recipient, body: notifications.body })
      .from(notifications)
      .where(
        inArray(
          notifications.requestId,
          created.map((row) => row.requestId),
        ),
      )
    expect(receipts).toHaveLength(2)
    for (const row of created) {
      const receipt = receipts.find((entry) => entry.requestId === row.requestId)
      expect(receipt?.recipient).toBe('+77017770101')
      expect(receipt?.body).toContain(String(row.number))
    }
  })

  it('one invalid member: nothing of the group is written, and the refusal stands on that member', async () => {
    const people = await Promise.all([makePatient(db), makePatient(db), makePatient(db)])
    const ids = people.map((person) => person.id)
    const result = await submitProbeGroup(
      clinic.staff.registrar,
      [member(ids[0]!), member(ids[1]!, { note: 'refuse' }), member(ids[2]!), { patientId: ids[2], note: '' }],
      { applicant: ids[0]! },
    )
    expect(result).toEqual({
      ok: false,
      code: 'errors.request.groupInvalid',
      fieldErrors: {
        'members.1.note': 'errors.attachment.notEligible',
        'members.3.clinicId': expect.any(String),
        'members.3.note': 'errors.invalidInput',
      },
    })
    expect(await writtenFor(ids)).toEqual({ requests: 0, groups: 0, events: 0, audit: 0, sms: 0 })
  })

  it('a member’s request submitted meanwhile (after the check, before the insert): the whole group rolls back', async () => {
    const people = await Promise.all([makePatient(db), makePatient(db), makePatient(db)])
    const ids = people.map((person) => person.id)
    const result = await submitProbeGroup(
      clinic.staff.registrar,
      [member(ids[0]!), member(ids[1]!), member(ids[2]!, { openMeanwhile: true })],
      { applicant: ids[0]! },
    )
    expect(result).toEqual({
      ok: false,
      code: 'errors.request.alreadyOpen',
      fieldErrors: { 'members.2.patientId': 'errors.request.alreadyOpen' },
    })
    // The first two members' requests were inserted in the transaction and rolled back with it: only the third
    // member's own request, submitted alone, exists.
    expect(await writtenFor(ids.slice(0, 2))).toEqual({ requests: 0, groups: 0, events: 0, audit: 0, sms: 0 })
    expect(await writtenFor([ids[2]!])).toEqual({ requests: 1, groups: 0, events: 1, audit: 1, sms: 0 })
    expect(await count(requests, and(inArray(requests.patientId, ids), dsql`${requests.groupId} is not null`))).toBe(0)
  })

  it('a member who already has an open request, or is named twice, is refused at the member', async () => {
    const people = await Promise.all([makePatient(db), makePatient(db)])
    const ids = people.map((person) => person.id)
    const alone = await submitRequest(
      db,
      clinic.staff.registrar,
      { service: 'groupProbe', channel: 'desk', idempotencyKey: randomUUID(), payload: member(ids[1]!) },
      context,
    )
    expect(alone.ok).toBe(true)
    expect(
      await submitProbeGroup(clinic.staff.registrar, [member(ids[0]!), member(ids[1]!), member(ids[0]!)], {
        applicant: ids[0]!,
      }),
    ).toEqual({
      ok: false,
      code: 'errors.request.groupInvalid',
      fieldErrors: {
        'members.1.patientId': 'errors.request.alreadyOpen',
        'members.2.patientId': 'errors.request.alreadyOpen',
      },
    })
    expect(await count(requests, inArray(requests.patientId, ids))).toBe(1)
  })

  it('a replayed key returns the group it made, to the same person only', async () => {
    const people = await Promise.all([makePatient(db), makePatient(db)])
    const key = randomUUID()
    const members = people.map((person) => member(person.id))
    const first = await submitProbeGroup(clinic.staff.registrar, members, { applicant: people[0]!.id, key })
    const again = await submitProbeGroup(clinic.staff.registrar, members, { applicant: people[0]!.id, key })
    if (!first.ok) throw new Error(first.code)
    expect(again).toEqual({ ok: true, data: { ...first.data, replayed: true } })
    expect(await submitProbeGroup(clinic.staff.head, members, { applicant: people[0]!.id, key })).toMatchObject({
      ok: false,
    })
    expect(await count(requestGroups, eq(requestGroups.idempotencyKey, key))).toBe(1)
  })

  it('a member held back at approval holds back the whole group; an approval reaches every member with its group', async () => {
    const people = await Promise.all([makePatient(db), makePatient(db)])
    const blocked = await submitProbeGroup(
      clinic.staff.registrar,
      [member(people[0]!.id), member(people[1]!.id, { note: 'blocked' })],
      { applicant: people[0]!.id },
    )
    if (!blocked.ok) throw new Error(blocked.code)
    const [first] = blocked.data.requests
    expect(
      await transitionRequest(
        db,
        clinic.staff.registrar,
        { operation: 'approve', requestId: first!.requestId, version: 1 },
        context,
      ),
    ).toEqual({ ok: false, code: 'errors.insurance.expiredAtDecision' })
    const rows = await db
      .select({ status: requests.status, version: requests.version })
      .from(requests)
      .where(
        inArray(
          requests.id,
          blocked.data.requests.map((row) => row.requestId),
        ),
      )
    expect(rows).toEqual(Array(2).fill({ status: 'submitted', version: 1 }))

    const others = await Promise.all([makePatient(db), makePatient(db)])
    const group = await submitProbeGroup(clinic.staff.registrar, [member(others[0]!.id), member(others[1]!.id)], {
      applicant: others[0]!.id,
    })
    if (!group.ok) throw new Error(group.code)
    const approved = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: group.data.requests[1]!.requestId, version: 1 },
      context,
    )
    expect(approved).toEqual({ ok: true, data: { status: 'approved', version: 2, group: 2 } })
    const hooked = approvedHooks.filter((request) => request.groupId === group.data.groupId)
    expect(hooked.map((request) => request.patientId).sort()).toEqual(others.map((person) => person.id).sort())
  })

  it('a member withdrawing while the group is approved on another connection: one order wins, nothing is half done', async () => {
    const people = await Promise.all([makePatient(db), makePatient(db), makePatient(db)])
    const group = await submitProbeGroup(
      clinic.staff.registrar,
      people.map((person) => member(person.id)),
      { applicant: people[0]!.id },
    )
    if (!group.ok) throw new Error(group.code)
    const [first, second] = group.data.requests
    const [approve, cancel] = await Promise.all([
      transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId: first!.requestId, version: 1 }, context),
      transitionRequest(db, people[1]!.actor, { operation: 'cancel', requestId: second!.requestId, version: 1 }, context),
    ])
    const statuses = (
      await db
        .select({ id: requests.id, status: requests.status })
        .from(requests)
        .where(
          inArray(
            requests.id,
            group.data.requests.map((row) => row.requestId),
          ),
        )
    ).map((row) => [row.id, row.status])
    expect(approve.ok).toBe(true)
    if (cancel.ok) {
      // The withdrawal came first: the approval covered the two open members.
      expect(approve).toMatchObject({ data: { group: 2 } })
      expect(Object.fromEntries(statuses)).toEqual({
        [first!.requestId]: 'approved',
        [second!.requestId]: 'cancelled',
        [group.data.requests[2]!.requestId]: 'approved',
      })
    } else {
      // The approval came first and covered the whole group: the withdrawal is told it was decided.
      expect(cancel).toMatchObject({ code: 'errors.request.alreadyDecided' })
      expect(approve).toMatchObject({ data: { group: 3 } })
      expect(new Set(statuses.map(([, status]) => status))).toEqual(new Set(['approved']))
    }
    // One event per member besides its submission, whichever won.
    expect(
      await count(
        requestEvents,
        and(
          inArray(
            requestEvents.requestId,
            group.data.requests.map((row) => row.requestId),
          ),
          dsql`${requestEvents.type} <> 'submitted'`,
        ),
      ),
    ).toBe(3)
  })
})

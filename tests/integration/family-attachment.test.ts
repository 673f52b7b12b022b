import { randomUUID } from 'node:crypto'
import { and, eq, inArray, like, sql as dsql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, auditLog, documents, notifications, requestEvents, requestGroups, requests } from '@/db/schema'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { getRequestForPatient, getRequestForStaff, listQueue } from '@/lib/requests/queries'
import { submitFamilyAttachment } from '@/lib/services/attachment/family'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty.
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
})

const count = async (table: PgTable, where?: SQL) =>
  (
    await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(table)
      .where(where)
  )[0]!.n

const identityCard = (number: string) => ({ documentKind: 'identity_card', documentNumber: number, documentIssuer: 'ҚР ІІМ' })

// A mother, a father and their 9-year-old, all attached to the other clinic; the mother gives the written consent.
async function makeFamily() {
  const attachTo = { organizationId: other.organizationId }
  const mother = await makePatient(db, { birthDate: '1990-02-02', attachTo })
  const father = await makePatient(db, { birthDate: '1988-07-07', sex: 'male', attachTo })
  const child = await makePatient(db, { birthDate: '2017-05-05', phone: null, attachTo })
  return { mother, father, child }
}

function application(family: Awaited<ReturnType<typeof makeFamily>>, overrides: Record<string, unknown> = {}) {
  return {
    clinicId: String(clinic.organizationId),
    address: 'Ақтау қ., 12 шағын аудан, 5 үй',
    basis: 'residence_change',
    writtenConsent: true,
    openedAt: '2026-11-24T04:50:00.000Z',
    members: [
      { patientId: String(family.mother.id), sectionId: String(clinic.sectionIds[0]), ...identityCard('045612301') },
      { patientId: String(family.father.id), sectionId: String(clinic.sectionIds[0]), ...identityCard('045612302') },
      {
        patientId: String(family.child.id),
        sectionId: String(clinic.sectionIds[1]),
        documentKind: 'birth_certificate',
        documentNumber: 'I-МҢ 0457812',
        documentIssuer: 'АХАТ',
        representativeIin: family.mother.iin,
      },
    ],
    ...overrides,
  }
}

async function submitFamily(family: Awaited<ReturnType<typeof makeFamily>>, key = randomUUID(), overrides = {}) {
  return submitFamilyAttachment(
    db,
    clinic.staff.registrar,
    { idempotencyKey: key, application: application(family, overrides) },
    context,
  )
}

async function submitted(family: Awaited<ReturnType<typeof makeFamily>>) {
  const result = await submitFamily(family)
  if (!result.ok) throw new Error(`${result.code} ${JSON.stringify(result.fieldErrors)}`)
  return result.data
}

const rowsOf = (ids: string[]) => db.select().from(requests).where(inArray(requests.id, ids)).orderBy(requests.number)
const idsOf = (data: { requests: { requestId: string }[] }) => data.requests.map((r) => r.requestId)

describe('Attachment rules p.30 para 2: a family attached together on one member’s written consent', () => {
  it('p.30: a family of 3 submitted at the desk gives 3 requests linked by one family group, each with its document', async () => {
    const family = await makeFamily()
    const data = await submitted(family)
    expect(data.requests.map((r) => r.patientId)).toEqual([family.mother.id, family.father.id, family.child.id])
    const rows = await rowsOf(idsOf(data))
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      expect(row).toMatchObject({
        organizationId: clinic.organizationId,
        channel: 'desk',
        status: 'submitted',
        applicantStaffId: clinic.staff.registrar.id,
        groupId: data.familyGroupId,
        payload: {
          basis: 'residence_change',
          desk: { category: 'family' },
        },
      })
      expect(row.payload).not.toHaveProperty('familyGroupId')
    }
    // The family is a request group: the mother applied for it, with her written consent.
    expect(await db.select().from(requestGroups).where(eq(requestGroups.id, data.familyGroupId))).toEqual([
      expect.objectContaining({
        organizationId: clinic.organizationId,
        applicantPatientId: family.mother.id,
        writtenConsent: true,
      }),
    ])
    expect(rows.map((row) => (row.payload.desk as { documentNumber: string }).documentNumber)).toEqual([
      '045612301',
      '045612302',
      'I-МҢ 0457812',
    ])
    expect(rows[2]!.payload).toMatchObject({ desk: { representativeIin: family.mother.iin } })
    // Standard row 2 counts the desk's service once per application: only the consenting member's request has the time.
    expect(rows.map((row) => (row.payload.desk as { openedAt?: string }).openedAt ?? null)).toEqual([
      '2026-11-24T04:50:00.000Z',
      null,
      null,
    ])
    // Each member's request: its submission and its written application recorded (p.23, one per member).
    expect(await count(requestEvents, inArray(requestEvents.requestId, idsOf(data)))).toBe(6)
    expect(await count(auditLog, and(eq(auditLog.action, 'request.submit'), inArray(auditLog.entityId, idsOf(data))))).toBe(3)
  })

  it('p.30: approving one member’s request approves all three in one decision and attaches each member', async () => {
    const family = await makeFamily()
    const data = await submitted(family)
    const child = data.requests[2]!
    const result = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: child.requestId, version: 1 },
      context,
    )
    expect(result).toMatchObject({ ok: true, data: { status: 'approved', group: 3 } })
    const rows = await rowsOf(idsOf(data))
    expect(rows.map((row) => [row.status, row.decidedBy, row.version])).toEqual(
      Array(3).fill(['approved', clinic.staff.registrar.id, 2]),
    )
    const active = await db
      .select({ patientId: attachments.patientId, organizationId: attachments.organizationId, sectionId: attachments.sectionId })
      .from(attachments)
      .where(
        and(
          inArray(attachments.patientId, [family.mother.id, family.father.id, family.child.id]),
          eq(attachments.status, 'active'),
        ),
      )
    expect(active).toHaveLength(3)
    expect(active).toEqual(
      expect.arrayContaining([
        { patientId: family.mother.id, organizationId: clinic.organizationId, sectionId: clinic.sectionIds[0] },
        { patientId: family.child.id, organizationId: clinic.organizationId, sectionId: clinic.sectionIds[1] },
      ]),
    )
    const events = await db
      .select({ requestId: requestEvents.requestId, data: requestEvents.data })
      .from(requestEvents)
      .where(and(inArray(requestEvents.requestId, idsOf(data)), eq(requestEvents.type, 'approve')))
    expect(events).toHaveLength(3)
    expect(events.every((event) => event.data.groupId === data.familyGroupId)).toBe(true)
    expect(await count(auditLog, and(eq(auditLog.action, 'request.approve'), inArray(auditLog.entityId, idsOf(data))))).toBe(3)
    // Each member's notice: the adults on their own phones, the child's (no phone) to the mother who consented.
    const notices = await db
      .select({ requestId: notifications.requestId, patientId: notifications.patientId })
      .from(notifications)
      .where(and(inArray(notifications.requestId, idsOf(data)), eq(notifications.template, 'requestApproved')))
    expect(notices).toHaveLength(3)
    expect(notices.find((n) => n.requestId === child.requestId)?.patientId).toBe(family.mother.id)
  })

  it('p.30: refusing one member’s request refuses the whole family with the same ground and reason', async () => {
    const family = await makeFamily()
    const data = await submitted(family)
    const reason = 'Отбасы мүшесінің жеке куәлігі жарамсыз.'
    const result = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'refuse', requestId: data.requests[1]!.requestId, version: 1, ground: 'unreliable_documents', reason },
      context,
    )
    expect(result).toMatchObject({ ok: true, data: { status: 'refused', group: 3 } })
    const rows = await rowsOf(idsOf(data))
    expect(rows.map((row) => [row.status, row.refusalGround, row.refusalReason])).toEqual(
      Array(3).fill(['refused', 'unreliable_documents', reason]),
    )
    const events = await db
      .select({ data: requestEvents.data })
      .from(requestEvents)
      .where(and(inArray(requestEvents.requestId, idsOf(data)), eq(requestEvents.type, 'refuse')))
    expect(events.map((event) => [event.data.ground, event.data.reason])).toEqual(Array(3).fill(['unreliable_documents', reason]))
    expect(
      await count(
        notifications,
        and(inArray(notifications.requestId, idsOf(data)), eq(notifications.template, 'requestRefused')),
      ),
    ).toBe(3)
    expect(
      await count(
        attachments,
        and(eq(attachments.organizationId, clinic.organizationId), eq(attachments.patientId, family.father.id)),
      ),
    ).toBe(0)
  })

  it('p.30: taking one member’s request into work takes the family', async () => {
    const family = await makeFamily()
    const data = await submitted(family)
    expect(
      await transitionRequest(
        db,
        clinic.staff.registrar,
        { operation: 'take', requestId: data.requests[0]!.requestId, version: 1 },
        context,
      ),
    ).toMatchObject({ ok: true, data: { status: 'in_review', group: 3 } })
    expect((await rowsOf(idsOf(data))).map((row) => [row.status, row.assigneeId])).toEqual(
      Array(3).fill(['in_review', clinic.staff.registrar.id]),
    )
  })

  it('p.30: the queue and the request page show the family: the other members with their statuses', async () => {
    const family = await makeFamily()
    const data = await submitted(family)
    const [mother, father, child] = data.requests
    // The father withdraws his own request on the portal: the family's other requests stay open.
    expect(
      await transitionRequest(
        db,
        family.father.actor,
        { operation: 'cancel', requestId: father!.requestId, version: 1 },
        context,
      ),
    ).toMatchObject({ ok: true, data: { status: 'cancelled' } })
    const queue = await listQueue(db, clinic.staff.registrar, {}, listView())
    const row = queue.find((r) => r.id === child!.requestId)!
    expect(row.family).toEqual([
      expect.objectContaining({ requestId: mother!.requestId, number: mother!.number, status: 'submitted' }),
      expect.objectContaining({ requestId: father!.requestId, status: 'cancelled' }),
    ])
    expect(queue.find((r) => r.id === father!.requestId)).toBeUndefined()
    const detail = await getRequestForStaff(db, clinic.staff.registrar, mother!.requestId, null)
    expect(detail?.family).toMatchObject({
      applicantPatientId: family.mother.id,
      members: [{ requestId: father!.requestId }, { requestId: child!.requestId, status: 'submitted' }],
    })
    expect(await getRequestForStaff(db, other.staff.registrar, mother!.requestId, null)).toBeNull()
    // The patient sees their own request, not the other members'.
    expect((await getRequestForPatient(db, family.mother.actor, mother!.requestId))?.family).toBeNull()
    // A decision now covers the two open members.
    expect(
      await transitionRequest(
        db,
        clinic.staff.registrar,
        { operation: 'approve', requestId: mother!.requestId, version: 1 },
        context,
      ),
    ).toMatchObject({ ok: true, data: { group: 2 } })
    expect((await rowsOf(idsOf(data))).map((r) => r.status)).toEqual(['approved', 'cancelled', 'approved'])
  })

  it('p.30: a member who cannot be attached stops the whole family, with the reason at that member’s row', async () => {
    const family = await makeFamily()
    // The father already has an open request at this clinic (through the portal).
    const open = await submitAttachment(db, family.father.actor, { clinic }, context)
    expect(open.ok).toBe(true)
    const base = application(family)
    const result = await submitFamily(family, randomUUID(), {
      members: [base.members[0], base.members[1], { ...base.members[2], representativeIin: '' }],
    })
    expect(result).toMatchObject({
      ok: false,
      code: 'errors.family.memberInvalid',
      fieldErrors: {
        'members.1.patientId': 'errors.request.alreadyOpen',
        'members.2.representativeIin': 'errors.desk.representativeRequired',
      },
    })
    expect(result.ok || Object.keys(result.fieldErrors ?? {}).some((key) => key.startsWith('members.0'))).toBe(false)
    // Nothing of the family was created: only the father's own portal request exists.
    expect(
      await count(
        requests,
        and(
          eq(requests.organizationId, clinic.organizationId),
          inArray(requests.patientId, [family.mother.id, family.father.id, family.child.id]),
        ),
      ),
    ).toBe(1)
  })

  it('p.30: the consent is required, the family has at least two members and nobody twice', async () => {
    const family = await makeFamily()
    const base = application(family)
    expect(await submitFamily(family, randomUUID(), { writtenConsent: false })).toMatchObject({
      ok: false,
      fieldErrors: { writtenConsent: 'errors.family.consentRequired' },
    })
    expect(await submitFamily(family, randomUUID(), { members: [base.members[0]] })).toMatchObject({
      ok: false,
      fieldErrors: { members: 'errors.family.membersRequired' },
    })
    expect(
      await submitFamily(family, randomUUID(), { members: [base.members[0], base.members[1], base.members[0]] }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { 'members.2.patientId': 'errors.family.memberTwice' },
    })
    // The consent is an adult's (p.30 para 3): a child does not apply for the family.
    expect(
      await submitFamily(family, randomUUID(), {
        members: [{ ...base.members[2], representativeIin: family.mother.iin }, base.members[0]],
      }),
    ).toMatchObject({ ok: false, fieldErrors: { 'members.0.patientId': 'errors.family.applicantChild' } })
    // The family category belongs to the family application: a single desk request cannot claim it.
    const single = await submitRequest(
      db,
      clinic.staff.registrar,
      {
        service: 'attachment',
        channel: 'desk',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(family.father.id),
          clinicId: String(clinic.organizationId),
          sectionId: '',
          address: 'Ақтау қ., 12 шағын аудан, 5 үй',
          basis: 'residence_change',
          desk: { category: 'family', ...identityCard('045612302'), phone: '', phoneConsent: false },
        },
      },
      context,
    )
    expect(single).toMatchObject({ ok: false, code: 'errors.desk.categoryRequired' })
    expect(await count(requests, inArray(requests.patientId, [family.mother.id, family.father.id, family.child.id]))).toBe(0)
  })

  it('p.30: the same form sent twice at once and then replayed creates the family once', async () => {
    const family = await makeFamily()
    const key = randomUUID()
    const [first, second] = await Promise.all([submitFamily(family, key), submitFamily(family, key)])
    if (!first.ok || !second.ok) throw new Error(JSON.stringify([first, second]))
    expect(idsOf(second.data)).toEqual(idsOf(first.data))
    expect(second.data.familyGroupId).toBe(first.data.familyGroupId)
    expect([first.data.replayed, second.data.replayed].sort()).toEqual([false, true])
    const replay = await submitFamily(family, key)
    expect(replay).toMatchObject({ ok: true, data: { replayed: true, familyGroupId: first.data.familyGroupId } })
    expect(await count(requests, like(requests.idempotencyKey, `${key}%`))).toBe(3)
    expect(
      await count(requestEvents, and(inArray(requestEvents.requestId, idsOf(first.data)), eq(requestEvents.type, 'submitted'))),
    ).toBe(3)
    expect(await count(documents, inArray(documents.requestId, idsOf(first.data)))).toBe(3)
    // Another registrar replaying the key gets nothing of the family.
    const stranger = await submitFamilyAttachment(
      db,
      clinic.staff.head,
      { idempotencyKey: key, application: application(family) },
      context,
    )
    expect(stranger.ok).toBe(false)
  })

  it('p.30: two registrars deciding the same family at once: one wins for all, the other is told who decided', async () => {
    const family = await makeFamily()
    const data = await submitted(family)
    const [mother, , child] = data.requests
    const results = await Promise.all([
      transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId: mother!.requestId, version: 1 }, context),
      transitionRequest(
        db,
        clinic.staff.head,
        {
          operation: 'refuse',
          requestId: child!.requestId,
          version: 1,
          ground: 'requirements_not_met',
          reason: 'Мекенжай аумаққа жатпайды',
        },
        context,
      ),
    ])
    const winners = results.filter((result) => result.ok)
    expect(winners).toHaveLength(1)
    expect(results.filter((result) => !result.ok)).toEqual([
      expect.objectContaining({
        code: 'errors.request.alreadyDecided',
        decided: expect.objectContaining({ decidedBy: expect.stringContaining('surname') }),
      }),
    ])
    const statuses = new Set((await rowsOf(idsOf(data))).map((row) => row.status))
    expect(statuses.size).toBe(1)
    // One decision per member, no more.
    expect(
      await count(
        requestEvents,
        and(inArray(requestEvents.requestId, idsOf(data)), inArray(requestEvents.type, ['approve', 'refuse'])),
      ),
    ).toBe(3)
  })
})

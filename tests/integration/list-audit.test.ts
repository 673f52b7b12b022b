import { randomUUID } from 'node:crypto'
import { and, asc, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, documents } from '@/db/schema'
import { digestOfShown } from '@/lib/audit/list-view-memory'
import type { StaffActor } from '@/lib/auth/actor'
import { listDocumentsAwaitingSignature } from '@/lib/documents/inbox'
import { listSectionPatients } from '@/lib/organizations/queries'
import { searchPatients } from '@/lib/patients/queries'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { listRegister } from '@/lib/services/attachment/register/queries'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { listOverdue, listQueue } from '@/lib/requests/queries'
import { fileComplaint } from '@/lib/services/complaint/file'
import { listComplaintBoard } from '@/lib/services/complaint/queries'
import { freshDb } from './db'
import { answered, listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
// Monday 23 November 2026, 10:00 in Almaty; the lists are opened on Thursday.
const monday: EngineContext = { now: new Date('2026-11-23T05:00:00Z'), address: null, overrides: [] }
const t0 = new Date('2026-11-26T06:00:00Z')
const after = (seconds: number) => new Date(t0.getTime() + seconds * 1000)

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Audited clinic')
  other = await makeClinic(db, 'Other clinic')
  for (const [lastName, section] of [
    ['Әлиева', 0],
    ['Дәулетова', 0],
    ['Жақыпова', 0],
    ['Серікова', 1],
  ] as const)
    await makePatient(db, {
      lastName,
      attachTo: { organizationId: clinic.organizationId, sectionId: clinic.sectionIds[section] },
    })
})

// The list views an actor has left in the audit log, oldest first.
const viewsOf = (actor: StaffActor) =>
  db
    .select({
      action: auditLog.action,
      actorKind: auditLog.actorKind,
      organizationId: auditLog.organizationId,
      patientId: auditLog.patientId,
      address: auditLog.address,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actor.id), like(auditLog.action, '%.view')))
    .orderBy(asc(auditLog.id))

// An application to the clinic from a person attached elsewhere.
async function submitted(lastName: string) {
  const patient = await makePatient(db, { lastName })
  const request = await submitAttachment(db, patient.actor, { clinic, sectionIndex: 0 }, monday)
  if (!request.ok) throw new Error(request.code)
  return { patient, requestId: request.data.requestId }
}

describe('Audit of lists: each view of a list of people writes one row with what was shown', () => {
  it('the registrar’s queue: filter, limit, count and digest; another clinic’s registrar gets nothing and a row of 0', async () => {
    const first = await submitted('Аманова')
    const second = await submitted('Бекова')
    const registrar = clinic.staff.registrar
    const filter = { services: ['attachment'], query: parseSearchQuery('') }
    const rows = await listQueue(db, registrar, filter, listView(t0, '10.0.0.7'))
    const ids = rows.map((row) => row.id)
    expect(ids.sort()).toEqual([first.requestId, second.requestId].sort())
    expect(await viewsOf(registrar)).toEqual([
      {
        action: 'queue.view',
        actorKind: 'staff',
        organizationId: clinic.organizationId,
        patientId: null,
        address: '10.0.0.7',
        details: {
          filter: { service: null, services: ['attachment'], status: null, mine: false, q: null },
          page: { after: null, limit: 500 },
          count: 2,
          digest: digestOfShown(ids),
        },
      },
    ])

    const stranger = other.staff.registrar
    const query = parseSearchQuery(first.patient.iin)
    expect(await listQueue(db, stranger, { status: 'submitted', query }, listView(t0))).toEqual([])
    expect(await viewsOf(stranger)).toEqual([
      expect.objectContaining({
        action: 'queue.view',
        organizationId: other.organizationId,
        details: {
          filter: { service: null, services: null, status: 'submitted', mine: false, q: first.patient.iin },
          page: { after: null, limit: 500 },
          count: 0,
          digest: digestOfShown([]),
        },
      }),
    ])
  })

  it('a queue refreshing itself writes again only when what it shows changes, and every 10 minutes', async () => {
    const head = clinic.staff.head
    const filter = { service: 'attachment' }
    const digests = async () => (await viewsOf(head)).map((row) => row.details.digest)
    const before = await listQueue(db, head, filter, listView(t0))
    await listQueue(db, head, filter, listView(after(10)))
    await listQueue(db, head, filter, listView(after(20)))
    expect(await digests()).toEqual([digestOfShown(before.map((row) => row.id))])

    const third = await submitted('Ерланова')
    const changed = await listQueue(db, head, filter, listView(after(30)))
    expect(changed.map((row) => row.id)).toContain(third.requestId)
    await listQueue(db, head, filter, listView(after(40)))
    expect(await digests()).toHaveLength(2)

    // Another filter is another view; the first filter is written again 10 minutes after its last row.
    await listQueue(db, head, { ...filter, mine: true }, listView(after(50)))
    await listQueue(db, head, filter, listView(after(30 + 599)))
    expect(await digests()).toHaveLength(3)
    await listQueue(db, head, filter, listView(after(30 + 600)))
    const written = await viewsOf(head)
    expect(written.map((row) => row.details.count)).toEqual([before.length, changed.length, 0, changed.length])
    expect(written[3]!.details.digest).toBe(written[1]!.details.digest)
    // The same login from another machine is another view.
    await listQueue(db, head, filter, listView(after(30 + 610), '10.0.0.99'))
    expect((await viewsOf(head)).map((row) => row.address)).toEqual([null, null, null, null, '10.0.0.99'])
  })

  it('patient search: the IIN or the words typed, even when nobody was found; a query that is no search writes nothing', async () => {
    const patient = await makePatient(db, {
      lastName: 'Жақыпова',
      attachTo: { organizationId: clinic.organizationId, sectionId: clinic.sectionIds[1] },
    })
    const registrar = clinic.staff.registrar
    const since = (await viewsOf(registrar)).length
    const byIin = answered(await searchPatients(db, registrar, parseSearchQuery(patient.iin), listView(t0, '10.0.0.8')))
    expect(byIin.map((row) => row.id)).toEqual([patient.id])
    const byName = answered(await searchPatients(db, registrar, parseSearchQuery('жақып  мұқ'), listView(t0)))
    expect(byName).toEqual([])
    expect(answered(await searchPatients(db, registrar, parseSearchQuery('1'), listView(t0)))).toEqual([])
    expect((await viewsOf(registrar)).slice(since)).toEqual([
      expect.objectContaining({
        action: 'patientSearch.view',
        organizationId: clinic.organizationId,
        address: '10.0.0.8',
        details: { filter: { q: patient.iin }, page: { limit: 50 }, count: 1, digest: digestOfShown([patient.id]) },
      }),
      expect.objectContaining({
        action: 'patientSearch.view',
        details: { filter: { q: 'жақып мұқ' }, page: { limit: 50 }, count: 0, digest: digestOfShown([]) },
      }),
    ])

    const stranger = other.staff.doctor
    expect(answered(await searchPatients(db, stranger, parseSearchQuery(patient.iin), listView(t0)))).toEqual([])
    expect(await viewsOf(stranger)).toEqual([
      expect.objectContaining({
        action: 'patientSearch.view',
        organizationId: other.organizationId,
        details: expect.objectContaining({ filter: { q: patient.iin }, count: 0 }),
      }),
    ])
  })

  it('the register: section, search, page and total as applied, and the patients on the page', async () => {
    const chief = clinic.staff.chief
    const first = answered(await listRegister(db, chief, { sectionId: clinic.sectionIds[0] }, { limit: 1 }, listView(t0)))
    const page = { after: first.rows[0]!.patientId, limit: 2 }
    const { total, rows } = answered(await listRegister(db, chief, { sectionId: clinic.sectionIds[0] }, page, listView(t0)))
    expect(rows).toHaveLength(2)
    expect((await viewsOf(chief)).slice(1)).toEqual([
      expect.objectContaining({
        action: 'register.view',
        organizationId: clinic.organizationId,
        details: {
          filter: { sectionId: clinic.sectionIds[0], q: null },
          page: { after: first.rows[0]!.patientId, before: null, limit: 2, total },
          count: 2,
          digest: digestOfShown(rows.map((row) => row.patientId)),
        },
      }),
    ])
    const stranger = other.staff.chief
    const foreign = await listRegister(db, stranger, { query: parseSearchQuery('Аманова') }, page, listView(t0))
    expect(answered(foreign)).toEqual({ total: 0, rows: [], hasPrevious: false, hasNext: false })
    expect((await viewsOf(stranger)).map((row) => [row.action, row.organizationId, row.details.count])).toEqual([
      ['register.view', other.organizationId, 0],
    ])
  })

  it('the signing inbox: the documents awaiting the signer, each signer’s own view', async () => {
    const { requestId } = await submitted('Қасымова')
    const decided = await transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId, version: 1 }, monday)
    if (!decided.ok) throw new Error(decided.code)
    const doctor = clinic.staff.doctor
    const inbox = await listDocumentsAwaitingSignature(db, doctor, listView(t0, '10.0.0.9'))
    const [notice] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.requestId, requestId), eq(documents.kind, 'attachment_notice')))
    expect(inbox.map((row) => row.id)).toEqual([notice!.id])
    expect((await viewsOf(doctor)).filter((row) => row.action === 'signingInbox.view')).toEqual([
      {
        action: 'signingInbox.view',
        actorKind: 'staff',
        organizationId: clinic.organizationId,
        patientId: null,
        address: '10.0.0.9',
        details: { filter: {}, page: { limit: 200 }, count: 1, digest: digestOfShown([notice!.id]) },
      },
    ])
    expect(await listDocumentsAwaitingSignature(db, other.staff.doctor, listView(t0))).toEqual([])
    const foreign = (await viewsOf(other.staff.doctor)).filter((row) => row.action === 'signingInbox.view')
    expect(foreign.map((row) => [row.organizationId, row.details.count])).toEqual([[other.organizationId, 0]])
  })

  it('the doctor’s section list: one row per section shown; another clinic’s section shows and records nobody', async () => {
    const doctor = clinic.staff.doctor
    const since = (await viewsOf(doctor)).length
    const mine = await listSectionPatients(db, doctor, clinic.sectionIds[0]!, listView(t0))
    const second = await listSectionPatients(db, doctor, clinic.sectionIds[1]!, listView(t0))
    expect(await listSectionPatients(db, doctor, other.sectionIds[0]!, listView(t0))).toEqual([])
    expect((await viewsOf(doctor)).slice(since).map((row) => [row.action, row.details])).toEqual([
      [
        'sectionPatients.view',
        {
          filter: { sectionId: clinic.sectionIds[0] },
          page: { limit: 500 },
          count: mine.length,
          digest: digestOfShown(mine.map((row) => row.id)),
        },
      ],
      [
        'sectionPatients.view',
        {
          filter: { sectionId: clinic.sectionIds[1] },
          page: { limit: 500 },
          count: second.length,
          digest: digestOfShown(second.map((row) => row.id)),
        },
      ],
      [
        'sectionPatients.view',
        { filter: { sectionId: other.sectionIds[0] }, page: { limit: 500 }, count: 0, digest: digestOfShown([]) },
      ],
    ])
    expect(mine.length).toBeGreaterThan(0)
  })

  it('the head’s overdue board; a registrar, who may not open it, gets nothing and writes nothing', async () => {
    const head = clinic.staff.head
    const since = (await viewsOf(head)).length
    const late = new Date('2026-12-31T06:00:00Z')
    const rows = await listOverdue(db, head, listView(late))
    expect(rows.length).toBeGreaterThan(0)
    expect((await viewsOf(head)).slice(since)).toEqual([
      expect.objectContaining({
        action: 'overdue.view',
        organizationId: clinic.organizationId,
        details: { filter: {}, page: { limit: 500 }, count: rows.length, digest: digestOfShown(rows.map((row) => row.id)) },
      }),
    ])
    const registrar = other.staff.registrar
    const before = (await viewsOf(registrar)).length
    expect(await listOverdue(db, registrar, listView(late))).toEqual([])
    expect(await viewsOf(registrar)).toHaveLength(before)
  })

  it('the head’s complaints board, and another clinic’s empty one', async () => {
    const { patient, requestId } = await submitted('Нұрланова')
    const refused = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'refuse', requestId, version: 1, ground: 'requirements_not_met', reason: 'Мекенжай аумаққа жатпайды' },
      monday,
    )
    if (!refused.ok) throw new Error(refused.code)
    const complaint = await fileComplaint(
      db,
      patient.actor,
      { requestId, text: 'Шешіммен келіспеймін.', idempotencyKey: randomUUID() },
      monday,
    )
    if (!complaint.ok) throw new Error(complaint.code)
    const head = clinic.staff.head
    const since = (await viewsOf(head)).length
    const board = await listComplaintBoard(db, head, listView(t0))
    expect(board.map((row) => row.id)).toEqual([complaint.data.requestId])
    expect((await viewsOf(head)).slice(since)).toEqual([
      expect.objectContaining({
        action: 'complaintBoard.view',
        organizationId: clinic.organizationId,
        details: { filter: {}, page: { limit: 500 }, count: 1, digest: digestOfShown([complaint.data.requestId]) },
      }),
    ])
    expect(await listComplaintBoard(db, other.staff.head, listView(t0))).toEqual([])
    expect((await viewsOf(other.staff.head)).map((row) => [row.action, row.organizationId, row.details.count])).toEqual([
      ['complaintBoard.view', other.organizationId, 0],
    ])
  })
})

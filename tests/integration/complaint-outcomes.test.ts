import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, auditLog, documents, notifications, requestEvents, requests } from '@/db/schema'
import { transitionRequest } from '@/lib/requests/engine'
import { listQueue } from '@/lib/requests/queries'
import { decideComplaint } from '@/lib/services/complaint/decide'
import { fileComplaint } from '@/lib/services/complaint/file'
import { listComplaintBoard } from '@/lib/services/complaint/queries'
import { recordQualityControlAnswer } from '@/lib/services/complaint/review'
import type { ComplaintOutcome } from '@/lib/services/complaint/rules'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
// Monday 12 October 2026, 10:00 in Almaty: the attachment is refused, the complaint filed.
const monday = { now: new Date('2026-10-12T05:00:00Z'), address: null, overrides: [] }
// Wednesday 14 October 2026, 11:00 in Almaty: the head decides the complaint (within 3 working days, p.40).
const wednesday = { now: new Date('2026-10-14T06:00:00Z'), address: '10.0.0.9', overrides: [] }
const answer = 'Мекенжай тексерілді: емхананың аумағына жатады. Бас тарту қате болды, өтінім қайта қаралады.'

beforeAll(async () => {
  ;({ db } = await freshDb({ max: 6 }))
  clinic = await makeClinic(db)
})

async function refusedAttachment() {
  const patient = await makePatient(db)
  const submitted = await submitAttachment(db, patient.actor, { clinic }, monday)
  if (!submitted.ok) throw new Error(submitted.code)
  const refused = await transitionRequest(
    db,
    clinic.staff.registrar,
    {
      operation: 'refuse',
      requestId: submitted.data.requestId,
      version: 1,
      ground: 'requirements_not_met',
      reason: 'Мекенжай аумаққа жатпайды',
    },
    monday,
  )
  if (!refused.ok) throw new Error(refused.code)
  return { patient, requestId: submitted.data.requestId }
}

async function complaintAbout(patient: Awaited<ReturnType<typeof makePatient>>, requestId: string, context = monday) {
  const complaint = await fileComplaint(
    db,
    patient.actor,
    { requestId, text: 'Мекенжайым емхана аумағында, шешіммен келіспеймін.', idempotencyKey: randomUUID() },
    context,
  )
  if (!complaint.ok) throw new Error(complaint.code)
  return complaint.data
}

const decide = (complaintId: string, outcome: ComplaintOutcome, version = 1, head = clinic.staff.head) =>
  decideComplaint(db, head, { requestId: complaintId, version, outcome, answer }, wednesday)

const rowOf = async (id: string) => (await db.select().from(requests).where(eq(requests.id, id)))[0]!
const eventsOf = (id: string) =>
  db
    .select({ type: requestEvents.type, toStatus: requestEvents.toStatus, data: requestEvents.data })
    .from(requestEvents)
    .where(eq(requestEvents.requestId, id))
    .orderBy(requestEvents.id)

describe('Attachment rules p.40: a satisfied complaint reopens the refusal it contests', () => {
  it('p.40: satisfied → the refusal is reopened in the same transaction, the old one stays in the history', async () => {
    const { patient, requestId } = await refusedAttachment()
    const complaint = await complaintAbout(patient, requestId)
    const refusalNotice = await db
      .select({ id: documents.id, status: documents.status })
      .from(documents)
      .where(eq(documents.requestId, requestId))
    expect(refusalNotice).toHaveLength(1)

    expect(await decide(complaint.requestId, 'satisfied')).toEqual({ ok: true, data: { status: 'approved', version: 2 } })

    const contested = await rowOf(requestId)
    expect(contested).toMatchObject({
      status: 'in_review',
      decidedAt: null,
      decidedBy: null,
      refusalGround: null,
      refusalReason: null,
      assigneeId: null,
      version: 3,
    })
    // Reading (docs/decisions.md): decided again within the service's own limit from the reopening: a portal
    // attachment reopened on a working day within hours is due that day, 20:00 (Almaty).
    expect(contested.dueAt).toEqual(new Date('2026-10-14T15:00:00Z'))
    const events = await eventsOf(requestId)
    expect(events.map((event) => event.type)).toEqual(['submitted', 'refuse', 'document_revoked', 'reopen'])
    expect(events.find((event) => event.type === 'refuse')!.data).toMatchObject({ ground: 'requirements_not_met' })
    expect(events.at(-1)).toMatchObject({
      toStatus: 'in_review',
      data: { by: { requestId: complaint.requestId, number: complaint.number, service: 'complaint' } },
    })
    // The refusal notice no longer holds: revoked, saying why, in both languages.
    const [notice] = await db.select().from(documents).where(eq(documents.id, refusalNotice[0]!.id))
    expect(notice).toMatchObject({ status: 'revoked', revokedBy: clinic.staff.head.id })
    expect(notice!.revokedReason).toBe(
      `Шешім қайта қаралады: Шағым №${complaint.number} / Решение пересматривается: Жалоба №${complaint.number}`,
    )
    const [audit] = await db
      .select({ actorId: auditLog.actorId, address: auditLog.address })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, requestId), eq(auditLog.action, 'request.reopen')))
    expect(audit).toEqual({ actorId: clinic.staff.head.id, address: '10.0.0.9' })

    // The complaint carries the answer the patient reads.
    expect((await eventsOf(complaint.requestId)).at(-1)).toMatchObject({ type: 'approve', data: { note: answer } })
    // The patient is told the complaint was satisfied and the decision will be reviewed, not «Бекітілді».
    const [sms] = await db
      .select({ template: notifications.template, body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.requestId, complaint.requestId), eq(notifications.template, 'complaintSatisfiedReopened')))
    expect(sms!.body).toContain(`№${complaint.number} шағымыңыз қанағаттандырылды: шешім қайта қаралады`)
    expect(sms!.body).not.toMatch(/Бекітілді|бекітілді/)

    // Back in the registrar's queue; the registrar decides it again, and the patient is attached.
    const queue = await listQueue(db, clinic.staff.registrar, { services: ['attachment'] }, listView(wednesday.now))
    expect(queue.map((row) => row.id)).toContain(requestId)
    const approved = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId, version: 3 },
      wednesday,
    )
    expect(approved).toMatchObject({ ok: true, data: { status: 'approved' } })
    const [attachment] = await db.select().from(attachments).where(eq(attachments.patientId, patient.id))
    expect(attachment).toMatchObject({ organizationId: clinic.organizationId, status: 'active' })
    expect((await eventsOf(requestId)).map((event) => event.type)).toEqual([
      'submitted',
      'refuse',
      'document_revoked',
      'reopen',
      'approve',
    ])
  })

  it('p.38: every outcome needs the answer; an approval without one changes nothing', async () => {
    const { patient, requestId } = await refusedAttachment()
    const complaint = await complaintAbout(patient, requestId)
    expect(
      await transitionRequest(
        db,
        clinic.staff.head,
        { operation: 'approve', requestId: complaint.requestId, version: 1 },
        wednesday,
      ),
    ).toEqual({
      ok: false,
      code: 'errors.complaint.decisionAnswerRequired',
      fieldErrors: { note: 'errors.complaint.decisionAnswerRequired' },
    })
    expect(await rowOf(complaint.requestId)).toMatchObject({ status: 'submitted', version: 1 })
    expect(await rowOf(requestId)).toMatchObject({ status: 'refused', version: 2 })
    expect((await eventsOf(requestId)).map((event) => event.type)).toEqual(['submitted', 'refuse'])
  })

  it('p.40: partly satisfied → reopened too, and forwarded to the quality-control body with the case', async () => {
    const { patient, requestId } = await refusedAttachment()
    const complaint = await complaintAbout(patient, requestId)
    expect(await decide(complaint.requestId, 'partly_satisfied')).toMatchObject({ ok: true, data: { status: 'refused' } })
    expect(await rowOf(complaint.requestId)).toMatchObject({ refusalGround: 'partly_satisfied', refusalReason: answer })
    expect(await rowOf(requestId)).toMatchObject({ status: 'in_review' })
    // p.39: the body's 15 working days run; the head records its answer.
    const board = await listComplaintBoard(db, clinic.staff.head, listView(wednesday.now))
    expect(board.find((row) => row.id === complaint.requestId)).toMatchObject({ forwardedAt: wednesday.now })
    const recorded = await recordQualityControlAnswer(
      db,
      clinic.staff.head,
      { requestId: complaint.requestId, idempotencyKey: randomUUID(), outcome: 'upheld', text: 'Хат № 5: шағым негізді.' },
      wednesday,
    )
    expect(recorded.ok).toBe(true)
    const [sms] = await db
      .select({ template: notifications.template })
      .from(notifications)
      .where(
        and(eq(notifications.requestId, complaint.requestId), eq(notifications.template, 'complaintPartlySatisfiedReopened')),
      )
    expect(sms).toBeDefined()
  })

  it('p.40: forwarded → the refusal stands until the body answers', async () => {
    const { patient, requestId } = await refusedAttachment()
    const complaint = await complaintAbout(patient, requestId)
    expect(await decide(complaint.requestId, 'forwarded')).toMatchObject({ ok: true, data: { status: 'refused' } })
    expect(await rowOf(complaint.requestId)).toMatchObject({ refusalGround: 'forwarded_to_quality_control' })
    expect(await rowOf(requestId)).toMatchObject({ status: 'refused', version: 2 })
    expect((await eventsOf(requestId)).map((event) => event.type)).toEqual(['submitted', 'refuse'])
  })

  it('a satisfied complaint about an approval leaves the approval in force (only a refusal is reopened)', async () => {
    const patient = await makePatient(db)
    const submitted = await submitAttachment(db, patient.actor, { clinic }, monday)
    if (!submitted.ok) throw new Error(submitted.code)
    await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      monday,
    )
    const complaint = await complaintAbout(patient, submitted.data.requestId)
    expect((await decide(complaint.requestId, 'satisfied')).ok).toBe(true)
    expect(await rowOf(submitted.data.requestId)).toMatchObject({ status: 'approved', version: 2 })
    const [sms] = await db
      .select({ template: notifications.template })
      .from(notifications)
      .where(and(eq(notifications.requestId, complaint.requestId), eq(notifications.template, 'complaintSatisfied')))
    expect(sms).toBeDefined()
  })

  it('only a complaint is decided this way: an attachment request is not found', async () => {
    const patient = await makePatient(db)
    const submitted = await submitAttachment(db, patient.actor, { clinic }, monday)
    if (!submitted.ok) throw new Error(submitted.code)
    expect(await decide(submitted.data.requestId, 'satisfied')).toEqual({ ok: false, code: 'errors.request.notFound' })
    expect(await rowOf(submitted.data.requestId)).toMatchObject({ status: 'submitted', version: 1 })
  })
})

describe('Attachment rules p.40: one outcome, all or nothing', () => {
  it('two decisions of one complaint at once (satisfy and forward): one wins, the other is told; one reopening at most', async () => {
    const { patient, requestId } = await refusedAttachment()
    const complaint = await complaintAbout(patient, requestId)
    const results = await Promise.all([
      decide(complaint.requestId, 'satisfied'),
      decide(complaint.requestId, 'forwarded', 1, { ...clinic.staff.chief }),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((result) => !result.ok)).toEqual([
      expect.objectContaining({ ok: false, code: 'errors.request.alreadyDecided' }),
    ])
    const won = (await rowOf(complaint.requestId)).status
    const reopenings = (await eventsOf(requestId)).filter((event) => event.type === 'reopen')
    expect(reopenings).toHaveLength(won === 'approved' ? 1 : 0)
    expect((await rowOf(requestId)).status).toBe(won === 'approved' ? 'in_review' : 'refused')
  })

  it('a double submit of "satisfied" reopens once', async () => {
    const { patient, requestId } = await refusedAttachment()
    const complaint = await complaintAbout(patient, requestId)
    const results = await Promise.all([decide(complaint.requestId, 'satisfied'), decide(complaint.requestId, 'satisfied')])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect((await eventsOf(requestId)).filter((event) => event.type === 'reopen')).toHaveLength(1)
    expect((await eventsOf(complaint.requestId)).filter((event) => event.type === 'approve')).toHaveLength(1)
  })

  it('a reopening that cannot happen (another open attachment request) leaves the complaint undecided too', async () => {
    const { patient, requestId } = await refusedAttachment()
    const complaint = await complaintAbout(patient, requestId)
    // Meanwhile the patient applied again at the same clinic: two open requests of one service are not allowed.
    const again = await submitAttachment(db, patient.actor, { clinic }, monday)
    if (!again.ok) throw new Error(again.code)
    expect(await decide(complaint.requestId, 'satisfied')).toEqual({ ok: false, code: 'errors.request.reopenBlocked' })
    expect(await rowOf(complaint.requestId)).toMatchObject({ status: 'submitted', version: 1 })
    expect(await rowOf(requestId)).toMatchObject({ status: 'refused', version: 2 })
    expect((await eventsOf(complaint.requestId)).map((event) => event.type)).toEqual(['submitted'])
    expect(
      await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.requestId, complaint.requestId), eq(notifications.template, 'complaintSatisfiedReopened'))),
    ).toEqual([])
  })
})

describe('Attachment rules p.38, p.40: a complaint about inaction is satisfied by the decision', () => {
  it('p.40: not before the request is decided; once it is, satisfied, and nothing is reopened', async () => {
    const patient = await makePatient(db)
    const submitted = await submitAttachment(db, patient.actor, { clinic }, monday)
    if (!submitted.ok) throw new Error(submitted.code)
    const requestId = submitted.data.requestId
    // Past its deadline, still undecided: the complaint is about inaction.
    const later = { ...monday, now: new Date('2026-10-13T08:00:00Z') }
    const complaint = await complaintAbout(patient, requestId, later)
    expect((await rowOf(complaint.requestId)).payload).toMatchObject({ about: 'inaction' })
    expect(await decide(complaint.requestId, 'satisfied')).toEqual({ ok: false, code: 'errors.complaint.decideFirst' })
    expect(await rowOf(complaint.requestId)).toMatchObject({ status: 'submitted', version: 1 })

    await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'refuse', requestId, version: 1, ground: 'requirements_not_met', reason: 'Мекенжай аумаққа жатпайды' },
      wednesday,
    )
    expect((await decide(complaint.requestId, 'satisfied')).ok).toBe(true)
    // The inaction is answered by that decision; the refusal itself is a new matter for a new complaint.
    expect(await rowOf(requestId)).toMatchObject({ status: 'refused' })
  })
})

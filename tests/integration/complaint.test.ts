import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, notifications, requestEvents, requests } from '@/db/schema'
import { transitionRequest } from '@/lib/requests/engine'
import { listQueue } from '@/lib/requests/queries'
import { fileComplaint } from '@/lib/services/complaint/file'
import { listComplaintBoard } from '@/lib/services/complaint/queries'
import { recordQualityControlAnswer } from '@/lib/services/complaint/review'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
// Monday 12 October 2026, 10:00 in Almaty.
const monday = { now: new Date('2026-10-12T05:00:00Z'), address: null, overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db)
})

async function refusedRequest() {
  const patient = await makePatient(db)
  const submitted = await submitAttachment(db, patient.actor, { clinic }, monday)
  if (!submitted.ok) throw new Error(submitted.code)
  await transitionRequest(
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
  return { patient, requestId: submitted.data.requestId }
}

const text = 'Мекенжайым емхана аумағында, шешіммен келіспеймін.'

describe('Attachment rules p.38-40: complaints about a decision', () => {
  it('p.38: the clinic answers within 5 working days of registration; the head sees it, the registrar does not', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    const [row] = await db.select().from(requests).where(eq(requests.id, complaint.data.requestId))
    expect(row).toMatchObject({
      service: 'complaint',
      organizationId: clinic.organizationId,
      patientId: patient.id,
      payload: { requestId, text },
    })
    // Monday 12 October → due Monday 19 October, 20:00 (5 working days after the day of registration).
    expect(row!.dueAt).toEqual(new Date('2026-10-19T15:00:00Z'))
    expect((await listQueue(db, clinic.staff.head, { service: 'complaint' }, listView())).map((r) => r.id)).toContain(row!.id)
    expect(await listQueue(db, clinic.staff.registrar, { services: ['attachment'] }, listView())).not.toContainEqual(
      expect.objectContaining({ id: row!.id }),
    )
  })

  it('p.40: not fully satisfied → forwarded, with that ground and the reason; a registrar may not answer', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    const input = {
      operation: 'refuse' as const,
      requestId: complaint.data.requestId,
      version: 1,
      ground: 'forwarded_to_quality_control',
      reason: 'Аумақ туралы дау: бақылау органы қарасын.',
    }
    expect((await transitionRequest(db, clinic.staff.registrar, input, monday)).ok).toBe(false)
    expect(await transitionRequest(db, clinic.staff.head, input, monday)).toEqual({
      ok: true,
      data: { status: 'refused', version: 2 },
    })
  })

  it('only about one’s own decided request', async () => {
    const { requestId } = await refusedRequest()
    const stranger = await makePatient(db)
    expect(await fileComplaint(db, stranger.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)).toEqual({
      ok: false,
      code: 'errors.request.notFound',
    })
    const patient = await makePatient(db)
    const open = await submitAttachment(db, patient.actor, { clinic }, monday)
    if (!open.ok) throw new Error(open.code)
    expect(
      await fileComplaint(db, patient.actor, { requestId: open.data.requestId, text, idempotencyKey: randomUUID() }, monday),
    ).toEqual({
      ok: false,
      code: 'errors.complaint.notDecided',
    })
  })
})

describe('Attachment rules p.38: a complaint about inaction', () => {
  it('p.38: a request past its deadline without a decision can be complained about; before the deadline it cannot', async () => {
    const patient = await makePatient(db)
    const open = await submitAttachment(db, patient.actor, { clinic }, monday)
    if (!open.ok) throw new Error(open.code)
    const [row] = await db.select({ dueAt: requests.dueAt }).from(requests).where(eq(requests.id, open.data.requestId))
    const justBefore = { ...monday, now: new Date(row!.dueAt.getTime() - 60_000) }
    const justAfter = { ...monday, now: new Date(row!.dueAt.getTime() + 60_000) }
    const input = { requestId: open.data.requestId, text }
    expect(await fileComplaint(db, patient.actor, { ...input, idempotencyKey: randomUUID() }, justBefore)).toEqual({
      ok: false,
      code: 'errors.complaint.notDecided',
    })
    const filed = await fileComplaint(db, patient.actor, { ...input, idempotencyKey: randomUUID() }, justAfter)
    if (!filed.ok) throw new Error(filed.code)
    const [complaint] = await db.select().from(requests).where(eq(requests.id, filed.data.requestId))
    expect(complaint).toMatchObject({
      service: 'complaint',
      status: 'submitted',
      organizationId: clinic.organizationId,
      patientId: patient.id,
      payload: expect.objectContaining({ requestId: open.data.requestId, about: 'inaction' }),
    })
  })
})

describe('Attachment rules p.40: the patient is told the complaint was forwarded', () => {
  it('sends the complaint’s own SMS, not the request’s', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    await transitionRequest(
      db,
      clinic.staff.head,
      {
        operation: 'refuse',
        requestId: complaint.data.requestId,
        version: 1,
        ground: 'forwarded_to_quality_control',
        reason: 'Бақылау органы қарасын.',
      },
      monday,
    )
    const sent = await db
      .select({ template: notifications.template, body: notifications.body })
      .from(notifications)
      .where(eq(notifications.requestId, complaint.data.requestId))
    expect(sent.map((row) => row.template).sort()).toEqual(['complaintForwarded', 'complaintSubmitted'])
    // The receipt says it is a complaint, and when the answer is due (p.38: within 5 working days).
    const receipt = sent.find((row) => row.template === 'complaintSubmitted')!
    const number = complaint.data.number
    expect(receipt.body).toMatch(new RegExp(`№${number} шағымыңыз қабылданды|жалоба №${number} принята`))
  })
})

// Thursday 15 October 2026, 11:00 in Almaty: the complaint of Monday is forwarded on its last day (p.40).
const thursday = { now: new Date('2026-10-15T06:00:00Z'), address: '10.0.0.7', overrides: [] }
// Monday 2 November 2026: the body's answer arrives.
const answerDay = { now: new Date('2026-11-02T06:00:00Z'), address: '10.0.0.7', overrides: [] }

async function forwardedComplaint() {
  const { patient, requestId } = await refusedRequest()
  const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
  if (!complaint.ok) throw new Error(complaint.code)
  const forwarded = await transitionRequest(
    db,
    clinic.staff.head,
    {
      operation: 'refuse',
      requestId: complaint.data.requestId,
      version: 1,
      ground: 'forwarded_to_quality_control',
      reason: 'Аумақ туралы дау: бақылау органы қарасын.',
    },
    thursday,
  )
  if (!forwarded.ok) throw new Error(forwarded.code)
  return { patient, complaintId: complaint.data.requestId }
}

const answerOf = (requestId: string) =>
  db
    .select({
      type: requestEvents.type,
      actorId: requestEvents.actorId,
      data: requestEvents.data,
      createdAt: requestEvents.createdAt,
    })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, 'quality_control_answer')))

describe('Attachment rules p.39-40: the quality-control body’s answer to a forwarded complaint', () => {
  it('p.38, p.40: the head’s board lists an open complaint and, once forwarded, keeps it until the body’s answer', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    const boardRow = async () =>
      (await listComplaintBoard(db, clinic.staff.head, listView())).find((row) => row.id === complaint.data.requestId)
    expect(await boardRow()).toMatchObject({ status: 'submitted', forwardedAt: null })

    await transitionRequest(
      db,
      clinic.staff.head,
      {
        operation: 'refuse',
        requestId: complaint.data.requestId,
        version: 1,
        ground: 'forwarded_to_quality_control',
        reason: 'Бақылау органы қарасын.',
      },
      thursday,
    )
    expect(await boardRow()).toMatchObject({ status: 'refused', forwardedAt: thursday.now })

    const recorded = await recordQualityControlAnswer(
      db,
      clinic.staff.head,
      { requestId: complaint.data.requestId, idempotencyKey: randomUUID(), outcome: 'rejected', text: 'Шешім заңды.' },
      answerDay,
    )
    expect(recorded.ok).toBe(true)
    expect(await boardRow()).toBeUndefined()
    // Another clinic's head sees none of it.
    const other = await makeClinic(db, 'Other clinic')
    expect(await listComplaintBoard(db, other.staff.head, listView())).toEqual([])
  })

  it('p.39: the head records the body’s answer: an event of the complaint and an audit row; the status stays', async () => {
    const { patient, complaintId } = await forwardedComplaint()
    const input = {
      requestId: complaintId,
      idempotencyKey: randomUUID(),
      outcome: 'upheld' as const,
      text: 'Шағым негізді: қайта бекітілсін.',
    }
    expect(await recordQualityControlAnswer(db, clinic.staff.head, input, answerDay)).toEqual({
      ok: true,
      data: { recordedAt: answerDay.now.toISOString(), replayed: false },
    })
    expect(await answerOf(complaintId)).toEqual([
      {
        type: 'quality_control_answer',
        actorId: clinic.staff.head.id,
        data: { outcome: 'upheld', text: 'Шағым негізді: қайта бекітілсін.', idempotencyKey: input.idempotencyKey },
        createdAt: answerDay.now,
      },
    ])
    const [row] = await db
      .select({ status: requests.status, version: requests.version })
      .from(requests)
      .where(eq(requests.id, complaintId))
    expect(row).toEqual({ status: 'refused', version: 2 })
    const audit = await db
      .select({
        action: auditLog.action,
        actorId: auditLog.actorId,
        patientId: auditLog.patientId,
        address: auditLog.address,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, complaintId), eq(auditLog.action, 'complaint.recordReview')))
    expect(audit).toEqual([
      {
        action: 'complaint.recordReview',
        actorId: clinic.staff.head.id,
        patientId: patient.id,
        address: '10.0.0.7',
        details: { outcome: 'upheld' },
      },
    ])

    // A replay of the same submit returns the first answer; a second, different answer is refused.
    expect(await recordQualityControlAnswer(db, clinic.staff.head, input, answerDay)).toEqual({
      ok: true,
      data: { recordedAt: answerDay.now.toISOString(), replayed: true },
    })
    expect(
      await recordQualityControlAnswer(
        db,
        clinic.staff.chief,
        { ...input, idempotencyKey: randomUUID(), outcome: 'rejected' },
        answerDay,
      ),
    ).toEqual({ ok: false, code: 'errors.complaint.answerAlreadyRecorded' })
    expect(await answerOf(complaintId)).toHaveLength(1)
  })

  it('a registrar may not record it, nor the head of another clinic; nothing is written', async () => {
    const { complaintId } = await forwardedComplaint()
    const other = await makeClinic(db, 'Other clinic')
    const input = { requestId: complaintId, idempotencyKey: randomUUID(), outcome: 'rejected' as const, text: 'Шешім заңды.' }
    for (const actor of [clinic.staff.registrar, clinic.staff.doctor, other.staff.head]) {
      expect(await recordQualityControlAnswer(db, actor, input, answerDay)).toEqual({
        ok: false,
        code: 'errors.request.notFound',
      })
    }
    expect(await answerOf(complaintId)).toEqual([])
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, complaintId), eq(auditLog.action, 'complaint.recordReview'))),
    ).toEqual([])
  })

  it('p.40: only a forwarded complaint has the body’s answer: not an open or satisfied one, nor a request', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    const input = (id: string) => ({
      requestId: id,
      idempotencyKey: randomUUID(),
      outcome: 'upheld' as const,
      text: 'Шағым негізді.',
    })
    expect(await recordQualityControlAnswer(db, clinic.staff.head, input(complaint.data.requestId), answerDay)).toEqual({
      ok: false,
      code: 'errors.complaint.notForwarded',
    })
    const satisfied = await transitionRequest(
      db,
      clinic.staff.head,
      { operation: 'approve', requestId: complaint.data.requestId, version: 1, note: 'Бас тарту қайта қаралады.' },
      thursday,
    )
    expect(satisfied.ok).toBe(true)
    expect(await recordQualityControlAnswer(db, clinic.staff.head, input(complaint.data.requestId), answerDay)).toEqual({
      ok: false,
      code: 'errors.complaint.notForwarded',
    })
    expect(await recordQualityControlAnswer(db, clinic.staff.head, input(requestId), answerDay)).toEqual({
      ok: false,
      code: 'errors.request.notFound',
    })
    expect(await answerOf(complaint.data.requestId)).toEqual([])
  })
})

import { randomUUID } from 'node:crypto'
import { and, eq, sql as dsql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, requestEvents, requests } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { getRequestForPatient, getRequestForStaff, listQueue } from '@/lib/requests/queries'
import { registerServiceForTests } from '@/lib/services'
import { doctorNoteService } from '../support/services/doctor-note'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

// One permission policy: what may be done to a request is its service's `who`, at the actor's own clinic.
registerServiceForTests(doctorNoteService)

let db: Database
let clinicA: TestClinic
let clinicB: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty.
const tuesday: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: null, overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinicA = await makeClinic(db, 'Clinic A')
  clinicB = await makeClinic(db, 'Clinic B')
})

function writeNote(actor: Actor, clinic: TestClinic, patientId: number) {
  return submitRequest(
    db,
    actor,
    {
      service: doctorNoteService.id,
      channel: 'desk',
      idempotencyKey: randomUUID(),
      payload: { clinicId: clinic.organizationId, patientId, text: 'Стационарға жатқызу ұсынылады.' },
    },
    tuesday,
  )
}

async function requestRow(id: string) {
  const [row] = await db.select().from(requests).where(eq(requests.id, id))
  return row!
}

async function requestsOf(patientId: number) {
  return db.select({ id: requests.id, service: requests.service }).from(requests).where(eq(requests.patientId, patientId))
}

async function eventCount(requestId: string) {
  const [row] = await db
    .select({ n: dsql<number>`count(*)::int` })
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
  return row!.n
}

describe('Submitting: the service’s who.submit, at the actor’s own clinic', () => {
  it('a doctor submits a request of a service whose who lets doctors submit', async () => {
    const patient = await makePatient(db)
    const result = await writeNote(clinicA.staff.doctor, clinicA, patient.id)
    if (!result.ok) throw new Error(result.code)
    expect(await requestRow(result.data.requestId)).toMatchObject({
      service: doctorNoteService.id,
      organizationId: clinicA.organizationId,
      patientId: patient.id,
      applicantStaffId: clinicA.staff.doctor.id,
      status: 'submitted',
    })
    const audit = await db
      .select({ actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, result.data.requestId), eq(auditLog.action, 'request.submit')))
    expect(audit).toEqual([{ actorId: clinicA.staff.doctor.id }])
  })

  it('the registrar may not submit it, nor a doctor of another clinic for this one; nothing is written', async () => {
    const patient = await makePatient(db)
    expect(await writeNote(clinicA.staff.registrar, clinicA, patient.id)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(await writeNote(clinicB.staff.doctor, clinicA, patient.id)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
      fieldErrors: { patientId: 'errors.request.notAllowed' },
    })
    expect(await requestsOf(patient.id)).toEqual([])
  })

  it('p.38: a registrar may not submit a complaint, the patient may; the registrar’s attempt writes nothing', async () => {
    const patient = await makePatient(db)
    const submitted = await submitAttachment(db, patient.actor, { clinic: clinicA }, tuesday)
    if (!submitted.ok) throw new Error(submitted.code)
    const refusal = {
      operation: 'refuse' as const,
      requestId: submitted.data.requestId,
      version: 1,
      ground: 'requirements_not_met',
      reason: 'Мекенжай аумаққа жатпайды',
    }
    expect((await transitionRequest(db, clinicA.staff.registrar, refusal, tuesday)).ok).toBe(true)
    const complaint = (idempotencyKey: string) => ({
      service: 'complaint',
      channel: 'desk' as const,
      idempotencyKey,
      payload: {
        requestId: submitted.data.requestId,
        text: 'Мекенжайым емхана аумағында, шешіммен келіспеймін.',
        clinicId: clinicA.organizationId,
        patientId: patient.id,
      },
    })
    expect(await submitRequest(db, clinicA.staff.registrar, complaint(randomUUID()), tuesday)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect((await requestsOf(patient.id)).map((row) => row.service)).toEqual(['attachment'])
    expect((await submitRequest(db, patient.actor, { ...complaint(randomUUID()), channel: 'portal' }, tuesday)).ok).toBe(true)
  })
})

describe('Deciding: out of scope looks missing, in scope but not the role’s is refused as such', () => {
  it('a registrar of another clinic gets notFound on take and approve; nothing changes', async () => {
    const patient = await makePatient(db)
    const submitted = await submitAttachment(db, patient.actor, { clinic: clinicA }, tuesday)
    if (!submitted.ok) throw new Error(submitted.code)
    const requestId = submitted.data.requestId
    for (const operation of ['take', 'approve'] as const) {
      expect(await transitionRequest(db, clinicB.staff.registrar, { operation, requestId, version: 1 }, tuesday)).toEqual({
        ok: false,
        code: 'errors.request.notFound',
      })
    }
    expect(await requestRow(requestId)).toMatchObject({ status: 'submitted', version: 1, assigneeId: null, decidedBy: null })
    expect(await eventCount(requestId)).toBe(1)
  })

  it('a doctor’s request: the registrar does not see it, the doctor may not approve it, the head takes and approves it', async () => {
    const patient = await makePatient(db)
    const written = await writeNote(clinicA.staff.doctor, clinicA, patient.id)
    if (!written.ok) throw new Error(written.code)
    const requestId = written.data.requestId
    const take = { operation: 'take' as const, requestId, version: 1 }
    const approve = { operation: 'approve' as const, requestId, version: 1 }
    expect(await transitionRequest(db, clinicA.staff.registrar, take, tuesday)).toEqual({
      ok: false,
      code: 'errors.request.notFound',
    })
    expect(await transitionRequest(db, clinicB.staff.head, take, tuesday)).toEqual({ ok: false, code: 'errors.request.notFound' })
    expect(await transitionRequest(db, clinicA.staff.doctor, approve, tuesday)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(await transitionRequest(db, patient.actor, approve, tuesday)).toEqual({ ok: false, code: 'errors.request.notAllowed' })
    expect(await requestRow(requestId)).toMatchObject({ status: 'submitted', version: 1, assigneeId: null, decidedBy: null })
    expect(await eventCount(requestId)).toBe(1)

    expect(await transitionRequest(db, clinicA.staff.head, take, tuesday)).toEqual({
      ok: true,
      data: { status: 'in_review', version: 2 },
    })
    expect(await transitionRequest(db, clinicA.staff.head, { ...approve, version: 2 }, tuesday)).toEqual({
      ok: true,
      data: { status: 'approved', version: 3 },
    })
    expect(await requestRow(requestId)).toMatchObject({ status: 'approved', decidedBy: clinicA.staff.head.id })
  })
})

describe('Reading: the service’s who.read, at the actor’s own clinic', () => {
  it('the doctor, the head and the patient see the doctor’s request; the registrar and another clinic do not', async () => {
    const patient = await makePatient(db)
    const written = await writeNote(clinicA.staff.doctor, clinicA, patient.id)
    if (!written.ok) throw new Error(written.code)
    const requestId = written.data.requestId
    for (const actor of [clinicA.staff.doctor, clinicA.staff.head])
      expect((await getRequestForStaff(db, actor, requestId, null))?.id).toBe(requestId)
    expect((await getRequestForPatient(db, patient.actor, requestId))?.id).toBe(requestId)
    for (const actor of [clinicA.staff.registrar, clinicA.staff.chief, clinicB.staff.head])
      expect(await getRequestForStaff(db, actor, requestId, null)).toBeNull()
    expect((await listQueue(db, clinicA.staff.head, {}, listView())).map((row) => row.id)).toContain(requestId)
    expect((await listQueue(db, clinicA.staff.registrar, {}, listView())).map((row) => row.id)).not.toContain(requestId)
  })
})

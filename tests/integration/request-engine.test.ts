import { randomUUID } from 'node:crypto'
import { and, eq, sql as dsql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, auditLog, notifications, requestEvents, requests } from '@/db/schema'
import type { PatientActor } from '@/lib/auth/actor'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { freshDb } from './db'
import { makeClinic, makePatient, makeRepresentative, type TestClinic } from './factories'

let db: Database
let clinicA: TestClinic
let clinicB: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty.
const tuesdayMorning = new Date('2026-11-24T05:00:00Z')
const context = (now = tuesdayMorning): EngineContext => ({ now, address: '127.0.0.1', overrides: [] })

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinicA = await makeClinic(db, 'Clinic A')
  clinicB = await makeClinic(db, 'Clinic B')
})

function attachmentPayload(patientId: number, clinic: TestClinic, sectionIndex: number | null = 0) {
  return {
    patientId: String(patientId),
    clinicId: String(clinic.organizationId),
    sectionId: sectionIndex === null ? '' : String(clinic.sectionIds[sectionIndex]),
    address: 'Ақтау қ., 12 шағын аудан, 5 үй',
    basis: 'free_choice',
  }
}

async function submit(actor: PatientActor, clinic: TestClinic, key = randomUUID(), now = tuesdayMorning, patientId = actor.id) {
  return submitRequest(
    db,
    actor,
    { service: 'attachment', channel: 'portal', idempotencyKey: key, payload: attachmentPayload(patientId, clinic) },
    context(now),
  )
}

async function requestRow(id: string) {
  const [row] = await db.select().from(requests).where(eq(requests.id, id))
  return row!
}

const count = async (table: PgTable, where?: SQL) =>
  (
    await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(table)
      .where(where)
  )[0]!.n

describe('submit: one transaction with the event, the audit row and the outbox notification', () => {
  it('creates the request due by 20:00 the same working day through the portal (001 p.25, standard rows 2 and 6)', async () => {
    const patient = await makePatient(db, { phone: '+77017770001' })
    const result = await submit(patient.actor, clinicA)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const row = await requestRow(result.data.requestId)
    expect(row).toMatchObject({
      status: 'submitted',
      channel: 'portal',
      organizationId: clinicA.organizationId,
      patientId: patient.id,
      version: 1,
    })
    expect(row.dueAt).toEqual(new Date('2026-11-24T15:00:00Z'))
    expect(await count(requestEvents, eq(requestEvents.requestId, row.id))).toBe(1)
    expect(await count(auditLog, and(eq(auditLog.entityId, row.id), eq(auditLog.action, 'request.submit'))!)).toBe(1)
    const [sms] = await db.select().from(notifications).where(eq(notifications.requestId, row.id))
    expect(sms).toMatchObject({ recipient: '+77017770001', template: 'requestSubmitted', status: 'pending' })
    expect(sms!.body).toContain(String(row.number))
  })

  it('after 20:00 on a Friday the portal request is due on Monday at 20:00', async () => {
    const patient = await makePatient(db)
    const result = await submit(patient.actor, clinicA, randomUUID(), new Date('2026-11-27T15:30:00Z'))
    if (!result.ok) throw new Error(result.code)
    expect((await requestRow(result.data.requestId)).dueAt).toEqual(new Date('2026-11-30T15:00:00Z'))
  })

  it('a double click or a replay with the same key creates exactly one request', async () => {
    const patient = await makePatient(db)
    const key = randomUUID()
    const [first, second] = await Promise.all([submit(patient.actor, clinicA, key), submit(patient.actor, clinicA, key)])
    const replay = await submit(patient.actor, clinicA, key)
    expect(first.ok && second.ok && replay.ok).toBe(true)
    const ids = [first, second, replay].map((r) => (r.ok ? r.data.requestId : null))
    expect(new Set(ids).size).toBe(1)
    expect(await count(requests, eq(requests.patientId, patient.id))).toBe(1)
    expect(await count(notifications, eq(notifications.patientId, patient.id))).toBe(1)
  })

  it('a second open request to the same clinic is refused with a clear code', async () => {
    const patient = await makePatient(db)
    await submit(patient.actor, clinicA)
    expect(await submit(patient.actor, clinicA)).toEqual({ ok: false, code: 'errors.request.alreadyOpen' })
  })

  it('a parent submits for the child they represent, but not for a stranger', async () => {
    const parent = await makePatient(db)
    const child = await makePatient(db, { birthDate: '2018-05-05' })
    const stranger = await makePatient(db)
    await makeRepresentative(db, child.id, parent.id)
    const actor = { ...parent.actor, representedPatientIds: [child.id] }
    expect((await submit(actor, clinicA, randomUUID(), tuesdayMorning, child.id)).ok).toBe(true)
    const refused = await submit(actor, clinicA, randomUUID(), tuesdayMorning, stranger.id)
    expect(refused).toMatchObject({ ok: false, code: 'errors.request.notAllowed' })
    expect(await count(requests, eq(requests.patientId, stranger.id))).toBe(0)
  })

  it('refuses a section of another clinic at the field', async () => {
    const patient = await makePatient(db)
    const result = await submitRequest(
      db,
      patient.actor,
      {
        service: 'attachment',
        channel: 'portal',
        idempotencyKey: randomUUID(),
        payload: { ...attachmentPayload(patient.id, clinicA), sectionId: String(clinicB.sectionIds[0]) },
      },
      context(),
    )
    expect(result).toEqual({
      ok: false,
      code: 'errors.attachment.sectionInvalid',
      fieldErrors: { sectionId: 'errors.attachment.sectionInvalid' },
    })
  })

  it('refuses bad input with keys per field and writes nothing', async () => {
    const patient = await makePatient(db)
    const result = await submitRequest(
      db,
      patient.actor,
      {
        service: 'attachment',
        channel: 'portal',
        idempotencyKey: randomUUID(),
        payload: { patientId: String(patient.id), clinicId: '', sectionId: '', address: 'x', basis: 'lottery' },
      },
      context(),
    )
    expect(result).toMatchObject({
      ok: false,
      code: 'errors.invalidInput',
      fieldErrors: {
        clinicId: 'errors.attachment.clinicRequired',
        address: 'errors.attachment.addressRequired',
        basis: 'errors.attachment.basisRequired',
      },
    })
    expect(await count(requests, eq(requests.patientId, patient.id))).toBe(0)
  })
})

describe('decide: approval attaches the patient and ends the old attachment in one transaction', () => {
  it('approves, attaches to the chosen section from today, ends the previous attachment, notifies the patient', async () => {
    const patient = await makePatient(db, {
      attachTo: { organizationId: clinicB.organizationId, sectionId: clinicB.sectionIds[0] },
    })
    const submitted = await submit(patient.actor, clinicA)
    if (!submitted.ok) throw new Error(submitted.code)
    const result = await transitionRequest(
      db,
      clinicA.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      context(),
    )
    expect(result).toEqual({ ok: true, data: { status: 'approved', version: 2 } })
    const rows = await db.select().from(attachments).where(eq(attachments.patientId, patient.id))
    expect(rows.filter((r) => r.status === 'active')).toEqual([
      expect.objectContaining({
        organizationId: clinicA.organizationId,
        sectionId: clinicA.sectionIds[0],
        validFrom: '2026-11-24',
        sourceRequestId: submitted.data.requestId,
      }),
    ])
    expect(rows.filter((r) => r.status === 'ended')).toEqual([
      expect.objectContaining({ organizationId: clinicB.organizationId, validTo: '2026-11-24' }),
    ])
    const row = await requestRow(submitted.data.requestId)
    expect(row).toMatchObject({
      status: 'approved',
      decidedBy: clinicA.staff.registrar.id,
      assigneeId: clinicA.staff.registrar.id,
    })
    expect(
      await count(notifications, and(eq(notifications.requestId, row.id), eq(notifications.template, 'requestApproved'))!),
    ).toBe(1)
  })

  it('two registrars deciding at once: one succeeds, the other is told it was already decided, by whom and when', async () => {
    const patient = await makePatient(db)
    const submitted = await submit(patient.actor, clinicA)
    if (!submitted.ok) throw new Error(submitted.code)
    const second = { ...clinicA.staff.head }
    const input = { requestId: submitted.data.requestId, version: 1 }
    const results = await Promise.all([
      transitionRequest(db, clinicA.staff.registrar, { operation: 'approve', ...input }, context()),
      transitionRequest(
        db,
        second,
        { operation: 'refuse', ...input, ground: 'requirements_not_met', reason: 'Мекенжай аумаққа жатпайды' },
        context(),
      ),
    ])
    const winners = results.filter((r) => r.ok)
    const losers = results.filter((r) => !r.ok)
    expect(winners).toHaveLength(1)
    expect(losers).toEqual([
      expect.objectContaining({
        ok: false,
        code: 'errors.request.alreadyDecided',
        decided: expect.objectContaining({
          decidedBy: expect.stringContaining('surname'),
          decidedAt: tuesdayMorning.toISOString(),
        }),
      }),
    ])
    expect(await count(requestEvents, eq(requestEvents.requestId, input.requestId))).toBe(2)
  })

  it('concurrent approvals of two requests for one patient leave exactly one active attachment', async () => {
    const patient = await makePatient(db, { attachTo: { organizationId: clinicB.organizationId } })
    const toA = await submit(patient.actor, clinicA)
    const toB = await submit(patient.actor, clinicB)
    if (!toA.ok || !toB.ok) throw new Error('submit failed')
    const results = await Promise.all([
      transitionRequest(
        db,
        clinicA.staff.registrar,
        { operation: 'approve', requestId: toA.data.requestId, version: 1 },
        context(),
      ),
      transitionRequest(
        db,
        clinicB.staff.registrar,
        { operation: 'approve', requestId: toB.data.requestId, version: 1 },
        context(),
      ),
    ])
    expect(results.every((r) => r.ok)).toBe(true)
    const rows = await db.select().from(attachments).where(eq(attachments.patientId, patient.id))
    expect(rows.filter((r) => r.status === 'active')).toHaveLength(1)
    expect(rows.filter((r) => r.status === 'ended')).toHaveLength(2)
  })

  it('refusal stores its coded ground and the registrar’s reason; an unknown ground is refused at the field', async () => {
    const patient = await makePatient(db)
    const submitted = await submit(patient.actor, clinicA)
    if (!submitted.ok) throw new Error(submitted.code)
    const base = { operation: 'refuse' as const, requestId: submitted.data.requestId, version: 1 }
    expect(
      await transitionRequest(
        db,
        clinicA.staff.registrar,
        { ...base, ground: 'bad_mood', reason: 'Себебі жоқ, бірақ ұзын' },
        context(),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { ground: 'errors.request.refusalGroundUnknown' },
    })
    const result = await transitionRequest(
      db,
      clinicA.staff.registrar,
      { ...base, ground: 'unreliable_documents', reason: 'Мекенжай расталмады' },
      context(),
    )
    expect(result.ok).toBe(true)
    expect(await requestRow(submitted.data.requestId)).toMatchObject({
      status: 'refused',
      refusalGround: 'unreliable_documents',
      refusalReason: 'Мекенжай расталмады',
    })
    expect(await count(attachments, eq(attachments.patientId, patient.id))).toBe(0)
  })

  it('a stale version is refused and changes nothing', async () => {
    const patient = await makePatient(db)
    const submitted = await submit(patient.actor, clinicA)
    if (!submitted.ok) throw new Error(submitted.code)
    expect(
      (
        await transitionRequest(
          db,
          clinicA.staff.registrar,
          { operation: 'take', requestId: submitted.data.requestId, version: 1 },
          context(),
        )
      ).ok,
    ).toBe(true)
    expect(
      await transitionRequest(
        db,
        clinicA.staff.head,
        { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
        context(),
      ),
    ).toEqual({
      ok: false,
      code: 'errors.request.stale',
    })
    expect(await requestRow(submitted.data.requestId)).toMatchObject({
      status: 'in_review',
      version: 2,
      assigneeId: clinicA.staff.registrar.id,
    })
  })
})

describe('access to decisions and cancellations', () => {
  it('a registrar cannot decide a request of another clinic: it looks missing, and nothing changes', async () => {
    const patient = await makePatient(db)
    const submitted = await submit(patient.actor, clinicA)
    if (!submitted.ok) throw new Error(submitted.code)
    const result = await transitionRequest(
      db,
      clinicB.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      context(),
    )
    expect(result).toEqual({ ok: false, code: 'errors.request.notFound' })
    expect(await requestRow(submitted.data.requestId)).toMatchObject({ status: 'submitted', version: 1, decidedBy: null })
    expect(await count(requestEvents, eq(requestEvents.requestId, submitted.data.requestId))).toBe(1)
  })

  it('a doctor may not decide; a patient may not approve', async () => {
    const patient = await makePatient(db)
    const submitted = await submit(patient.actor, clinicA)
    if (!submitted.ok) throw new Error(submitted.code)
    const input = { operation: 'approve' as const, requestId: submitted.data.requestId, version: 1 }
    expect((await transitionRequest(db, clinicA.staff.doctor, input, context())).ok).toBe(false)
    expect((await transitionRequest(db, patient.actor, input, context())).ok).toBe(false)
    expect((await requestRow(submitted.data.requestId)).status).toBe('submitted')
  })

  it('a patient cannot cancel another patient’s request, but cancels their own before a decision', async () => {
    const owner = await makePatient(db)
    const other = await makePatient(db)
    const submitted = await submit(owner.actor, clinicA)
    if (!submitted.ok) throw new Error(submitted.code)
    const input = { operation: 'cancel' as const, requestId: submitted.data.requestId, version: 1 }
    expect(await transitionRequest(db, other.actor, input, context())).toEqual({ ok: false, code: 'errors.request.notFound' })
    expect((await requestRow(submitted.data.requestId)).status).toBe('submitted')
    expect(await transitionRequest(db, owner.actor, input, context())).toEqual({
      ok: true,
      data: { status: 'cancelled', version: 2 },
    })
    const afterwards = await transitionRequest(
      db,
      clinicA.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 2 },
      context(),
    )
    expect(afterwards).toMatchObject({ ok: false, code: 'errors.request.alreadyDecided' })
  })
})

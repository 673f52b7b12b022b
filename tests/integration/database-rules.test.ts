import { eq } from 'drizzle-orm'
import type postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, auditLog, patients, requestEvents, requests } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { violatedConstraint } from '@/lib/errors/database'
import { freshDb } from './db'
import { makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let sql: postgres.Sql
let clinic: TestClinic

beforeAll(async () => {
  ;({ db, sql } = await freshDb())
  clinic = await makeClinic(db)
})

async function makeRequest(patientId: number, idempotencyKey: string) {
  const [row] = await db
    .insert(requests)
    .values({
      organizationId: clinic.organizationId,
      patientId,
      applicantPatientId: patientId,
      service: 'attachment',
      channel: 'portal',
      status: 'submitted',
      payload: {},
      idempotencyKey,
      dueAt: new Date('2026-11-24T15:00:00Z'),
    })
    .returning({ id: requests.id })
  return row!.id
}

describe('audit_log is append-only (refused by trigger)', () => {
  beforeAll(async () => {
    await writeAudit(db, {
      actor: { kind: 'staff', id: clinic.staff.registrar.id },
      action: 'test.write',
      organizationId: clinic.organizationId,
    })
  })
  it('refuses UPDATE', async () => {
    await expect(sql`update audit_log set action = 'changed'`).rejects.toThrow(/append-only/)
  })
  it('refuses DELETE', async () => {
    await expect(sql`delete from audit_log`).rejects.toThrow(/append-only/)
  })
  it('refuses TRUNCATE', async () => {
    await expect(sql`truncate audit_log`).rejects.toThrow(/append-only/)
  })
  it('keeps the row as written', async () => {
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'test.write'))
    expect(rows).toHaveLength(1)
  })
})

describe('request_events is append-only too', () => {
  it('refuses UPDATE and DELETE of history', async () => {
    const patient = await makePatient(db)
    const requestId = await makeRequest(patient.id, `events-${patient.id}`)
    await db
      .insert(requestEvents)
      .values({ requestId, type: 'submitted', toStatus: 'submitted', actorKind: 'patient', actorId: patient.id })
    await expect(sql`update request_events set type = 'x' where request_id = ${requestId}`).rejects.toThrow(/append-only/)
    await expect(sql`delete from request_events where request_id = ${requestId}`).rejects.toThrow(/append-only/)
  })
})

describe('constraints live in the database', () => {
  it('one active attachment per patient (partial unique index)', async () => {
    const patient = await makePatient(db, { attachTo: { organizationId: clinic.organizationId } })
    await expect(
      db.insert(attachments).values({
        patientId: patient.id,
        organizationId: clinic.organizationId,
        basis: 'free_choice',
        status: 'active',
        validFrom: '2026-11-01',
      }),
    ).rejects.toSatisfy((error) => violatedConstraint(error) === 'attachments_one_active_per_patient')
    // A scheduled (not yet effective) and an ended one may exist beside the active one.
    await db.insert(attachments).values([
      {
        patientId: patient.id,
        organizationId: clinic.organizationId,
        basis: 'campaign',
        status: 'scheduled',
        validFrom: '2027-01-01',
      },
      {
        patientId: patient.id,
        organizationId: clinic.organizationId,
        basis: 'free_choice',
        status: 'ended',
        validFrom: '2020-01-01',
        validTo: '2024-12-31',
      },
    ])
  })

  it.each(['12345678901', '1234567890ab', '1234567890123'])('refuses the IIN %s by format check', async (iin) => {
    await expect(
      sql`insert into patients (iin, last_name, first_name, birth_date, sex, status, address) values (${iin}, 'A', 'B', '2000-01-01', 'male', 'citizen', 'x')`,
    ).rejects.toThrow(/patients_iin_format_check/)
  })

  it('IIN is unique', async () => {
    const patient = await makePatient(db)
    await expect(
      sql`insert into patients (iin, last_name, first_name, birth_date, sex, status, address) values (${patient.iin}, 'A', 'B', '2000-01-01', 'male', 'citizen', 'x')`,
    ).rejects.toThrow(/patients_iin_unique/)
  })

  it('refuses an unknown request status and patient status', async () => {
    const patient = await makePatient(db)
    const requestId = await makeRequest(patient.id, `status-${patient.id}`)
    await expect(sql`update requests set status = 'lost' where id = ${requestId}`).rejects.toThrow(/requests_status_check/)
    await expect(sql`update patients set status = 'tourist' where id = ${patient.id}`).rejects.toThrow(/patients_status_check/)
  })

  it('an idempotency key is used once', async () => {
    const patient = await makePatient(db)
    const other = await makePatient(db)
    await makeRequest(patient.id, 'same-key')
    await expect(makeRequest(other.id, 'same-key')).rejects.toSatisfy(
      (error) => violatedConstraint(error) === 'requests_idempotency_key_unique',
    )
  })

  it('one open request per patient and service', async () => {
    const patient = await makePatient(db)
    await makeRequest(patient.id, `open-1-${patient.id}`)
    await expect(makeRequest(patient.id, `open-2-${patient.id}`)).rejects.toSatisfy(
      (error) => violatedConstraint(error) === 'requests_one_open_per_patient_service',
    )
  })

  it('a refusal needs a ground and a reason', async () => {
    const patient = await makePatient(db)
    const requestId = await makeRequest(patient.id, `refusal-${patient.id}`)
    await expect(sql`update requests set status = 'refused' where id = ${requestId}`).rejects.toThrow(/requests_refusal_check/)
  })

  it('rows people change carry a version', async () => {
    const patient = await makePatient(db)
    const [row] = await db.select({ version: patients.version }).from(patients).where(eq(patients.id, patient.id))
    expect(row!.version).toBe(1)
  })
})

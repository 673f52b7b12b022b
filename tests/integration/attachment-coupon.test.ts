import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog } from '@/db/schema'
import { getAttachmentCoupon } from '@/lib/services/attachment/coupon'
import { transitionRequest } from '@/lib/requests/engine'
import { freshDb } from './db'
import { makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinicA: TestClinic
let clinicB: TestClinic
const context = { now: new Date('2026-11-24T05:00:00Z'), address: null, overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinicA = await makeClinic(db, 'Clinic A')
  clinicB = await makeClinic(db, 'Clinic B')
})

describe('Attachment rules p.29: the registrar issues the 064/e coupon of an approved attachment', () => {
  it('holds the clinic, the patient, the section and its doctor, the date and basis, and the number; issuing is audited', async () => {
    const patient = await makePatient(db, { lastName: 'Әлиханова', firstName: 'Ғалия' })
    const submitted = await submitAttachment(
      db,
      patient.actor,
      { clinic: clinicA, sectionIndex: 0, address: 'Ақтау қ., 14 шағын аудан, 2 үй', basis: 'residence_change' },
      context,
    )
    if (!submitted.ok) throw new Error(submitted.code)
    expect(await getAttachmentCoupon(db, clinicA.staff.registrar, submitted.data.requestId, null)).toBeNull()
    await transitionRequest(
      db,
      clinicA.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      context,
    )

    const coupon = await getAttachmentCoupon(db, clinicA.staff.registrar, submitted.data.requestId, '10.0.0.9')
    expect(coupon).toEqual({
      number: String(submitted.data.number),
      issuedOn: '2026-11-24',
      clinic: {
        nameKk: 'Clinic A (kk)',
        nameRu: 'Clinic A (ru)',
        addressKk: 'Ақтау қ., 1 шағын аудан',
        addressRu: 'г. Актау, 1 мкр.',
      },
      patient: {
        iin: patient.iin,
        lastName: 'Әлиханова',
        firstName: 'Ғалия',
        middleName: null,
        birthDate: '1985-04-12',
        address: 'Ақтау қ., 14 шағын аудан, 2 үй',
      },
      doctor: 'doctor surname Name',
      section: '1',
      attachedFrom: '2026-11-24',
      // Open-ended: only an insurance attachment has a last day (p.29).
      attachedUntil: null,
      basis: { kk: 'Тұрғылықты жерін ауыстыру', ru: 'Смена места жительства' },
      registrar: 'registrar surname Name',
    })
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'coupon.issue'), eq(auditLog.patientId, patient.id)))
    expect(audits).toHaveLength(1)
    expect(await getAttachmentCoupon(db, clinicB.staff.registrar, submitted.data.requestId, null)).toBeNull()
  })
})

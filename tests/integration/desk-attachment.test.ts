import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, patients, representatives, requests } from '@/db/schema'
import { findPatientForDesk } from '@/lib/patients/queries'
import { makeIin } from '@/lib/iin'
import { submitRequest } from '@/lib/requests/engine'
import { deskServiceTime } from '@/lib/services/attachment/desk-time'
import { listQueue } from '@/lib/requests/queries'
import { newbornLateDays } from '@/lib/services/attachment/rules'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
})

const pensionerDesk = {
  category: 'pensioner',
  documentKind: 'pension_certificate',
  documentNumber: '045612378',
  documentIssuer: 'ҚР ІІМ',
  phone: '',
  phoneConsent: false,
}

// p.30 para 3: a parent proves the representation by the child's birth certificate, and shows an identity card.
const birthCertificate = (issuedOn: string) => ({
  documentKind: 'birth_certificate',
  documentNumber: 'I-МҚ 0456123',
  documentIssuer: 'АХАЖ бөлімі',
  documentIssuedOn: issuedOn,
  identity: { kind: 'identity_card', number: '045612378' },
})

async function deskSubmit(patientId: number, when: string, payload: Record<string, unknown> = {}) {
  return submitRequest(
    db,
    clinic.staff.registrar,
    {
      service: 'attachment',
      channel: 'desk',
      idempotencyKey: randomUUID(),
      payload: {
        patientId: String(patientId),
        clinicId: String(clinic.organizationId),
        sectionId: '',
        address: 'Ақтау қ., 7 шағын аудан, 3 үй',
        basis: 'residence_change',
        desk: pensionerDesk,
        ...payload,
      },
    },
    { now: new Date(when), address: null, overrides: [] },
  )
}

describe('Attachment rules p.23-24: applications taken at the desk', () => {
  it('a pensioner found by IIN (audited, though attached elsewhere) is submitted; due within 1 working day (p.25)', async () => {
    const pensioner = await makePatient(db, { birthDate: '1950-03-03', attachTo: { organizationId: other.organizationId } })
    const found = await findPatientForDesk(db, clinic.staff.registrar, pensioner.iin, '10.1.1.1')
    expect(found).toMatchObject({
      state: 'found',
      patient: { id: pensioner.id, iin: pensioner.iin, currentClinicRu: 'Clinic B (ru)' },
    })
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'patient.deskLookup'), eq(auditLog.patientId, pensioner.id))),
    ).toHaveLength(1)
    // Tuesday 24 November 2026, 17:59 in Almaty: accepted today, due Wednesday 20:00.
    const result = await deskSubmit(pensioner.id, '2026-11-24T12:59:00Z')
    if (!result.ok) throw new Error(result.code)
    const [row] = await db.select().from(requests).where(eq(requests.id, result.data.requestId))
    expect(row).toMatchObject({ channel: 'desk', applicantStaffId: clinic.staff.registrar.id, applicantPatientId: null })
    expect(row!.dueAt).toEqual(new Date('2026-11-25T15:00:00Z'))
    expect(row!.payload).toMatchObject({ desk: { category: 'pensioner', documentNumber: '045612378' } })
  })

  it('at 18:00 or later the desk no longer accepts for today: due the working day after next (reading 3)', async () => {
    const pensioner = await makePatient(db, { birthDate: '1951-03-03' })
    const result = await deskSubmit(pensioner.id, '2026-11-24T13:00:00Z')
    if (!result.ok) throw new Error(result.code)
    const [row] = await db.select({ dueAt: requests.dueAt }).from(requests).where(eq(requests.id, result.data.requestId))
    expect(row!.dueAt).toEqual(new Date('2026-11-26T15:00:00Z'))
  })

  it('a phone typed by hand needs the applicant’s consent (p.24)', async () => {
    const pensioner = await makePatient(db, { birthDate: '1952-03-03', phone: null })
    expect(
      await deskSubmit(pensioner.id, '2026-11-24T05:00:00Z', { desk: { ...pensionerDesk, phone: '+77015556677' } }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { 'desk.phoneConsent': 'errors.desk.phoneConsentRequired' },
    })
    expect(
      (
        await deskSubmit(pensioner.id, '2026-11-24T05:00:00Z', {
          desk: { ...pensionerDesk, phone: '+77015556677', phoneConsent: true },
        })
      ).ok,
    ).toBe(true)
  })

  it('the desk needs the category and the document; the insurance basis only for the insurance category (p.28-30)', async () => {
    const person = await makePatient(db)
    expect(await deskSubmit(person.id, '2026-11-24T05:00:00Z', { desk: undefined })).toMatchObject({
      ok: false,
      code: 'errors.desk.categoryRequired',
    })
    expect(await deskSubmit(person.id, '2026-11-24T05:00:00Z', { desk: { ...pensionerDesk, documentNumber: '' } })).toMatchObject(
      {
        fieldErrors: { 'desk.documentNumber': 'errors.desk.documentNumberRequired' },
      },
    )
    expect(await deskSubmit(person.id, '2026-11-24T05:00:00Z', { basis: 'insurance_contract' })).toMatchObject({
      ok: false,
      code: 'errors.desk.insuranceOnlyForCategory',
    })
    // The person is a citizen: the contract basis is for foreigners and stateless persons (insurance-attachment.test.ts).
    expect(
      await deskSubmit(person.id, '2026-11-24T05:00:00Z', {
        basis: 'insurance_contract',
        desk: { ...pensionerDesk, category: 'insurance_contract', documentKind: 'insurance_contract' },
      }),
    ).toMatchObject({ ok: false, code: 'errors.insurance.statusNotEligible' })
  })

  it.each([
    {
      label: 'p.23(1): a pensioner with only the identity card',
      category: 'pensioner',
      wrong: 'identity_card',
      right: 'pension_certificate',
      basis: 'residence_change',
    },
    {
      label: 'p.23(4): a convict without the commission protocol',
      category: 'convict',
      wrong: 'pension_certificate',
      right: 'commission_protocol',
      basis: 'residence_change',
    },
    {
      label: 'p.23(8): insurance with only the passport',
      category: 'insurance_contract',
      wrong: 'passport',
      right: 'insurance_contract',
      basis: 'insurance_contract',
      foreigner: true,
    },
  ])(
    'standard row 7: $label is refused at the document field and nothing is written; with it, submitted',
    async ({ category, wrong, right, basis, foreigner }) => {
      const person = await makePatient(db, { birthDate: '1950-05-05' })
      // p.6, p.28: the insurance category is for a foreigner, and comes with the contract.
      if (foreigner)
        await db.update(patients).set({ status: 'foreigner', residence: 'temporary' }).where(eq(patients.id, person.id))
      const insurance = foreigner
        ? {
            kind: 'voluntary',
            number: 'ДМС-1',
            insurer: 'Insurer',
            startsOn: '2026-01-01',
            endsOn: '2026-12-31',
            byInsurer: false,
          }
        : undefined
      // p.28: the foreign passport goes with the contract.
      const identity = foreigner ? { kind: 'foreign_passport', number: 'AC0012345' } : undefined
      const submit = (documentKind: string) =>
        deskSubmit(person.id, '2026-11-24T05:00:00Z', {
          basis,
          desk: { ...pensionerDesk, category, documentKind, insurance, identity },
        })
      expect(await submit(wrong)).toEqual({
        ok: false,
        code: 'errors.invalidInput',
        fieldErrors: { 'desk.documentKind': 'errors.desk.documentDoesNotFitCategory' },
      })
      expect(await db.select({ id: requests.id }).from(requests).where(eq(requests.patientId, person.id))).toEqual([])
      expect((await submit(right)).ok).toBe(true)
    },
  )

  it('the portal cannot use the insurance basis, and a registrar submits only at their own clinic', async () => {
    const patient = await makePatient(db)
    const portal = await submitRequest(
      db,
      patient.actor,
      {
        service: 'attachment',
        channel: 'portal',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(patient.id),
          clinicId: String(clinic.organizationId),
          sectionId: '',
          address: 'Ақтау қ., 7 ш/а',
          basis: 'insurance_contract',
        },
      },
      { now: new Date('2026-11-24T05:00:00Z'), address: null, overrides: [] },
    )
    expect(portal).toMatchObject({ ok: false, code: 'errors.attachment.notEligible' })
    const elsewhere = await submitRequest(
      db,
      clinic.staff.registrar,
      {
        service: 'attachment',
        channel: 'desk',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(patient.id),
          clinicId: String(other.organizationId),
          sectionId: '',
          address: 'Ақтау қ., 7 ш/а',
          basis: 'residence_change',
          desk: pensionerDesk,
        },
      },
      { now: new Date('2026-11-24T05:00:00Z'), address: null, overrides: [] },
    )
    expect(elsewhere).toMatchObject({ ok: false, code: 'errors.request.notAllowed' })
  })
})

describe('Attachment rules p.30, p.9: children at the desk', () => {
  it('p.30 para 3, p.2(3)-(4): the representative is refused when it is the child or someone under 18, and nothing is stored', async () => {
    const child = await makePatient(db, { birthDate: '2016-02-02' })
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(requests)
    const underage = makeIin({ birthDate: '2010-07-07', sex: 'male', serial: 901 })
    for (const [representativeIin, code] of [
      [child.iin, 'errors.desk.representativeIsThePerson'],
      [underage, 'errors.desk.representativeUnderage'],
    ] as const) {
      expect(
        await deskSubmit(child.id, '2026-11-24T05:00:00Z', {
          desk: {
            ...pensionerDesk,
            category: 'born_abroad_child_representative',
            documentKind: 'birth_certificate',
            representativeIin,
          },
        }),
      ).toMatchObject({ ok: false, code, fieldErrors: { 'desk.representativeIin': code } })
    }
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(requests)
    expect(after!.n).toBe(before!.n)
  })

  it('a child needs the legal representative’s IIN; a newborn’s late application is flagged in the queue', async () => {
    const baby = await makePatient(db, { birthDate: '2026-11-10' })
    expect(await deskSubmit(baby.id, '2026-11-24T05:00:00Z', { dischargedOn: '2026-11-12' })).toMatchObject({
      ok: false,
      code: 'errors.desk.representativeRequired',
      fieldErrors: { 'desk.representativeIin': 'errors.desk.representativeRequired' },
    })
    expect(
      await deskSubmit(baby.id, '2026-11-24T05:00:00Z', {
        dischargedOn: '2026-11-12',
        desk: {
          ...pensionerDesk,
          category: 'born_abroad_child_representative',
          documentKind: 'birth_certificate',
          representativeIin: '920314400016',
        },
      }),
    ).toMatchObject({ ok: false, fieldErrors: { 'desk.representativeIin': 'errors.iin.checksum' } })
    expect(
      await deskSubmit(baby.id, '2026-11-24T05:00:00Z', {
        dischargedOn: '2026-11-30',
        desk: { ...pensionerDesk, representativeIin: '920314400015' },
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { dischargedOn: 'errors.attachment.dischargedOnInvalid' },
    })
    const result = await deskSubmit(baby.id, '2026-11-24T05:00:00Z', {
      dischargedOn: '2026-11-12',
      desk: { ...pensionerDesk, representativeIin: '920314400015', representation: birthCertificate('2026-11-12') },
    })
    expect(result.ok).toBe(true)
    const queue = await listQueue(db, clinic.staff.registrar, {}, listView())
    const row = queue.find((r) => r.patientId === baby.id)!
    expect(row.fields.dischargedOn).toBe('2026-11-12')
    expect(newbornLateDays(String(row.fields.dischargedOn), '2026-11-24')).toBe(12)
  })
})

describe('Attachment rules p.30 para 3, p.2(4), p.2(8), p.9 para 2: the legal representative and what proves it', () => {
  const when = '2026-11-24T05:00:00Z'
  const childDesk = { ...pensionerDesk, category: 'born_abroad_child_representative', documentKind: 'birth_certificate' }
  const requestsOf = (patientId: number) => db.select({ id: requests.id }).from(requests).where(eq(requests.patientId, patientId))

  it('p.30 para 3: without the document proving the representation and the representative’s identity, refused at the field', async () => {
    const child = await makePatient(db, { birthDate: '2016-02-02' })
    expect(await deskSubmit(child.id, when, { desk: { ...childDesk, representativeIin: '920314400015' } })).toMatchObject({
      ok: false,
      fieldErrors: { 'desk.representation.documentKind': 'errors.desk.representation.required' },
    })
    expect(
      await deskSubmit(child.id, when, {
        desk: {
          ...childDesk,
          representativeIin: '920314400015',
          representation: { ...birthCertificate('2016-02-10'), identity: { kind: 'identity_card', number: '' } },
        },
      }),
    ).toMatchObject({ ok: false, fieldErrors: { 'desk.representation.identity.number': 'errors.desk.identityNumberRequired' } })
    expect(
      await deskSubmit(child.id, when, {
        desk: { ...childDesk, representativeIin: '920314400015', representation: birthCertificate('2015-12-31') },
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { 'desk.representation.documentIssuedOn': 'errors.desk.representation.issuedOnInvalid' },
    })
    expect(await requestsOf(child.id)).toEqual([])
    const submitted = await deskSubmit(child.id, when, {
      desk: { ...childDesk, representativeIin: '920314400015', representation: birthCertificate('2016-02-10') },
    })
    expect(submitted.ok).toBe(true)
    const [row] = await db.select({ payload: requests.payload }).from(requests).where(eq(requests.patientId, child.id))
    expect(row!.payload).toMatchObject({
      desk: {
        representativeIin: '920314400015',
        representation: { documentKind: 'birth_certificate', identity: { kind: 'identity_card', number: '045612378' } },
      },
    })
  })

  it('p.2(8): guardianship is set up under 14 and trusteeship from 14, judged on the day of the decision', async () => {
    // Born 2011-03-01: 15 on the day of the application.
    const teen = await makePatient(db, { birthDate: '2011-03-01' })
    const decision = (documentKind: string, documentIssuedOn: string) => ({
      desk: {
        ...childDesk,
        category: 'institution_resident_representative',
        documentKind: 'health_authority_decision',
        representativeIin: '920314400015',
        representation: { ...birthCertificate(documentIssuedOn), documentKind, documentIssuer: 'Қорғаншылық органы' },
      },
    })
    expect(await deskSubmit(teen.id, when, decision('guardianship_decision', '2025-06-01'))).toMatchObject({
      ok: false,
      fieldErrors: { 'desk.representation.documentKind': 'errors.desk.representation.guardianshipFrom14' },
    })
    expect(await deskSubmit(teen.id, when, decision('trusteeship_decision', '2024-06-01'))).toMatchObject({
      ok: false,
      fieldErrors: { 'desk.representation.documentKind': 'errors.desk.representation.trusteeshipUnder14' },
    })
    expect(await requestsOf(teen.id)).toEqual([])
    // A guardianship set up at 10 goes on as trusteeship at 14: its decision still proves the representation.
    expect((await deskSubmit(teen.id, when, decision('guardianship_decision', '2021-05-05'))).ok).toBe(true)
  })

  it('p.9 para 2: an adult under guardianship is attached through the guardian, as a child is', async () => {
    const ward = await makePatient(db, { birthDate: '1990-01-20' })
    const guardian = await makePatient(db, { birthDate: '1962-08-08' })
    await db
      .insert(representatives)
      .values({ childId: ward.id, representativeId: guardian.id, basis: 'guardian', validFrom: '2019-04-01' })
    // Not on the portal by the ward's own hand.
    const own = await submitRequest(
      db,
      ward.actor,
      {
        service: 'attachment',
        channel: 'portal',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(ward.id),
          clinicId: String(clinic.organizationId),
          sectionId: '',
          address: 'Ақтау қ., 7 шағын аудан, 3 үй',
          basis: 'free_choice',
        },
      },
      { now: new Date(when), address: null, overrides: [] },
    )
    expect(own).toMatchObject({ ok: false, code: 'errors.attachment.wardThroughRepresentative' })
    // At the desk the register's link is shown, and the guardian's IIN and decision are required.
    const found = await findPatientForDesk(db, clinic.staff.registrar, ward.iin, null)
    expect(found).toMatchObject({
      state: 'found',
      patient: { representatives: [{ iin: guardian.iin, basis: 'guardian' }] },
    })
    const wardDesk = { ...pensionerDesk, category: 'disability', documentKind: 'mse_extract' }
    expect(await deskSubmit(ward.id, when, { desk: wardDesk })).toMatchObject({
      ok: false,
      fieldErrors: { 'desk.representativeIin': 'errors.desk.representativeRequired' },
    })
    expect(
      await deskSubmit(ward.id, when, {
        desk: { ...wardDesk, representativeIin: guardian.iin, representation: birthCertificate('1990-02-01') },
      }),
    ).toMatchObject({ ok: false, fieldErrors: { 'desk.representation.documentKind': 'errors.desk.representation.notForAdult' } })
    expect(await requestsOf(ward.id)).toEqual([])
    const guardianship = { ...birthCertificate('2019-04-01'), documentKind: 'guardianship_decision' }
    expect(
      (await deskSubmit(ward.id, when, { desk: { ...wardDesk, representativeIin: guardian.iin, representation: guardianship } }))
        .ok,
    ).toBe(true)
  })

  it('p.2(8): the register’s guardian of a child of 14 or more is shown at the desk as the trustee', async () => {
    const teen = await makePatient(db, { birthDate: '2011-03-01' })
    const guardian = await makePatient(db, { birthDate: '1970-08-08' })
    await db
      .insert(representatives)
      .values({ childId: teen.id, representativeId: guardian.id, basis: 'guardian', validFrom: '2020-01-10' })
    expect(await findPatientForDesk(db, clinic.staff.registrar, teen.iin, null)).toMatchObject({
      patient: { representatives: [{ iin: guardian.iin, basis: 'trustee' }] },
    })
  })
})

describe('standard row 2: service at the desk within 30 minutes, measured', () => {
  it('gives the head the median service time and the share over 30 minutes', async () => {
    const submittedAt = '2026-11-24T05:00:00Z'
    for (const minutes of [10, 40]) {
      const person = await makePatient(db, { birthDate: '1949-05-05' })
      const openedAt = new Date(Date.parse(submittedAt) - minutes * 60_000).toISOString()
      expect((await deskSubmit(person.id, submittedAt, { desk: { ...pensionerDesk, openedAt } })).ok).toBe(true)
    }
    const figures = await deskServiceTime(db, clinic.staff.head, new Date('2026-11-25T05:00:00Z'))
    expect(figures).toEqual({ requests: 2, medianMinutes: 25, overThirtyShare: 0.5 })
    expect(await deskServiceTime(db, other.staff.head, new Date('2026-11-25T05:00:00Z'))).toEqual({
      requests: 0,
      medianMinutes: null,
      overThirtyShare: null,
    })
  })
})

import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, documents, patients, requests, type PatientStatus, type ResidenceStatus } from '@/db/schema'
import { renderAttachmentCoupon } from '@/lib/services/attachment/documents/attachment-coupon-064e'
import { getPatientCard } from '@/lib/patients/queries'
import { listRegister } from '@/lib/services/attachment/register/queries'
import { getAttachmentCoupon } from '@/lib/services/attachment/coupon'
import { submitRequest, transitionRequest } from '@/lib/requests/engine'
import { endLapsedAttachments } from '@/lib/services/attachment/attach'
import { freshDb } from './db'
import { answered, listView, makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
})

const at = (iso: string) => ({ now: new Date(iso), address: null, overrides: [] })

const scratch = mkdtempSync(path.join(tmpdir(), 'insurance-coupon-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
function pdfText(bytes: Uint8Array): string {
  const file = path.join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}
// Tuesday 24 November 2026, 10:00 in Almaty.
const tuesday = '2026-11-24T05:00:00Z'

const contract = {
  kind: 'voluntary',
  number: 'ДМС-2026/0481',
  insurer: 'АО «Страховая компания Халык»',
  startsOn: '2026-03-01',
  endsOn: '2027-02-28',
  // p.30 para 1: the insurer brought the application.
  byInsurer: true,
}

const insuranceDesk = {
  category: 'insurance_contract',
  documentKind: 'insurance_contract',
  documentNumber: 'FA1234567',
  documentIssuer: 'МВД Республики Узбекистан',
  phone: '',
  phoneConsent: false,
  insurance: contract,
  // p.28: the foreign passport presented with the contract.
  identity: { kind: 'foreign_passport', number: 'FA1234567' },
}

async function makeForeigner(
  status: PatientStatus = 'foreigner',
  attachTo?: { organizationId: number },
  residence: ResidenceStatus = 'temporary',
) {
  const person = await makePatient(db, { birthDate: '1990-07-15', attachTo })
  const foreign = status === 'foreigner' || status === 'stateless'
  await db
    .update(patients)
    .set({ status, residence: foreign ? residence : null })
    .where(eq(patients.id, person.id))
  return person
}

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
        address: 'Ақтау қ., 14 шағын аудан, 2 үй',
        basis: 'insurance_contract',
        desk: insuranceDesk,
        ...payload,
      },
    },
    at(when),
  )
}

const approve = (requestId: string, when: string, version = 1) =>
  transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId, version }, at(when))

const attachmentsOf = (patientId: number) =>
  db.select().from(attachments).where(eq(attachments.patientId, patientId)).orderBy(attachments.id)

describe('Attachment rules p.28-29: a foreigner attaches at the desk for the term of the insurance contract', () => {
  it('a contract in force is approved; the attachment runs to the contract’s last day and the coupon says so', async () => {
    const foreigner = await makeForeigner('foreigner', { organizationId: other.organizationId })
    const submitted = await deskSubmit(foreigner.id, tuesday)
    if (!submitted.ok) throw new Error(submitted.code)
    const [row] = await db.select({ payload: requests.payload }).from(requests).where(eq(requests.id, submitted.data.requestId))
    expect(row!.payload).toMatchObject({ desk: { insurance: contract } })

    expect((await approve(submitted.data.requestId, tuesday)).ok).toBe(true)
    const [previous, current] = await attachmentsOf(foreigner.id)
    expect(previous).toMatchObject({ organizationId: other.organizationId, status: 'ended', validTo: '2026-11-24' })
    expect(current).toMatchObject({
      organizationId: clinic.organizationId,
      basis: 'insurance_contract',
      status: 'active',
      validFrom: '2026-11-24',
      validTo: '2027-02-28',
    })
    const coupon = await getAttachmentCoupon(db, clinic.staff.registrar, submitted.data.requestId, null)
    expect(coupon).toMatchObject({ attachedFrom: '2026-11-24', attachedUntil: '2027-02-28' })
  })

  it('p.28-29: the coupon names the contract (kind, number, insurer, term) and the identity document presented', async () => {
    const foreigner = await makeForeigner()
    const submitted = await deskSubmit(foreigner.id, tuesday)
    if (!submitted.ok) throw new Error(submitted.code)
    expect((await approve(submitted.data.requestId, tuesday)).ok).toBe(true)
    const coupon = await getAttachmentCoupon(db, clinic.staff.registrar, submitted.data.requestId, null)
    expect(coupon?.insurance?.ru).toBe('ЕМС / ДМС № ДМС-2026/0481, 01.03.2026 – 28.02.2027, АО «Страховая компания Халык»')
    // p.28: the contract has its line; the document presented beside it is the foreign passport.
    expect(coupon?.presented?.ru).toBe('Шетелдік паспорт / Иностранный паспорт № FA1234567')
    // The document made at approval says the same, and the page still fits.
    const [document] = await db
      .select({ snapshot: documents.snapshot })
      .from(documents)
      .where(and(eq(documents.requestId, submitted.data.requestId), eq(documents.kind, 'coupon_064e')))
    expect(document?.snapshot).toMatchObject({ insurance: coupon?.insurance, presented: coupon?.presented })
    const text = pdfText(await renderAttachmentCoupon(coupon!))
    expect(text).toContain('ДМС-2026/0481')
    expect(text).toContain('FA1234567')
    const signed = pdfText(await renderAttachmentCoupon(document!.snapshot as Parameters<typeof renderAttachmentCoupon>[0]))
    expect(signed).toContain('ДМС-2026/0481')
  })

  it('p.28-29: the longest insurer and issuer the form takes still give a one-page coupon', async () => {
    const foreigner = await makeForeigner()
    const long = 'Ұ'.repeat(200)
    const submitted = await deskSubmit(foreigner.id, tuesday, {
      desk: { ...insuranceDesk, documentIssuer: long, insurance: { ...contract, insurer: long } },
    })
    if (!submitted.ok) throw new Error(submitted.code)
    expect((await approve(submitted.data.requestId, tuesday)).ok).toBe(true)
    const [document] = await db
      .select({ snapshot: documents.snapshot })
      .from(documents)
      .where(and(eq(documents.requestId, submitted.data.requestId), eq(documents.kind, 'coupon_064e')))
    const text = pdfText(await renderAttachmentCoupon(document!.snapshot as Parameters<typeof renderAttachmentCoupon>[0]))
    expect(text).toContain('ДМС-2026/0481')
  })

  it('p.6, p.27 para 2: a foreigner living here permanently may not use the basis; nothing is written', async () => {
    const permanent = await makeForeigner('foreigner', undefined, 'permanent')
    expect(await deskSubmit(permanent.id, tuesday)).toMatchObject({
      ok: false,
      fieldErrors: { basis: 'errors.insurance.statusNotEligible' },
    })
    expect(await db.select().from(requests).where(eq(requests.patientId, permanent.id))).toEqual([])
  })

  it('p.27 para 2: a temporary resident attaches only under the contract, neither on the portal nor at the desk', async () => {
    const temporary = await makeForeigner('foreigner', undefined, 'temporary')
    const portal = await submitRequest(
      db,
      temporary.actor,
      {
        service: 'attachment',
        channel: 'portal',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(temporary.id),
          clinicId: String(clinic.organizationId),
          sectionId: '',
          address: 'Ақтау қ., 14 шағын аудан, 2 үй',
          basis: 'free_choice',
        },
      },
      at(tuesday),
    )
    expect(portal).toMatchObject({ ok: false, fieldErrors: { basis: 'errors.attachment.temporaryResidentInsuranceOnly' } })
    const desk = await deskSubmit(temporary.id, tuesday, {
      basis: 'residence_change',
      desk: { ...insuranceDesk, category: 'pensioner', documentKind: 'pension_certificate', insurance: undefined },
    })
    expect(desk).toMatchObject({ ok: false, fieldErrors: { basis: 'errors.attachment.temporaryResidentInsuranceOnly' } })
    expect(await db.select().from(requests).where(eq(requests.patientId, temporary.id))).toEqual([])
    // The same person, once the register records a residence permit, may use the portal's bases (p.4, p.27 para 1).
    await db.update(patients).set({ residence: 'permanent' }).where(eq(patients.id, temporary.id))
    const again = await deskSubmit(temporary.id, tuesday, {
      basis: 'residence_change',
      desk: { ...insuranceDesk, category: 'pensioner', documentKind: 'pension_certificate', insurance: undefined },
    })
    expect(again.ok).toBe(true)
  })

  it('a stateless person may use the basis; citizens and refugees may not (p.4, p.6)', async () => {
    const stateless = await makeForeigner('stateless')
    expect((await deskSubmit(stateless.id, tuesday)).ok).toBe(true)
    for (const status of ['citizen', 'refugee'] as const) {
      const person = await makeForeigner(status)
      expect(await deskSubmit(person.id, tuesday)).toMatchObject({
        ok: false,
        fieldErrors: { basis: 'errors.insurance.statusNotEligible' },
      })
    }
  })
})

describe('Attachment rules p.28-29: the contract must be in force on the day of the application', () => {
  it('an expired contract is refused at the end date; one not yet in force at the start date; nothing is stored', async () => {
    const foreigner = await makeForeigner()
    expect(
      await deskSubmit(foreigner.id, tuesday, { desk: { ...insuranceDesk, insurance: { ...contract, endsOn: '2026-11-23' } } }),
    ).toEqual({
      ok: false,
      code: 'errors.insurance.expired',
      fieldErrors: { 'desk.insurance.endsOn': 'errors.insurance.expired' },
    })
    expect(
      await deskSubmit(foreigner.id, tuesday, { desk: { ...insuranceDesk, insurance: { ...contract, startsOn: '2026-11-25' } } }),
    ).toMatchObject({ fieldErrors: { 'desk.insurance.startsOn': 'errors.insurance.notYetInForce' } })
    expect(
      await deskSubmit(foreigner.id, tuesday, {
        desk: { ...insuranceDesk, insurance: { ...contract, startsOn: '2027-03-01', endsOn: '2027-02-28' } },
      }),
    ).toMatchObject({ fieldErrors: { 'desk.insurance.endsOn': 'errors.insurance.endsBeforeStart' } })
    expect(await db.select().from(requests).where(eq(requests.patientId, foreigner.id))).toEqual([])
  })

  it('the insurance basis needs the contract, and the contract comes only with that basis', async () => {
    const foreigner = await makeForeigner()
    expect(await deskSubmit(foreigner.id, tuesday, { desk: { ...insuranceDesk, insurance: undefined } })).toMatchObject({
      fieldErrors: { basis: 'errors.insurance.contractRequired' },
    })
    const permanent = await makeForeigner('foreigner', undefined, 'permanent')
    expect(
      await deskSubmit(permanent.id, tuesday, {
        basis: 'residence_change',
        desk: { ...insuranceDesk, category: 'pensioner', documentKind: 'pension_certificate' },
      }),
    ).toMatchObject({ fieldErrors: { basis: 'errors.insurance.contractWithoutBasis' } })
    expect(
      await deskSubmit(foreigner.id, tuesday, {
        desk: { ...insuranceDesk, insurance: { ...contract, insurer: '', kind: 'private' } },
      }),
    ).toMatchObject({
      fieldErrors: {
        'desk.insurance.kind': 'errors.insurance.kindRequired',
        'desk.insurance.insurer': 'errors.insurance.insurerRequired',
      },
    })
  })

  it('a contract that ran out between submission and decision blocks the approval; the registrar refuses on its ground', async () => {
    const foreigner = await makeForeigner()
    const submitted = await deskSubmit(foreigner.id, tuesday, {
      desk: { ...insuranceDesk, insurance: { ...contract, endsOn: '2026-11-24' } },
    })
    if (!submitted.ok) throw new Error(submitted.code)
    // Wednesday 25 November: the contract's last day was yesterday.
    expect(await approve(submitted.data.requestId, '2026-11-25T04:00:00Z')).toEqual({
      ok: false,
      code: 'errors.insurance.expiredAtDecision',
    })
    const [row] = await db
      .select({ status: requests.status, version: requests.version })
      .from(requests)
      .where(eq(requests.id, submitted.data.requestId))
    expect(row).toEqual({ status: 'submitted', version: 1 })
    expect(await attachmentsOf(foreigner.id)).toEqual([])
    const refused = await transitionRequest(
      db,
      clinic.staff.registrar,
      {
        operation: 'refuse',
        requestId: submitted.data.requestId,
        version: 1,
        ground: 'insurance_expired',
        reason: 'Договор ДМС истёк 24.11.2026',
      },
      at('2026-11-25T04:01:00Z'),
    )
    expect(refused).toMatchObject({ ok: true, data: { status: 'refused' } })
  })
})

describe('Attachment rules p.29 para 2: when the contract ends, the attachment ends (nightly, fixed clock)', () => {
  it('reads leave it out the day after its end; the nightly run ends it once, a second run changes nothing', async () => {
    const foreigner = await makeForeigner()
    const submitted = await deskSubmit(foreigner.id, tuesday, {
      desk: { ...insuranceDesk, insurance: { ...contract, endsOn: '2026-12-31' } },
    })
    if (!submitted.ok) throw new Error(submitted.code)
    expect((await approve(submitted.data.requestId, tuesday)).ok).toBe(true)
    const inRegister = async (today: string) =>
      answered(await listRegister(db, clinic.staff.registrar, { today }, { limit: 500 }, listView())).rows.some(
        (row) => row.patientId === foreigner.id,
      )
    expect(await inRegister('2026-12-31')).toBe(true)
    // 1 January 2027, before the nightly job: the register and the card no longer show it as current.
    expect(await inRegister('2027-01-01')).toBe(false)
    const card = await getPatientCard(db, clinic.staff.registrar, foreigner.id, null, '2027-01-01')
    expect(card?.currentAttachment).toBeNull()

    expect(await endLapsedAttachments(db, '2026-12-31')).toBe(0)
    expect(await attachmentsOf(foreigner.id)).toMatchObject([{ status: 'active', validTo: '2026-12-31' }])
    expect(await endLapsedAttachments(db, '2027-01-01')).toBeGreaterThanOrEqual(1)
    expect(await attachmentsOf(foreigner.id)).toMatchObject([{ status: 'ended', validTo: '2026-12-31', version: 2 }])
    expect(await endLapsedAttachments(db, '2027-01-01')).toBe(0)
    expect(
      await db
        .select()
        .from(attachments)
        .where(and(eq(attachments.patientId, foreigner.id), eq(attachments.status, 'active'))),
    ).toEqual([])
  })
})

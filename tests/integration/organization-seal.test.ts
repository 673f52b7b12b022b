import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, documents, staff, staffCertificates } from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { hashPassword } from '@/lib/auth/credentials'
import { getDocumentPdfForPatient, listRequestDocumentsForPatient } from '@/lib/documents/queries'
import { signWithOrganizationSeal } from '@/lib/documents/seal'
import { signWithDemoPki } from '@/lib/documents/sign'
import { makeIin } from '@/lib/iin'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { registerServiceForTests } from '@/lib/services'
import { openDemoSigningSession, openOrganizationSeal } from '@/lib/signing/demo-pki'
import { verifyDocumentSignature } from '@/lib/signing/verify'
import { verifyByCode, type DocumentVerificationDto } from '@/lib/verification/lookup'
import { verifyUploadedPdf } from '@/lib/verification/pdf'
import { sealedCertificateService } from '@/tests/support/services/sealed-certificate'
import { freshDb } from './db'
import { makeClinic, makePatient, randomBin, type TestClinic } from './factories'

let db: Database
// Tuesday 24 November 2026, 10:00 in Almaty (UTC+5).
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
const pin = process.env.DEMO_SIGNING_PIN || '123456'
const day = 24 * 60 * 60_000
let addressSerial = 1
const freshAddress = () => `198.51.100.${addressSerial++}`

beforeAll(async () => {
  registerServiceForTests(sealedCertificateService)
  ;({ db } = await freshDb({ max: 8 }))
})

// An organization's information system: a staff row with system = true, which never signs in.
async function makeSystem(clinic: TestClinic): Promise<StaffActor> {
  const [row] = await db
    .insert(staff)
    .values({
      organizationId: clinic.organizationId,
      role: 'dispensary_doctor',
      login: `system-${clinic.organizationId}-${crypto.randomUUID()}`,
      passwordHash: await hashPassword(crypto.randomUUID()),
      lastName: 'Ақпараттық жүйе',
      firstName: 'Тіркелім',
      system: true,
    })
    .returning({ id: staff.id })
  return {
    kind: 'staff',
    id: row!.id,
    role: 'dispensary_doctor',
    organizationId: clinic.organizationId,
    departmentId: null,
    name: 'Ақпараттық жүйе Тіркелім',
    locale: 'kk',
  }
}

// A request decided (the registrar's approval stands in for the automatic decision): its certificate waits for the
// information system's seal.
async function decided(clinic: TestClinic, now = context.now) {
  const patient = await makePatient(db, { lastName: 'Әбенова', firstName: 'Дана' })
  const submitted = await submitRequest(
    db,
    patient.actor,
    {
      service: 'testSealedCertificate',
      channel: 'portal',
      idempotencyKey: crypto.randomUUID(),
      payload: { patientId: String(patient.id), clinicId: String(clinic.organizationId), purpose: 'Жұмысқа / на работу' },
    },
    { ...context, now },
  )
  if (!submitted.ok) throw new Error(submitted.code)
  const approved = await transitionRequest(
    db,
    clinic.staff.registrar,
    { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
    { ...context, now },
  )
  if (!approved.ok) throw new Error(approved.code)
  const [document] = await db.select().from(documents).where(eq(documents.requestId, submitted.data.requestId))
  return { patient, requestId: submitted.data.requestId, document: document! }
}

const found = (result: Awaited<ReturnType<typeof verifyByCode>>): DocumentVerificationDto => {
  if (result.state !== 'found') throw new Error(`expected a document, got ${result.state}`)
  return result.document
}

const signAudits = async (id: string) =>
  db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'document'), eq(auditLog.entityId, id), eq(auditLog.action, 'document.sign')))

describe("Issue 16, List row 5: a certificate issued automatically is signed with the organization's seal", () => {
  let clinic: TestClinic
  let system: StaffActor
  beforeAll(async () => {
    clinic = await makeClinic(db, 'Registry centre')
    system = await makeSystem(clinic)
  })

  it('List row 11, rule 27 (reading B3): sealed and issued, genuine at /verify through D+10, expired from D+11', async () => {
    const { patient, requestId, document } = await decided(clinic)
    expect(document).toMatchObject({ status: 'awaiting_signature', signerId: system.id })

    const sealed = await signWithOrganizationSeal(db, { staffId: system.id, documentIds: [document.id], now: context.now })
    expect(sealed).toMatchObject({ ok: true, data: { issued: [{ documentId: document.id, requestId }] } })
    // Idempotent: a second call (the automatic flow run again) signs nothing twice.
    expect(await signWithOrganizationSeal(db, { staffId: system.id, documentIds: [document.id], now: context.now })).toEqual({
      ok: true,
      data: { issued: [] },
    })
    expect(await signWithOrganizationSeal(db, { staffId: system.id, now: context.now })).toEqual({
      ok: true,
      data: { issued: [] },
    })
    expect(await signAudits(document.id)).toHaveLength(1)

    const [issued] = await db.select().from(documents).where(eq(documents.id, document.id))
    expect(issued).toMatchObject({
      status: 'issued',
      signerCertificate: { iin: null, organization: { bin: clinic.bin, name: 'Registry centre (ru)' } },
    })

    // /verify: genuine, signed by the organization (named by its BIN, no person), valid through 4 December.
    const atIssue = found(await verifyByCode(db, issued!.verificationCode, freshAddress(), context.now))
    expect(atIssue).toMatchObject({
      verdict: 'genuine',
      checkMessageKey: 'signing.check.valid',
      certificate: { commonName: 'Registry centre (ru)', maskedIin: null, organization: { bin: clinic.bin } },
      issuedOn: '2026-11-24',
      validity: { validThrough: '2026-12-04', expired: false },
    })
    // The last minute of D+10 in Almaty, then the first of D+11.
    const lastMinute = new Date('2026-12-04T18:59:00Z')
    const nextDay = new Date('2026-12-04T19:00:00Z')
    expect(found(await verifyByCode(db, issued!.verificationCode, freshAddress(), lastMinute)).verdict).toBe('genuine')
    expect(found(await verifyByCode(db, issued!.verificationCode, freshAddress(), nextDay))).toMatchObject({
      verdict: 'expired',
      checkMessageKey: 'signing.check.valid',
      validity: { validThrough: '2026-12-04', expired: true },
    })

    // The PDF the patient downloads: the very signed document, valid, then expired 11 days later.
    const pdf = await getDocumentPdfForPatient(db, patient.actor, document.id, null)
    expect(await verifyUploadedPdf(db, pdf!.bytes, freshAddress(), context.now)).toMatchObject({
      outcome: 'match',
      revoked: false,
      validThrough: '2026-12-04',
      expired: false,
    })
    expect(await verifyUploadedPdf(db, pdf!.bytes, freshAddress(), new Date(context.now.getTime() + 11 * day))).toMatchObject({
      outcome: 'match',
      validThrough: '2026-12-04',
      expired: true,
    })

    // The patient's list of the request's documents carries the last valid day (the page marks it expired after).
    expect(await listRequestDocumentsForPatient(db, patient.actor, requestId)).toMatchObject([
      { id: document.id, status: 'issued', validThrough: '2026-12-04' },
    ])
  })

  it("a seal signature is no person's, and a person's certificate (even the organization's employee's) is not the seal", async () => {
    const { document } = await decided(clinic)
    const opened = await openOrganizationSeal(db, { staffId: system.id }, context.now)
    if (!opened.ok) throw new Error(opened.error)
    const signature = await opened.session.sign(document.snapshotHash, context.now)
    const registrarIin = makeIin({ birthDate: '1988-05-06', sex: 'male', serial: 612 })
    // Presented as the registrar's signature: refused (the seal names no person).
    expect(
      await verifyDocumentSignature(
        { signature, snapshotHash: document.snapshotHash, expectedSignerIin: registrarIin, expectedOrganizationBin: clinic.bin },
        db,
        { now: context.now },
      ),
    ).toMatchObject({ status: 'invalid', reason: 'signer_mismatch' })
    // Another organization's seal expectation: refused by the BIN.
    expect(
      await verifyDocumentSignature(
        {
          signature,
          snapshotHash: document.snapshotHash,
          expectedSignerIin: null,
          expectedOrganizationBin: '000000000000',
          expectedSeal: true,
        },
        db,
        { now: context.now },
      ),
    ).toMatchObject({ status: 'invalid', reason: 'organization_mismatch' })

    // The registrar's own employee certificate of this clinic, over the system's document: not the seal.
    await db.update(staff).set({ iin: registrarIin }).where(eq(staff.id, clinic.staff.registrar.id))
    const person = await openDemoSigningSession(db, { staffId: clinic.staff.registrar.id, pin }, context.now)
    if (!person.ok) throw new Error(person.error)
    expect(
      await verifyDocumentSignature(
        {
          signature: await person.session.sign(document.snapshotHash, context.now),
          snapshotHash: document.snapshotHash,
          expectedSignerIin: null,
          expectedOrganizationBin: clinic.bin,
          expectedSeal: true,
        },
        db,
        { now: context.now },
      ),
    ).toMatchObject({ status: 'invalid', reason: 'signer_mismatch' })
  })

  it("the PIN flow never reaches the seal, and the seal never signs a person's documents", async () => {
    // No PIN opens a system row: it has no person's certificate.
    expect(await openDemoSigningSession(db, { staffId: system.id, pin }, context.now)).toEqual({
      ok: false,
      error: 'errors.signing.noCertificate',
    })
    const { document } = await decided(clinic)
    expect(await signWithDemoPki(db, system, { documentIds: [document.id], pin }, context)).toMatchObject({ ok: false })

    // A document awaiting a person (the registrar): the system's seal does not touch it, and a person's row has no seal.
    await db.update(documents).set({ signerId: clinic.staff.registrar.id }).where(eq(documents.id, document.id))
    expect(await signWithOrganizationSeal(db, { staffId: system.id, documentIds: [document.id], now: context.now })).toEqual({
      ok: true,
      data: { issued: [] },
    })
    expect(
      await signWithOrganizationSeal(db, { staffId: clinic.staff.registrar.id, documentIds: [document.id], now: context.now }),
    ).toEqual({ ok: false, code: 'errors.signing.noCertificate' })
    const [unchanged] = await db.select().from(documents).where(eq(documents.id, document.id))
    expect(unchanged).toMatchObject({ status: 'awaiting_signature', signature: null })

    // The seal's key is sealed under the server secret, not a PIN.
    const rows = await db.select().from(staffCertificates).where(eq(staffCertificates.staffId, system.id))
    expect(rows.map((row) => row.keyDerivation)).toEqual([{ algorithm: 'server-secret' }])
  })

  it('a batch: the first signature checked in full, the others confirmed under the key; every one verifies on its own', async () => {
    const batch = [await decided(clinic), await decided(clinic), await decided(clinic)]
    const sealed = await signWithOrganizationSeal(db, {
      staffId: system.id,
      documentIds: batch.map(({ document }) => document.id),
      now: context.now,
    })
    expect(sealed.ok && sealed.data.issued.map((entry) => entry.documentId).sort()).toEqual(
      batch.map(({ document }) => document.id).sort(),
    )
    for (const { document } of batch) {
      const [row] = await db.select().from(documents).where(eq(documents.id, document.id))
      expect(row).toMatchObject({ status: 'issued', signerCertificate: { iin: null, organization: { bin: clinic.bin } } })
      expect(
        await verifyDocumentSignature(
          {
            signature: row!.signature!,
            snapshotHash: row!.snapshotHash,
            expectedSignerIin: null,
            expectedSeal: true,
            expectedOrganizationBin: clinic.bin,
          },
          db,
          { now: context.now },
        ),
      ).toMatchObject({ status: 'valid' })
      expect(found(await verifyByCode(db, row!.verificationCode, freshAddress(), context.now)).verdict).toBe('genuine')
    }
  })

  it('an organization without a BIN has no seal: the document keeps waiting', async () => {
    const noBin = await makeClinic(db, 'Centre without a BIN')
    const { organizations } = await import('@/db/schema')
    await db.update(organizations).set({ bin: null }).where(eq(organizations.id, noBin.organizationId))
    const noBinSystem = await makeSystem(noBin)
    const { document } = await decided(noBin)
    expect(await signWithOrganizationSeal(db, { staffId: noBinSystem.id, now: context.now })).toEqual({
      ok: false,
      code: 'errors.signing.noCertificate',
    })
    const [unchanged] = await db.select({ status: documents.status }).from(documents).where(eq(documents.id, document.id))
    expect(unchanged!.status).toBe('awaiting_signature')
  })
})

describe('Issue 16: the seal opened once per process still follows its certificate row', () => {
  it('a new BIN re-issues the seal and the next signature names it; a deactivated system row no longer seals', async () => {
    const clinic = await makeClinic(db, 'Centre whose BIN changes')
    const system = await makeSystem(clinic)
    const first = await decided(clinic)
    expect(await signWithOrganizationSeal(db, { staffId: system.id, now: context.now })).toMatchObject({ ok: true })
    const [before] = await db.select().from(staffCertificates).where(eq(staffCertificates.staffId, system.id))

    // The organization's BIN is corrected: the seal naming the old one no longer serves, a new one is issued and used.
    const { organizations } = await import('@/db/schema')
    const newBin = randomBin()
    await db.update(organizations).set({ bin: newBin }).where(eq(organizations.id, clinic.organizationId))
    const second = await decided(clinic)
    const third = await decided(clinic)
    expect(
      await signWithOrganizationSeal(db, { staffId: system.id, documentIds: [second.document.id], now: context.now }),
    ).toMatchObject({ ok: true })
    const [signed] = await db.select().from(documents).where(eq(documents.id, second.document.id))
    expect(signed).toMatchObject({ status: 'issued' })
    expect(signed!.signerCertificate?.organization?.bin).toBe(newBin)
    expect(signed!.signerCertificate?.certificateSerial).not.toBe(before!.serialNumber)
    expect(
      await verifyDocumentSignature(
        {
          signature: signed!.signature!,
          snapshotHash: signed!.snapshotHash,
          expectedSignerIin: null,
          expectedOrganizationBin: newBin,
          expectedSeal: true,
        },
        db,
        { now: context.now },
      ),
    ).toMatchObject({ status: 'valid' })
    const [firstSigned] = await db.select().from(documents).where(eq(documents.id, first.document.id))
    expect(firstSigned!.signerCertificate?.certificateSerial).toBe(before!.serialNumber)

    // The row is deactivated after its seal was opened: nothing is signed with it any more.
    await db.update(staff).set({ active: false }).where(eq(staff.id, system.id))
    expect(await signWithOrganizationSeal(db, { staffId: system.id, now: context.now })).toEqual({
      ok: false,
      code: 'errors.signing.noCertificate',
    })
    const [waiting] = await db.select({ status: documents.status }).from(documents).where(eq(documents.id, third.document.id))
    expect(waiting!.status).toBe('awaiting_signature')
  })
})

describe('Issue 16: the seal is issued once, however many first uses race', () => {
  it('two parallel first uses (separate connections) make one certificate, and both documents verify', async () => {
    const clinic = await makeClinic(db, 'Racing centre')
    const system = await makeSystem(clinic)
    const first = await decided(clinic)
    const second = await decided(clinic)
    const [a, b] = await Promise.all([
      signWithOrganizationSeal(db, { staffId: system.id, documentIds: [first.document.id], now: context.now }),
      signWithOrganizationSeal(db, { staffId: system.id, documentIds: [second.document.id], now: context.now }),
    ])
    expect(a).toMatchObject({ ok: true, data: { issued: [{ documentId: first.document.id }] } })
    expect(b).toMatchObject({ ok: true, data: { issued: [{ documentId: second.document.id }] } })
    const certificates = await db.select().from(staffCertificates).where(eq(staffCertificates.staffId, system.id))
    expect(certificates).toHaveLength(1)
    for (const { document } of [first, second]) {
      const [row] = await db.select().from(documents).where(eq(documents.id, document.id))
      expect(row!.signerCertificate?.certificateSerial).toBe(certificates[0]!.serialNumber)
      expect(found(await verifyByCode(db, row!.verificationCode, freshAddress(), context.now)).verdict).toBe('genuine')
    }
  })

  it('two parallel seals of the same document sign it once', async () => {
    const clinic = await makeClinic(db, 'Twice-called centre')
    const system = await makeSystem(clinic)
    const { document } = await decided(clinic)
    const results = await Promise.all([
      signWithOrganizationSeal(db, { staffId: system.id, now: context.now }),
      signWithOrganizationSeal(db, { staffId: system.id, now: context.now }),
    ])
    expect(results.every((result) => result.ok)).toBe(true)
    expect(results.flatMap((result) => (result.ok ? result.data.issued : [])).map((entry) => entry.documentId)).toEqual([
      document.id,
    ])
    expect(await signAudits(document.id)).toHaveLength(1)
  })
})

import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, documents, organizations, staff, staffCertificates } from '@/db/schema'
import { signWithDemoPki, submitExternalSignatures } from '@/lib/documents/sign'
import { makeIin } from '@/lib/iin'
import type { EngineContext } from '@/lib/requests/engine'
import { issueStaffCertificate, type StaffSubject } from '@/lib/signing/certificates'
import { certificateOrganization, parseCertificate, signHash } from '@/lib/signing/cms'
import { hashBytes, x509 } from '@/lib/signing/crypto'
import { currentStaffCertificate, getDemoAuthority } from '@/lib/signing/demo-pki'
import { verifyByCode, type DocumentVerificationDto } from '@/lib/verification/lookup'
import { freshDb } from './db'
import { approvedAttachment } from './document-fixtures'
import { makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let otherClinic: TestClinic
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
const signedAt = new Date('2026-11-24T05:30:00Z')
const later = new Date('2026-11-25T06:00:00Z')
const pin = '123456' // DEMO_SIGNING_PIN's default
let addressSerial = 1
const freshAddress = () => `203.0.113.${addressSerial++}`

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic signature')
  otherClinic = await makeClinic(db, 'Another clinic')
  for (const [index, member] of [clinic.staff.doctor, clinic.staff.registrar].entries()) {
    const iin = makeIin({ birthDate: '1981-03-09', sex: 'female', serial: 400 + index * 7 })
    await db.update(staff).set({ iin }).where(eq(staff.id, member.id))
  }
})

const personOf = async (staffId: number): Promise<StaffSubject> => {
  const [row] = await db
    .select({ lastName: staff.lastName, firstName: staff.firstName, iin: staff.iin })
    .from(staff)
    .where(eq(staff.id, staffId))
  return { lastName: row!.lastName, firstName: row!.firstName, iin: row!.iin! }
}

// A signature over the document's hash, made with a certificate the demo CA issues for `person` (trusted, valid).
async function signWith(person: StaffSubject, snapshotHash: string): Promise<string> {
  const authority = await getDemoAuthority(db, signedAt)
  const { certificate, keys } = await issueStaffCertificate(authority, person, signedAt)
  return signHash(
    hashBytes(snapshotHash),
    { certificate: parseCertificate(certificate.rawData), privateKey: keys.privateKey },
    signedAt,
  )
}

const stored = async (id: string) =>
  (
    await db
      .select({ status: documents.status, signature: documents.signature, signerCertificate: documents.signerCertificate })
      .from(documents)
      .where(eq(documents.id, id))
  )[0]!

const signAudits = async (id: string) =>
  db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'document'), eq(auditLog.entityId, id), eq(auditLog.action, 'document.sign')))

const found = (result: Awaited<ReturnType<typeof verifyByCode>>): DocumentVerificationDto => {
  if (result.state !== 'found') throw new Error(`expected a document, got ${result.state}`)
  return result.document
}

describe("Standard row 4, Rules of attachment p.25: the notice of attachment is signed with the clinic's signature", () => {
  it("the notice's snapshot names the clinic's BIN, and a kind signed on behalf of the clinic says so", async () => {
    const patient = await makePatient(db, { lastName: 'Есенова', firstName: 'Балжан' })
    const { notice, coupon } = await approvedAttachment(db, clinic, patient.actor, context)
    expect(notice.snapshot).toMatchObject({ clinic: { bin: clinic.bin } })
    expect(coupon.snapshot).toMatchObject({ clinic: { bin: clinic.bin } })
  })

  it("signed with the doctor's organization certificate (the clinic's name and BIN) it verifies; /verify shows the person and the clinic", async () => {
    const patient = await makePatient(db, { lastName: 'Сейітова', firstName: 'Әлия' })
    const { notice } = await approvedAttachment(db, clinic, patient.actor, context)
    const result = await signWithDemoPki(
      db,
      clinic.staff.doctor,
      { documentIds: [notice.id], pin },
      { now: signedAt, address: null },
    )
    expect(result).toEqual({ ok: true, data: { signed: 1 } })

    const [organization] = await db
      .select({ nameRu: organizations.nameRu })
      .from(organizations)
      .where(eq(organizations.id, clinic.organizationId))
    const row = await stored(notice.id)
    expect(row.status).toBe('issued')
    expect(row.signerCertificate).toMatchObject({ organization: { name: organization!.nameRu, bin: clinic.bin } })
    expect(row.signerCertificate!.subject).toContain(`OU=BIN${clinic.bin}`)

    const doctor = await personOf(clinic.staff.doctor.id)
    const shown = found(await verifyByCode(db, notice.verificationCode, freshAddress(), later))
    expect(shown).toMatchObject({
      verdict: 'genuine',
      checkMessageKey: 'signing.check.valid',
      certificate: {
        commonName: `${doctor.lastName} ${doctor.firstName}`,
        maskedIin: `${doctor.iin.slice(0, 2)}********${doctor.iin.slice(10)}`,
        organization: { name: organization!.nameRu, bin: clinic.bin },
      },
    })
    // The IIN is masked in the subject too; the BIN is not personal and stays.
    expect(shown.certificate!.subject).not.toContain(doctor.iin)
    expect(shown.certificate!.subject).toContain(`OU=BIN${clinic.bin}`)
  })

  it("the right person's own certificate (no organization) is refused, and nothing is stored: notice and coupon", async () => {
    const patient = await makePatient(db, { lastName: 'Омарова', firstName: 'Дана' })
    const { notice, coupon } = await approvedAttachment(db, clinic, patient.actor, context)
    for (const [document, signer] of [
      [notice, clinic.staff.doctor],
      [coupon, clinic.staff.registrar],
    ] as const) {
      const signature = await signWith(await personOf(signer.id), document.snapshotHash)
      expect(
        await submitExternalSignatures(db, signer, [{ documentId: document.id, signature }], { now: signedAt, address: null }),
      ).toEqual({ ok: false, code: 'errors.document.signatureNotClinic', documentId: document.id })
      expect(await stored(document.id)).toEqual({ status: 'awaiting_signature', signature: null, signerCertificate: null })
      expect(await signAudits(document.id)).toEqual([])
    }
  })

  it('a certificate of the right person for another clinic (another BIN) is refused, and nothing is stored', async () => {
    const patient = await makePatient(db, { lastName: 'Нұрланова', firstName: 'Аружан' })
    const { notice } = await approvedAttachment(db, clinic, patient.actor, context)
    const signature = await signWith(
      { ...(await personOf(clinic.staff.doctor.id)), organization: { name: 'Another clinic (ru)', bin: otherClinic.bin } },
      notice.snapshotHash,
    )
    expect(
      await submitExternalSignatures(db, clinic.staff.doctor, [{ documentId: notice.id, signature }], {
        now: signedAt,
        address: null,
      }),
    ).toEqual({ ok: false, code: 'errors.document.signatureOtherClinic', documentId: notice.id })
    expect(await stored(notice.id)).toEqual({ status: 'awaiting_signature', signature: null, signerCertificate: null })
    expect(await signAudits(notice.id)).toEqual([])
  })

  it("the demo PKI replaces a staff member's own certificate (issued before clinics had a BIN) with the clinic's", async () => {
    const registrar = await personOf(clinic.staff.registrar.id)
    const own = await currentStaffCertificate(db, { id: clinic.staff.registrar.id, ...registrar, organization: null }, signedAt, {
      demoSigningPin: pin,
    })
    const ownCertificate = parseCertificate(new x509.X509Certificate(own.certificate).rawData)
    expect(certificateOrganization(ownCertificate)).toBeNull()

    const patient = await makePatient(db, { lastName: 'Тоқтарова', firstName: 'Меруерт' })
    const { coupon } = await approvedAttachment(db, clinic, patient.actor, context)
    expect(
      await signWithDemoPki(db, clinic.staff.registrar, { documentIds: [coupon.id], pin }, { now: signedAt, address: null }),
    ).toEqual({ ok: true, data: { signed: 1 } })
    const certificates = await db
      .select({ serialNumber: staffCertificates.serialNumber, replacedAt: staffCertificates.replacedAt })
      .from(staffCertificates)
      .where(eq(staffCertificates.staffId, clinic.staff.registrar.id))
    expect(certificates.find((row) => row.serialNumber === own.serialNumber)?.replacedAt).toEqual(signedAt)
    expect((await stored(coupon.id)).signerCertificate).toMatchObject({ organization: { bin: clinic.bin } })
  })
})

import { execFileSync } from 'node:child_process'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import { PDFArray, PDFDocument, PDFName, PDFRef } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { documents, loginAttempts, staff } from '@/db/schema'
import { makeIin } from '@/lib/iin'
import { revokeDocument, supersedeDocument } from '@/lib/documents/lifecycle'
import { getDeskPrintForStaff, getDocumentPdfForPatient } from '@/lib/documents/queries'
import { verificationKeywordPrefix } from '@/lib/pdf/documents'
import type { EngineContext } from '@/lib/requests/engine'
import { signHashesWithDemoPki } from '@/lib/signing/demo-pki'
import { verifyByCode, type DocumentVerificationDto } from '@/lib/verification/lookup'
import { verifyUploadedPdf } from '@/lib/verification/pdf'
import { readVerificationCode } from '@/lib/verification/pdf-upload'
import { relabelAsGost } from '@/tests/support/signing'
import { freshDb } from './db'
import { approvedAttachment, signWithDemoPki } from './document-fixtures'
import { makeClinic, makePatient, type TestClinic } from './factories'

// Someone with the database's superuser rights changes a row behind the app's back: the frozen-document trigger is
// bypassed the way such a person could (replication role), and the verification page must still notice.
async function tamper(statement: SQL) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`)
    await tx.execute(statement)
  })
}

let db: Database
let clinic: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty: the decision; signing half an hour later; checks the next day.
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
const signedAt = new Date('2026-11-24T05:30:00Z')
const later = new Date('2026-11-25T06:00:00Z')
const pin = '123456' // DEMO_SIGNING_PIN's default
let addressSerial = 1
const freshAddress = () => `198.51.100.${addressSerial++}`

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Verification clinic')
  for (const [index, member] of [clinic.staff.doctor, clinic.staff.registrar].entries()) {
    const iin = makeIin({ birthDate: '1984-06-15', sex: 'male', serial: 700 + index * 7 })
    await db.update(staff).set({ iin }).where(eq(staff.id, member.id))
  }
})

// An approved attachment request, its notice signed by the doctor and its coupon by the registrar (the demo PKI).
async function issuedDocuments() {
  const patient = await makePatient(db, { lastName: 'Сағынбаева', firstName: 'Гүлнұр' })
  const { requestId, notice, coupon } = await approvedAttachment(db, clinic, patient.actor, context)
  const unsigned = await verifyByCode(db, coupon.verificationCode, freshAddress(), signedAt)
  for (const document of [notice, coupon]) await signWithDemoPki(db, document, signedAt)
  return { patient, requestId, notice, coupon, unsigned }
}

const iinOf = async (staffId: number) => (await db.select({ iin: staff.iin }).from(staff).where(eq(staff.id, staffId)))[0]!.iin!

const pdfText = (bytes: Uint8Array) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' }).replace(/\s+/g, ' ')

const found = (result: Awaited<ReturnType<typeof verifyByCode>>): DocumentVerificationDto => {
  if (result.state !== 'found') throw new Error(`expected a document, got ${result.state}`)
  return result.document
}

const attemptsOf = (address: string) =>
  db
    .select({ succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(eq(loginAttempts.key, `verify:${address}`))

describe('Issue 6: /verify/<code> re-checks the signed document', () => {
  it('says genuine, with the signer, the certificate, the clinic and the patient masked', async () => {
    const { coupon, patient, unsigned } = await issuedDocuments()
    expect(found(unsigned)).toMatchObject({ verdict: 'not_signed', status: 'awaiting_signature', checkMessageKey: null })

    const address = freshAddress()
    const document = found(await verifyByCode(db, coupon.verificationCode, address, later))
    expect(document).toMatchObject({
      code: coupon.verificationCode,
      kind: 'coupon_064e',
      number: coupon.number,
      status: 'issued',
      verdict: 'genuine',
      checkMessageKey: 'signing.check.valid',
      clinic: { nameKk: 'Verification clinic (kk)', nameRu: 'Verification clinic (ru)' },
      signer: { name: 'registrar surname Name', role: 'registrar' },
      signedAt,
      issuedOn: '2026-11-24',
      revoked: null,
      supersededBy: null,
      patient: { initials: 'С. Г.', maskedIin: `${patient.iin.slice(0, 2)}********${patient.iin.slice(10)}` },
    })
    expect(document.certificate?.commonName).toBe('registrar surname Name')
    expect(document.certificate?.subject).toContain('IIN')
    expect(JSON.stringify(document)).not.toContain(patient.iin)
    // The signer's IIN, which the certificate's subject carries, is masked like the patient's.
    const signerIin = await iinOf(coupon.signerId!)
    expect(document.certificate?.subject).toContain(`SERIALNUMBER=IIN${signerIin.slice(0, 2)}********${signerIin.slice(10)}`)
    expect(JSON.stringify(document)).not.toContain(signerIin)
    // A known code is counted before the lookup and then settled: not a failure, and a settled lookup never clears a
    // guesser's count (the next test shows a real code between guesses does not reset it).
    expect(await attemptsOf(address)).toEqual([{ succeeded: true }])
  })

  it('takes the code as people type it: lower case, with a dash', async () => {
    const { notice } = await issuedDocuments()
    const typed = `${notice.verificationCode.slice(0, 5)}-${notice.verificationCode.slice(5)}`.toLowerCase()
    expect(found(await verifyByCode(db, typed, freshAddress(), later))).toMatchObject({
      kind: 'attachment_notice',
      verdict: 'genuine',
      signer: { name: 'doctor surname Name', role: 'doctor' },
    })
  })

  it('a revoked document says revoked, with the reason and the date, and names the document that replaces it', async () => {
    const { coupon } = await issuedDocuments()
    const revokedAt = new Date('2026-11-25T04:00:00Z')
    const revoked = await db.transaction((tx) =>
      revokeDocument(tx, clinic.staff.head, coupon.id, 'Учаске қате көрсетілген.', { now: revokedAt }),
    )
    expect(revoked.ok).toBe(true)
    const corrected = await db.transaction((tx) => supersedeDocument(tx, clinic.staff.registrar, coupon.id, { now: revokedAt }))
    if (!corrected.ok) throw new Error(corrected.code)
    expect(found(await verifyByCode(db, coupon.verificationCode, freshAddress(), later))).toMatchObject({
      verdict: 'revoked',
      status: 'revoked',
      checkMessageKey: 'signing.check.valid',
      revoked: { at: revokedAt, reason: 'Учаске қате көрсетілген.' },
      supersededBy: corrected.data.number,
    })
  })

  it('a snapshot changed in the database after signing is not genuine', async () => {
    const { notice } = await issuedDocuments()
    await tamper(
      sql`update documents set snapshot = jsonb_set(snapshot, '{patient,lastName}', '"Басқаева"') where id = ${notice.id}`,
    )
    expect(found(await verifyByCode(db, notice.verificationCode, freshAddress(), later))).toMatchObject({
      verdict: 'not_genuine',
      checkMessageKey: 'signing.check.invalid.hash_mismatch',
      patient: { initials: 'Б. Г.' },
    })
  })

  it('a signature by the wrong staff member is not genuine; a GOST signature without NCANode cannot be checked', async () => {
    const { notice, coupon } = await issuedDocuments()
    // The doctor's valid signature put on the registrar's coupon record: signed, but not by the one the document names.
    const [doctorSigned] = await db.select({ signature: documents.signature }).from(documents).where(eq(documents.id, notice.id))
    const signed = await signHashesWithDemoPki(
      db,
      { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [coupon.snapshotHash] },
      signedAt,
    )
    if (!signed.ok) throw new Error(signed.error)
    await tamper(sql`update documents set signature = ${signed.signatures[0]!} where id = ${coupon.id}`)
    expect(found(await verifyByCode(db, coupon.verificationCode, freshAddress(), later))).toMatchObject({
      verdict: 'not_genuine',
      checkMessageKey: 'signing.check.invalid.signer_mismatch',
    })
    await tamper(sql`update documents set signature = ${relabelAsGost(doctorSigned!.signature!)} where id = ${notice.id}`)
    expect(found(await verifyByCode(db, notice.verificationCode, freshAddress(), later, { ncanodeUrl: null }))).toMatchObject({
      verdict: 'cannot_check',
      checkMessageKey: 'signing.check.unsupported.gost_without_ncanode',
    })
  })
})

describe('Issue 6: wrong and unknown codes are rate-limited and look the same', () => {
  it('an unknown code and a malformed one both say not found, and both count', async () => {
    const address = freshAddress()
    expect(await verifyByCode(db, '0000000000', address, later)).toEqual({ state: 'not_found' })
    expect(await verifyByCode(db, '../../etc', address, later)).toEqual({ state: 'not_found' })
    expect(await attemptsOf(address)).toEqual([{ succeeded: false }, { succeeded: false }])
  })

  it('10 unknown codes from one address lock it for 15 minutes, even for a real code; another address still works', async () => {
    const { coupon } = await issuedDocuments()
    const address = freshAddress()
    const results = []
    for (let i = 0; i < 10; i++) {
      results.push(
        (await verifyByCode(db, `ZZZZZZZZ${String(i).padStart(2, '0')}`, address, new Date(later.getTime() + i * 1000))).state,
      )
    }
    expect(results).toEqual([...Array(9).fill('not_found'), 'rate_limited'])
    const until = new Date(later.getTime() + 9000 + 15 * 60_000)
    expect(await verifyByCode(db, coupon.verificationCode, address, new Date(later.getTime() + 60_000))).toEqual({
      state: 'rate_limited',
      until,
    })
    expect((await verifyByCode(db, coupon.verificationCode, freshAddress(), later)).state).toBe('found')
    // Once the lock has passed, the real code answers again from the same address.
    expect((await verifyByCode(db, coupon.verificationCode, address, until)).state).toBe('found')
    // Attempts made while locked are not recorded; the real code after the lock is recorded as settled.
    expect(await attemptsOf(address)).toHaveLength(11)
    expect((await attemptsOf(address)).filter((attempt) => !attempt.succeeded)).toHaveLength(10)
  })
})

describe('Issue 6: an uploaded PDF is matched to the signed document, byte for byte', () => {
  it('the exact downloaded bytes match; one byte changed in the content stream differs', async () => {
    const { coupon, patient } = await issuedDocuments()
    const pdf = await getDocumentPdfForPatient(db, patient.actor, coupon.id, null)
    const bytes = pdf!.bytes
    expect(await readVerificationCode(bytes)).toBe(coupon.verificationCode)
    // The band prints the certificate's subject with the signer's IIN masked.
    const signerIin = await iinOf(coupon.signerId!)
    const printed = pdfText(bytes)
    expect(printed).toContain(`IIN${signerIin.slice(0, 2)}********${signerIin.slice(10)}`)
    expect(printed).not.toContain(signerIin)
    expect(await verifyUploadedPdf(db, bytes, freshAddress(), later)).toEqual({
      outcome: 'match',
      messageKey: 'verify.pdf.match',
      code: coupon.verificationCode,
      kind: 'coupon_064e',
      number: coupon.number,
      revoked: false,
      // The coupon's kind sets no validity: it holds until revoked.
      validThrough: null,
      expired: false,
    })

    const changed = Uint8Array.from(bytes)
    // The page's content stream, found through the page's /Contents reference.
    const entry = (await PDFDocument.load(bytes, { updateMetadata: false })).getPage(0).node.get(PDFName.of('Contents'))
    const contents = entry instanceof PDFArray ? entry.get(entry.size() - 1) : entry
    if (!(contents instanceof PDFRef)) throw new Error('expected /Contents to be a reference')
    const text = Buffer.from(bytes).toString('latin1')
    const objectAt = text.indexOf(`\n${contents.objectNumber} 0 obj`)
    const streamAt = text.indexOf('stream', objectAt) + 'stream\n'.length + 20
    expect(objectAt).toBeGreaterThan(0)
    changed[streamAt] = changed[streamAt]! ^ 0x01
    expect(await verifyUploadedPdf(db, changed, freshAddress(), later)).toMatchObject({
      outcome: 'differs',
      messageKey: 'verify.pdf.differs',
      code: coupon.verificationCode,
    })
  })

  it('issue 15: the coupon printed at the desk before its signature is named as not yet signed, then as an unsigned copy', async () => {
    const patient = await makePatient(db, { lastName: 'Оспанова', firstName: 'Әсел' })
    const { requestId, notice, coupon } = await approvedAttachment(db, clinic, patient.actor, context)
    const printed = await getDeskPrintForStaff(db, clinic.staff.registrar, requestId, null)
    expect(printed).not.toBeNull()
    expect(await readVerificationCode(printed!.bytes)).toBe(coupon.verificationCode)
    const expected = { code: coupon.verificationCode, kind: 'coupon_064e', number: coupon.number }
    expect(await verifyUploadedPdf(db, printed!.bytes, freshAddress(), later)).toEqual({
      outcome: 'unsigned',
      messageKey: 'verify.pdf.unsigned',
      ...expected,
    })
    expect(found(await verifyByCode(db, coupon.verificationCode, freshAddress(), later))).toMatchObject({
      verdict: 'not_signed',
      number: coupon.number,
    })
    for (const document of [notice, coupon]) await signWithDemoPki(db, document, signedAt)
    // Signed since: the early print is recognized as a copy made before the signature, not as a forgery.
    expect(await verifyUploadedPdf(db, printed!.bytes, freshAddress(), later)).toEqual({
      outcome: 'unsigned_copy',
      messageKey: 'verify.pdf.unsignedCopy',
      ...expected,
    })
  })

  it('a revoked document still matches its PDF, and says it is revoked', async () => {
    const { notice, patient } = await issuedDocuments()
    const pdf = await getDocumentPdfForPatient(db, patient.actor, notice.id, null)
    await db.transaction((tx) => revokeDocument(tx, clinic.staff.chief, notice.id, 'Қате құжат берілген.', { now: later }))
    expect(await verifyUploadedPdf(db, pdf!.bytes, freshAddress(), later)).toMatchObject({ outcome: 'match', revoked: true })
  })

  it('a PDF without the keyword has no code; a keyword with an unknown code reads the same and counts', async () => {
    const plain = await PDFDocument.create()
    plain.addPage()
    const address = freshAddress()
    expect(await verifyUploadedPdf(db, await plain.save(), address, later)).toEqual({
      outcome: 'no_code',
      messageKey: 'verify.pdf.noCode',
    })
    expect(await verifyUploadedPdf(db, new TextEncoder().encode('%PDF-1.7 not really'), address, later)).toEqual({
      outcome: 'no_code',
      messageKey: 'verify.pdf.noCode',
    })
    expect(await attemptsOf(address)).toEqual([])
    plain.setKeywords([`${verificationKeywordPrefix}0000000000`])
    expect(await verifyUploadedPdf(db, await plain.save(), address, later)).toEqual({
      outcome: 'no_code',
      messageKey: 'verify.pdf.noCode',
    })
    expect(await attemptsOf(address)).toEqual([{ succeeded: false }])
  })

  it('a locked address is told to wait, for uploads too', async () => {
    const { coupon, patient } = await issuedDocuments()
    const pdf = await getDocumentPdfForPatient(db, patient.actor, coupon.id, null)
    const address = freshAddress()
    for (let i = 0; i < 10; i++) await verifyByCode(db, 'ZZZZZZZZZZ', address, later)
    expect(await verifyUploadedPdf(db, pdf!.bytes, address, later)).toMatchObject({
      outcome: 'rate_limited',
      messageKey: 'verify.rateLimited',
    })
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.key, `verify:${address}`), eq(loginAttempts.succeeded, false)))
    expect(rows[0]!.n).toBe(10)
  })
})

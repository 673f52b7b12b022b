import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { normalizeVerificationCode } from '@/lib/documents/verification-code'
import { buildCoupon } from '@/lib/services/attachment/documents/attachment-coupon-064e'
import { renderDocument } from '@/lib/pdf/documents'
import type { SignatureCheck } from '@/lib/signing/types'
import { initials, maskCertificateSubject, maskIin } from '@/lib/verification/mask'
import { maxPdfBytes, pdfUploadProblem, readVerificationCode } from '@/lib/verification/pdf-upload'
import { verificationLockedUntil, verificationPolicy } from '@/lib/verification/rate-limit'
import { snapshotFacts, verdictOf } from '@/lib/verification/verdict'
import { approvedSources } from './document-fixtures'

describe('issue 6: the public verification page masks personal data', () => {
  it('hides the middle eight digits of the IIN', () => {
    expect(maskIin('920314400015')).toBe('92********15')
    expect(maskIin('92031440001')).toBe('************')
  })

  it('masks the signer’s IIN inside a certificate subject the same way; a BIN stays', () => {
    expect(maskCertificateSubject('CN=СҮЛЕЙМЕНОВА ӘЙГЕРІМ, SERIALNUMBER=IIN870101400123, O=Tirkeu demo, C=KZ')).toBe(
      'CN=СҮЛЕЙМЕНОВА ӘЙГЕРІМ, SERIALNUMBER=IIN87********23, O=Tirkeu demo, C=KZ',
    )
    expect(maskCertificateSubject('SERIALNUMBER=870101400123,OU=BIN120340012345')).toBe(
      'SERIALNUMBER=87********23,OU=BIN120340012345',
    )
    // Not an IIN: a longer number is left as it is.
    expect(maskCertificateSubject('SERIALNUMBER=1234567890123')).toBe('SERIALNUMBER=1234567890123')
  })

  it('shows a person as initials only, Kazakh letters kept', () => {
    expect(initials({ lastName: 'Сағынбаева', firstName: 'Гүлнұр', middleName: 'Қайратқызы' })).toBe('С. Г. Қ.')
    expect(initials({ lastName: 'Өтегенов', firstName: 'ұлан', middleName: null })).toBe('Ө. Ұ.')
    // A decomposed letter (и + combining breve) is composed into й before the initial is cut.
    expect(initials({ lastName: 'и\u0306с', firstName: 'Әли' })).toBe('Й. Ә.')
  })
})

describe('issue 6: verification codes as people type them from paper', () => {
  it('accepts lower case, spaces and dashes, and folds O, I and L', () => {
    expect(normalizeVerificationCode('7k2m-9xq4 ab')).toBe('7K2M9XQ4AB')
    expect(normalizeVerificationCode('7K2M9XQ4AO')).toBe('7K2M9XQ4A0')
    expect(normalizeVerificationCode('7K2M9XQ4Al')).toBe('7K2M9XQ4A1')
  })

  it('refuses what cannot be a code', () => {
    expect(normalizeVerificationCode('7K2M9XQ4A')).toBeNull()
    expect(normalizeVerificationCode('7K2M9XQ4ABC')).toBeNull()
    expect(normalizeVerificationCode('7K2M9XQ4AU')).toBeNull()
    expect(normalizeVerificationCode('../../etc/p')).toBeNull()
  })
})

describe('issue 6: guessing codes is rate-limited', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 8, minute))
  const failures = (count: number, every = 1) =>
    Array.from({ length: count }, (_, i) => ({ at: at(i * every), succeeded: false }))

  it('ten unknown codes within ten minutes lock the address for fifteen minutes', () => {
    expect(verificationPolicy.maxFailures).toBe(10)
    expect(verificationLockedUntil(failures(9), at(9))).toBeNull()
    expect(verificationLockedUntil(failures(10), at(9))).toEqual(at(24))
    expect(verificationLockedUntil(failures(10), at(24))).toBeNull()
  })

  it('ten unknown codes spread over more than ten minutes do not lock', () => {
    expect(verificationLockedUntil(failures(10, 2), at(18))).toBeNull()
  })
})

describe('issue 6: the verdict /verify/<code> gives', () => {
  const valid: SignatureCheck = {
    status: 'valid',
    signer: {
      commonName: 'A',
      iin: '870101400123',
      organization: null,
      subject: 'CN=A',
      issuer: 'CN=CA',
      certificateSerial: '01',
      notBefore: new Date(0),
      notAfter: new Date(0),
    },
    signedAt: null,
  }
  const invalid: SignatureCheck = { status: 'invalid', reason: 'hash_mismatch' }
  const gost: SignatureCheck = { status: 'unsupported', reason: 'gost_without_ncanode' }
  const down: SignatureCheck = { status: 'unavailable', reason: 'ncanode_error' }
  it.each([
    { label: 'a draft is not signed', status: 'draft', check: null, verdict: 'not_signed' },
    { label: 'awaiting its signature is not signed', status: 'awaiting_signature', check: null, verdict: 'not_signed' },
    { label: 'issued with a valid signature is genuine', status: 'issued', check: valid, verdict: 'genuine' },
    { label: 'signed with a valid signature is genuine', status: 'signed', check: valid, verdict: 'genuine' },
    { label: 'a failed check is not genuine', status: 'issued', check: invalid, verdict: 'not_genuine' },
    { label: 'a failed check outweighs a revocation', status: 'revoked', check: invalid, verdict: 'not_genuine' },
    { label: 'revoked with a valid signature is revoked', status: 'revoked', check: valid, verdict: 'revoked' },
    { label: 'revoked stands when GOST cannot be checked', status: 'revoked', check: gost, verdict: 'revoked' },
    { label: 'GOST without NCANode cannot be checked', status: 'issued', check: gost, verdict: 'cannot_check' },
    { label: 'NCANode down cannot be checked', status: 'issued', check: down, verdict: 'cannot_check' },
  ] as const)('$label', ({ status, check, verdict }) => expect(verdictOf(status, check)).toBe(verdict))
})

describe('issue 6: what the verification page reads from a stored snapshot', () => {
  it('the document date, the signer it names and the patient masked', () => {
    const snapshot = {
      issuedOn: '2026-11-24',
      signer: { name: 'Сүлейменова Әйгерім', role: 'registrar' },
      patient: { iin: '920314400015', lastName: 'Құрманова', firstName: 'Әйгерім', middleName: null },
    }
    expect(snapshotFacts(snapshot)).toEqual({
      issuedOn: '2026-11-24',
      signer: { name: 'Сүлейменова Әйгерім', role: 'registrar' },
      patient: { initials: 'Қ. Ә.', maskedIin: '92********15' },
    })
  })

  it.each([
    { label: 'not an object', snapshot: 'text' },
    { label: 'an array', snapshot: [1, 2] },
    { label: 'fields of the wrong type', snapshot: { issuedOn: 5, signer: { name: 'X', role: 'janitor' }, patient: { iin: 1 } } },
    { label: 'a date that is not a day', snapshot: { issuedOn: '24.11.2026' } },
  ])('a changed record with $label gives nothing rather than a crash', ({ snapshot }) =>
    expect(snapshotFacts(snapshot)).toEqual({ issuedOn: null, signer: null, patient: null }),
  )
})

describe('issue 6: an uploaded file must be a PDF of at most 10 MB', () => {
  const head = new TextEncoder().encode('%PDF-1.7\n')
  it.each([
    { label: 'a PDF', size: 20_000, type: 'application/pdf', head, problem: null },
    { label: 'a PDF with no type from the browser', size: 20_000, type: '', head, problem: null },
    { label: 'exactly 10 MB', size: maxPdfBytes, type: 'application/pdf', head, problem: null },
    { label: 'one byte over 10 MB', size: maxPdfBytes + 1, type: 'application/pdf', head, problem: 'verify.pdf.tooLarge' },
    { label: 'an image', size: 20_000, type: 'image/png', head, problem: 'verify.pdf.notPdf' },
    {
      label: 'labelled PDF without the %PDF- header',
      size: 20_000,
      type: 'application/pdf',
      head: new TextEncoder().encode('<html>'),
      problem: 'verify.pdf.notPdf',
    },
    { label: 'an empty file', size: 0, type: 'application/pdf', head: new Uint8Array(), problem: 'verify.pdf.notPdf' },
  ] as const)('$label', ({ size, type, head: first, problem }) =>
    expect(pdfUploadProblem({ size, type, head: first })).toBe(problem),
  )
})

describe('issue 6: the verification code travels in the PDF keywords', () => {
  const pdfWith = async (keywords: string[] | null) => {
    const doc = await PDFDocument.create({ updateMetadata: false })
    doc.addPage()
    if (keywords) doc.setKeywords(keywords)
    return doc.save()
  }
  it('reads the code back, normalized, beside other keywords', async () => {
    expect(await readVerificationCode(await pdfWith(['tirkeu-verification:7K3M9QX2TB']))).toBe('7K3M9QX2TB')
    expect(await readVerificationCode(await pdfWith(['clinic', 'tirkeu-verification:7k3m9qx2tb']))).toBe('7K3M9QX2TB')
  })
  it('renderDocument writes it into every document with a signature band, signed or not (issue 15)', async () => {
    const coupon = buildCoupon('18', approvedSources)
    const signature = { signerName: 'A', certificateSubject: 'CN=A', signedAt: new Date('2026-03-13T06:05:00Z') }
    expect(
      await readVerificationCode(await renderDocument({ snapshot: coupon, verificationCode: '7K3M9QX2TB', signature })),
    ).toBe('7K3M9QX2TB')
    // Issue 15: printed before its signature, it still names its code.
    expect(
      await readVerificationCode(await renderDocument({ snapshot: coupon, verificationCode: '7K3M9QX2TB', signature: null })),
    ).toBe('7K3M9QX2TB')
  })
  it('no keyword, a keyword that is not a code, or not a PDF: no code', async () => {
    expect(await readVerificationCode(await pdfWith(null))).toBeNull()
    expect(await readVerificationCode(await pdfWith(['tirkeu-verification:../../x']))).toBeNull()
    expect(await readVerificationCode(new TextEncoder().encode('%PDF-1.7 broken'))).toBeNull()
  })
})

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import QRCode from 'qrcode'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { snapshotHash } from '@/lib/documents/canonical'
import { MissingDocumentSource } from '@/lib/documents/contract'
import { newVerificationCode, normalizeVerificationCode } from '@/lib/documents/verification-code'
import { renderDocument, verificationUrl, type DocumentRenderInput } from '@/lib/pdf/documents'
import { buildCoupon, couponSignatureArea } from '@/lib/services/attachment/documents/attachment-coupon-064e'
import { buildAttachmentNotice } from '@/lib/services/attachment/documents/attachment-notice'
import { buildRefusalNotice } from '@/lib/services/attachment/documents/refusal-notice'
import { approvedSources, buildSnapshot, refusedSources, signerFor } from './document-fixtures'

const scratch = mkdtempSync(path.join(tmpdir(), 'documents-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let files = 0
function pdfFile(bytes: Uint8Array): string {
  const file = path.join(scratch, `document-${(files += 1)}.pdf`)
  writeFileSync(file, bytes)
  return file
}
const pdfText = (bytes: Uint8Array) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile(bytes), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')

const signature = {
  signerName: 'СҮЛЕЙМЕНОВА ӘЙГЕРІМ',
  certificateSubject: 'CN=СҮЛЕЙМЕНОВА ӘЙГЕРІМ, SERIALNUMBER=IIN870101400123, O=Tirkeu demo, C=KZ',
  signedAt: new Date('2026-03-13T06:05:00Z'),
}
const code = '7K3M9QX2TB'

describe('Document snapshots: frozen from the decided request', () => {
  it('the attachment notice names the patient, the request, the section and its doctor, the basis and its signer', () => {
    expect(buildAttachmentNotice('1', approvedSources)).toEqual({
      kind: 'attachment_notice',
      number: '1',
      // Decided at 19:30 UTC on 12 March = 01:30 on 13 March in Almaty.
      issuedOn: '2026-03-13',
      clinic: approvedSources.clinic,
      patient: approvedSources.patient,
      request: { number: 1042, submittedOn: '2026-03-10' },
      decision: 'approved',
      section: '12',
      doctor: 'Сүлейменова Әйгерім Нұрланқызы',
      attachedFrom: '2026-03-13',
      attachedUntil: null,
      basis: { kk: 'Емхананы еркін таңдау', ru: 'Свободный выбор поликлиники' },
      signer: { name: 'Сүлейменова Әйгерім Нұрланқызы', role: 'doctor' },
    })
  })

  it('the 064/e coupon carries what the coupon renderer draws, signed by the deciding registrar', () => {
    const coupon = buildCoupon('5', approvedSources)
    expect(coupon).toMatchObject({
      kind: 'coupon_064e',
      number: '5',
      issuedOn: '2026-03-13',
      doctor: 'Сүлейменова Әйгерім Нұрланқызы',
      section: '12',
      attachedFrom: '2026-03-13',
      registrar: 'Жұмабекова Гүлнұр Серікқызы',
      request: { number: 1042, submittedOn: '2026-03-10' },
      signer: { name: 'Жұмабекова Гүлнұр Серікқызы', role: 'registrar' },
    })
  })

  it('the refusal notice carries the ground code, its Kazakh and Russian text, and the registrar’s reason', () => {
    const notice = buildRefusalNotice('3', refusedSources)
    expect(notice.refusal).toEqual({
      ground: 'unreliable_documents',
      title: { kk: 'Құжаттар немесе деректер анық емес', ru: 'Недостоверные документы или сведения' },
      text: { kk: refusedSources.refusal!.kk, ru: refusedSources.refusal!.ru },
      reason: refusedSources.refusal!.reason,
    })
    expect(notice.signer).toEqual({ name: 'Жұмабекова Гүлнұр Серікқызы', role: 'registrar' })
    expect(notice.decision).toBe('refused')
  })

  it.each([
    { label: 'attachment notice → the section’s doctor', kind: 'attachment_notice' as const, sources: approvedSources, id: 7 },
    {
      label: 'attachment notice, section without a doctor → the deciding registrar',
      kind: 'attachment_notice' as const,
      sources: { ...approvedSources, section: { number: '12', doctor: null } },
      id: 3,
    },
    { label: 'coupon → the deciding registrar', kind: 'coupon_064e' as const, sources: approvedSources, id: 3 },
    { label: 'refusal notice → the deciding registrar', kind: 'refusal_notice' as const, sources: refusedSources, id: 3 },
  ])('signer: $label', ({ kind, sources, id }) => expect(signerFor(kind, sources)?.id).toBe(id))

  it('cannot make an approval document without the attachment, nor a refusal notice without the refusal', () => {
    expect(() => buildSnapshot('coupon_064e', '1', refusedSources)).toThrow(MissingDocumentSource)
    expect(() => buildSnapshot('refusal_notice', '1', approvedSources)).toThrow(MissingDocumentSource)
  })

  it('the same sources give the same snapshot hash; one letter of the patient’s name changes it', () => {
    const hash = snapshotHash(buildSnapshot('coupon_064e', '1', approvedSources))
    expect(snapshotHash(buildSnapshot('coupon_064e', '1', structuredClone(approvedSources)))).toBe(hash)
    const renamed = { ...approvedSources, patient: { ...approvedSources.patient, firstName: 'Галия' } }
    expect(snapshotHash(buildSnapshot('coupon_064e', '1', renamed))).not.toBe(hash)
  })
})

describe('Verification codes: 10 characters of Crockford base32 from the CSPRNG', () => {
  it('are 10 characters of the alphabet without I, L, O, U, and differ between calls', () => {
    const codes = Array.from({ length: 200 }, () => newVerificationCode())
    for (const value of codes) expect(value).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/)
    expect(new Set(codes).size).toBe(200)
  })

  it('map every byte value onto the alphabet without bias (256 = 8 × 32)', () => {
    const bytes = Uint8Array.from({ length: 10 }, (_, index) => index * 31)
    expect(newVerificationCode(() => bytes)).toBe('0ZYXWVTSRQ')
  })

  it('read what people type: lower case, hyphens, O for 0 and I or L for 1', () => {
    expect(normalizeVerificationCode('7k3m-9qx2-tb')).toBe('7K3M9QX2TB')
    expect(normalizeVerificationCode('OIL23456789'.slice(0, 10))).toBe('0112345678')
    expect(normalizeVerificationCode('7K3M9QX2T')).toBeNull()
    expect(normalizeVerificationCode('7K3M9QX2TU')).toBeNull()
  })
})

describe('Document PDFs: one renderer, bilingual, with the signature band', () => {
  const notice = buildSnapshot('refusal_notice', '17', refusedSources)
  const coupon = buildSnapshot('coupon_064e', '18', approvedSources)

  it('a signed notice reads back every Kazakh letter, the signer, the time in Almaty and the verification code', async () => {
    const text = pdfText(await renderDocument({ snapshot: notice, verificationCode: code, signature }))
    for (const letter of 'әғқңөұүһі') expect(text).toContain(letter)
    expect(text).toContain('МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТУДЕН БАС ТАРТУ ТУРАЛЫ ХАБАРЛАМА')
    expect(text).toContain('УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ В ПРИКРЕПЛЕНИИ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ')
    expect(text).toContain(refusedSources.refusal!.reason)
    expect(text).toContain(code)
    expect(text).toContain('Подписал: СҮЛЕЙМЕНОВА ӘЙГЕРІМ')
    // The signer's IIN in the certificate's subject is masked like the patient's on /verify.
    expect(text).toContain('SERIALNUMBER=IIN87********23')
    // 06:05 UTC is 11:05 in Asia/Almaty (UTC+5).
    expect(text).toContain('Время подписания: 13.03.2026 11:05')
    expect(text).toContain('http://localhost:3000/verify/7K3M9QX2TB')
  })

  it('the coupon keeps its form label in the corner and its rows', async () => {
    const text = pdfText(await renderDocument({ snapshot: coupon, verificationCode: code, signature }))
    expect(text).toContain('064/е нысаны')
    expect(text).toContain('Форма 064/е')
    expect(text).toContain('№ 18')
    expect(text).toContain('Берген тіркеуші')
    // The request's own number, which the desk says aloud, beside the coupon's number.
    expect(text).toContain('Өтінім / Заявка № 1042, 10.03.2026')
    const doc = await PDFDocument.load(await renderDocument({ snapshot: coupon, verificationCode: code, signature }))
    expect(doc.getPage(0).getSize()).toEqual({ width: 420, height: 595 })
  })

  it('the signer’s IIN never appears whole: the subject shows it as 87********23, for every kind', async () => {
    // The national CA's subject: the IIN as SERIALNUMBER, the employer's BIN (not personal) as OU.
    const national = {
      ...signature,
      certificateSubject: 'CN=СҮЛЕЙМЕНОВА ӘЙГЕРІМ, SURNAME=СҮЛЕЙМЕНОВА, SERIALNUMBER=IIN870101400123, C=KZ, OU=BIN120340012345',
    }
    for (const snapshot of [notice, coupon, buildSnapshot('attachment_notice', '19', approvedSources)]) {
      const text = pdfText(await renderDocument({ snapshot, verificationCode: code, signature: national }))
      expect(text).not.toContain('870101400123')
      expect(text).toContain('IIN87********23')
    }
  })

  it('issue 15: an unsigned document says so in the band and carries its code, so /verify names it as not yet signed', async () => {
    const bytes = await renderDocument({ snapshot: notice, verificationCode: code, signature: null })
    const text = pdfText(bytes)
    expect(text).toContain('Әлі қол қойылмаған / Ещё не подписан')
    expect(text).toContain('Недействителен до подписания')
    expect(text).toContain(code)
    expect(text).toContain(`/verify/${code}`)
    expect(text).not.toContain('Подписано электронной цифровой подписью')
  })

  it('same snapshot and signature → the same bytes; another signing time or code → other bytes', async () => {
    const input: DocumentRenderInput = { snapshot: notice, verificationCode: code, signature }
    const first = Buffer.from(await renderDocument(input))
    expect(Buffer.from(await renderDocument(structuredClone(input))).equals(first)).toBe(true)
    const later = { ...signature, signedAt: new Date('2026-03-13T06:06:00Z') }
    expect(Buffer.from(await renderDocument({ ...input, signature: later })).equals(first)).toBe(false)
    expect(Buffer.from(await renderDocument({ ...input, verificationCode: 'ABCDEFGHJK' })).equals(first)).toBe(false)
    const doc = await PDFDocument.load(first, { updateMetadata: false })
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-13T00:00:00.000Z')
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-03-13T00:00:00.000Z')
  })

  it('a document renders to the same bytes whatever was rendered before it, its text whole', async () => {
    // A fresh renderer module each time: fonts.ts keeps the parsed font faces for the process.
    const freshRenderer = async () => {
      vi.resetModules()
      return (await import('@/lib/pdf/documents')).renderDocument
    }
    const input: DocumentRenderInput = { snapshot: coupon, verificationCode: code, signature }
    const alone = Buffer.from(await (await freshRenderer())(input))
    const render = await freshRenderer()
    // Unsigned documents first: Cyrillic А, В, С, Е (which DejaVu draws from Latin A, B, C, E) and no Latin letters.
    await render({ snapshot: coupon, verificationCode: code, signature: null })
    await render({ snapshot: notice, verificationCode: code, signature: null })
    const after = Buffer.from(await render(input))
    expect(after.equals(alone)).toBe(true)
    const text = pdfText(after)
    for (const part of [coupon.patient.lastName, coupon.clinic.nameKk, 'SERIALNUMBER=IIN87********23, O=Tirkeu demo', code]) {
      expect(text).toContain(part)
    }
  })

  it('the QR code drawn on the coupon is, module for module, the QR code of /verify/<code>', async () => {
    const bytes = await renderDocument({
      snapshot: coupon,
      verificationCode: code,
      signature,
      baseUrl: 'https://tirkeu.example.kz/',
    })
    const scale = 4 // 288 dpi: 4 pixels a point
    const prefix = path.join(scratch, 'qr')
    // A greyscale PGM: a text header "P5 width height 255", then one byte a pixel.
    execFileSync('pdftoppm', ['-gray', '-r', String(72 * scale), '-singlefile', pdfFile(bytes), prefix])
    const pgm = readFileSync(`${prefix}.pgm`)
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!
    const width = Number(header[1])
    const pixels = pgm.subarray(header[0].length)
    const { modules } = QRCode.create(verificationUrl(code, 'https://tirkeu.example.kz'), { errorCorrectionLevel: 'M' })
    // The renderer's geometry: the QR box sits 3 pt inside the band's corner, (band height − 6) pt square, 2 quiet modules.
    const band = couponSignatureArea
    const box = { x: band.x + 3, top: 595 - (band.y + 3) - (band.height - 6), size: band.height - 6 }
    const unit = box.size / (modules.size + 4)
    const dark = (row: number, col: number) => {
      const x = Math.round((box.x + (2 + col + 0.5) * unit) * scale)
      const y = Math.round((box.top + (2 + row + 0.5) * unit) * scale)
      return pixels[y * width + x]! < 128
    }
    let mismatches = 0
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) if (dark(row, col) !== Boolean(modules.get(row, col))) mismatches++
    expect(mismatches).toBe(0)
  })

  it('a 2,000-character refusal reason still fits on the one page', async () => {
    const long = buildSnapshot('refusal_notice', '19', {
      ...refusedSources,
      refusal: { ...refusedSources.refusal!, reason: 'Құжаттағы деректер сәйкес емес. '.repeat(62).slice(0, 2000) },
    })
    const doc = await PDFDocument.load(await renderDocument({ snapshot: long, verificationCode: code, signature }))
    expect(doc.getPageCount()).toBe(1)
  })
})

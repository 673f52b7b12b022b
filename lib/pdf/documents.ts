import { fill, PDFDocument, popGraphicsState, pushGraphicsState, rectangle, setFillingColor, type PDFPage } from 'pdf-lib'
import QRCode from 'qrcode'
import type { BaseSnapshot } from '@/lib/documents/contract'
import { publicAddress } from '@/lib/http/public-address'
import { formatInstant } from '@/lib/i18n/format'
import { documentKindOf } from '@/lib/services'
import { maskCertificateSubject } from '@/lib/verification/mask'
import { embedDejaVuSans } from './fonts'
import {
  checkDay,
  drawBlock,
  drawHeader,
  drawRows,
  drawTitle,
  ink,
  muted,
  rowSizes,
  rule,
  type Canvas,
  type DocumentLayout,
  type Fonts,
  type HandSignature,
  type Sizes,
} from './form-layout'

// What the signature band shows: who signed, the certificate, when. It comes with the signature, not the snapshot
// (the snapshot is what was signed).
export type DocumentSignatureInfo = { signerName: string; certificateSubject: string; signedAt: Date }

export type DocumentRenderInput = {
  snapshot: BaseSnapshot
  verificationCode: string
  // null: not signed yet; the band says so and carries no QR code.
  signature: DocumentSignatureInfo | null
  // The public address the QR code opens; default APP_URL, else http://localhost:3000.
  baseUrl?: string
}

// The verification code in the PDF's metadata, so an uploaded copy can be matched to its document without reading the
// QR code (lib/verification/pdf). Only a signed document carries it, as only a signed one carries the QR code.
export const verificationKeywordPrefix = 'tirkeu-verification:'

export function verificationUrl(code: string, baseUrl = publicAddress()): string {
  return `${baseUrl.replace(/\/+$/, '')}/verify/${code}`
}

// The snapshot's calendar days: those every kind has, then the kind's own.
function checkDays(snapshot: BaseSnapshot, days: Record<string, string | null | undefined>): void {
  const form = snapshot.kind
  checkDay(form, 'issuedOn', snapshot.issuedOn)
  checkDay(form, 'patient.birthDate', snapshot.patient.birthDate)
  for (const [name, value] of Object.entries(days)) if (value !== null && value !== undefined) checkDay(form, name, value)
}

function drawForm(page: Canvas, fonts: Fonts, snapshot: BaseSnapshot, layout: DocumentLayout, sizes: Sizes): number {
  const headerBottom = drawHeader(page, fonts, layout.geometry, snapshot.clinic, layout.formLabel)
  const titleBottom = drawTitle(page, fonts, layout.geometry, layout.title, snapshot.number, headerBottom)
  return drawRows(page, fonts, layout.geometry, layout.rows, titleBottom, sizes, layout.labelColumnWidth)
}

// The QR code as filled squares, one rectangle per run of dark modules in a row: plain vector drawing, so the bytes
// depend only on the address.
// The QR code as one filled path: a rectangle per run of dark modules in a row, then a single fill. Drawing each run
// as its own rectangle (save state, colour, path, fill, restore) made the QR code a tenth of a document's render time.
function drawQr(page: PDFPage, text: string, box: { x: number; y: number; size: number }): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  const unit = box.size / (modules.size + 2 * quiet)
  const operators = [pushGraphicsState(), setFillingColor(ink)]
  for (let row = 0; row < modules.size; row++) {
    let col = 0
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < modules.size && modules.get(row, col)) col++
      operators.push(
        rectangle(box.x + (quiet + start) * unit, box.y + box.size - (quiet + row + 1) * unit, (col - start) * unit, unit),
      )
    }
  }
  operators.push(fill(), popGraphicsState())
  page.pushOperators(...operators)
}

// A page the applicant signs by hand: a line to sign on for each person, and the note that no digital signature is
// used. No QR code: nothing on it was signed digitally.
function drawHandSignatures(page: PDFPage, fonts: Fonts, layout: DocumentLayout, signatures: readonly HandSignature[]): void {
  const { band } = layout
  const pad = 6
  const size = 8
  const x = band.x + pad
  const lineStart = band.x + band.width * 0.62
  const lineEnd = band.x + band.width - pad
  let y = drawBlock(page, 'Жеке қолымен қол қойылады, электрондық цифрлық қолтаңба қолданылмайды', {
    x,
    top: band.y + band.height - pad,
    width: band.width - 2 * pad,
    font: fonts.regular,
    size: 7,
    color: muted,
  })
  y = drawBlock(page, 'Подписывается собственноручно, электронная цифровая подпись не применяется', {
    x,
    top: y,
    width: band.width - 2 * pad,
    font: fonts.regular,
    size: 7,
    color: muted,
  })
  const step = (y - band.y - pad) / signatures.length
  for (const [index, signature] of signatures.entries()) {
    const top = y - index * step
    const textWidth = lineStart - x - 8
    let below = drawBlock(page, `${signature.kk} / ${signature.ru}`, {
      x,
      top: top - 4,
      width: textWidth,
      font: fonts.bold,
      size,
    })
    below = drawBlock(page, signature.name, { x, top: below, width: textWidth, font: fonts.regular, size })
    const baseline = top - step + 12
    page.drawLine({ start: { x: lineStart, y: baseline }, end: { x: lineEnd, y: baseline }, thickness: 0.6, color: ink })
    drawBlock(page, 'қолы / подпись', {
      x: lineStart,
      top: baseline - 1,
      width: lineEnd - lineStart,
      font: fonts.regular,
      size: 6,
      color: muted,
      align: 'center',
    })
  }
}

function drawSignatureBand(page: PDFPage, fonts: Fonts, layout: DocumentLayout, input: DocumentRenderInput): void {
  const { band } = layout
  page.drawRectangle({ ...band, borderWidth: 0.5, borderColor: rule })
  const pad = 5
  if (layout.handSignatures) {
    drawHandSignatures(page, fonts, layout, layout.handSignatures)
    return
  }
  const url = verificationUrl(input.verificationCode, input.baseUrl)
  const qrSize = band.height - 2 * pad + 4
  drawQr(page, url, { x: band.x + pad - 2, y: band.y + pad - 2, size: qrSize })
  const x = band.x + qrSize + pad + 2
  const width = band.x + band.width - pad - x
  const small = 7
  const { signature } = input
  const line = (text: string, top: number, options: { bold?: boolean; size?: number; color?: typeof ink } = {}) =>
    drawBlock(page, text, {
      x,
      top,
      width,
      font: options.bold ? fonts.bold : fonts.regular,
      size: options.size ?? small,
      color: options.color ?? ink,
    })
  let y = band.y + band.height - pad
  if (!signature) {
    // Issue 15: a document printed before its signature (the coupon handed over at the desk) carries its code, so that
    // /verify names it as issued and not yet signed rather than as no document of the clinic's.
    y = line('Әлі қол қойылмаған / Ещё не подписан', y, { bold: true, size: 9 })
    y = line('Қол қойылғанға дейін жарамсыз / Недействителен до подписания', y - 1)
    y = line(`Тексеру коды / Код проверки: ${input.verificationCode}`, y - 1, { bold: true, size: 8 })
    line(url, y, { size: 6, color: muted })
    return
  }
  y = line('Электрондық цифрлық қолтаңбамен қол қойылған / Подписано электронной цифровой подписью', y, { bold: true })
  y = line(`Қол қойған / Подписал: ${signature.signerName}`, y - 1)
  y = line(`Сертификат: ${maskCertificateSubject(signature.certificateSubject)}`, y, { size: 6, color: muted })
  y = line(`Қол қойылған уақыты / Время подписания: ${formatInstant(signature.signedAt)}`, y)
  y = line(`Тексеру коды / Код проверки: ${input.verificationCode}`, y, { bold: true, size: 8 })
  line(url, y, { size: 6, color: muted })
}

// One renderer for every kind: the clinic's header, the form's label in the corner, the title and rows in Kazakh and
// Russian on one page, and the signature band; the kind's layout comes from its service (the catalogue). The same
// snapshot and signature give the same bytes.
export async function renderDocument(input: DocumentRenderInput): Promise<Uint8Array> {
  const { snapshot } = input
  const definition = documentKindOf(snapshot.kind)
  if (!definition) throw new Error(`renderDocument: no service issues documents of kind "${snapshot.kind}"`)
  checkDays(snapshot, definition.days?.(snapshot) ?? {})
  const layout = definition.layout(snapshot)

  const doc = await PDFDocument.create({ updateMetadata: false })
  // Fixed metadata: the issue day, not the clock; pdf-lib writes no trailer /ID.
  const issued = new Date(`${snapshot.issuedOn}T00:00:00Z`)
  doc.setTitle(`${layout.title.kk} № ${snapshot.number}`)
  doc.setSubject(input.signature ? input.verificationCode : '')
  // The code is in the metadata signed or not (the uploaded-PDF check reads it); a hand-signed form has none.
  doc.setKeywords(layout.handSignatures ? [] : [`${verificationKeywordPrefix}${input.verificationCode}`])
  doc.setProducer('Tirkeu')
  doc.setCreator('Tirkeu')
  doc.setCreationDate(issued)
  doc.setModificationDate(issued)

  const fonts = await embedDejaVuSans(doc)
  const floor = layout.band.y + layout.band.height + 8
  const sizes = rowSizes.find((candidate) => drawForm(undefined, fonts, snapshot, layout, candidate) >= floor)
  if (!sizes) throw new RangeError(`${snapshot.kind} № ${snapshot.number} does not fit on one page`)

  const page = doc.addPage([layout.geometry.width, layout.geometry.height])
  drawForm(page, fonts, snapshot, layout, sizes)
  drawSignatureBand(page, fonts, layout, input)
  return doc.save()
}

export function documentFileName(kind: string, number: string): string {
  return `${kind.replaceAll('_', '-')}-${number}.pdf`
}

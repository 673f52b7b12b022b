import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'

import { formatDay } from '@/lib/i18n/format'
import { embedDejaVuSans } from './fonts'
import { wrapText } from './wrap-text'

export type AttachmentCouponSnapshot = {
  number: string
  issuedOn: string // YYYY-MM-DD
  clinic: { nameKk: string; nameRu: string; addressKk: string; addressRu: string }
  patient: { iin: string; lastName: string; firstName: string; middleName: string | null; birthDate: string; address: string }
  doctor: string | null
  section: string | null
  attachedFrom: string
  // p.29 para 2: an attachment under an insurance contract lasts until the contract's last day.
  attachedUntil?: string | null
  basis: { kk: string; ru: string }
  registrar: string
}

const pageWidth = 420 // A5 portrait, 148 × 210 mm
const pageHeight = 595
const margin = 28
const contentWidth = pageWidth - 2 * margin

// The seam for the signed-documents work: it draws the QR code (verification code) and the registrar's signature line
// inside this band. The renderer leaves it empty and never lets the form's rows run into it.
export const couponSignatureArea = { x: margin, y: margin, width: contentWidth, height: 90 } as const

// Order 001 p.29 names the form only in Kazakh («№ 064/е нысаны»); no Russian form code (such as 064/у) appears in the
// sources, so the Russian label keeps 064/е (spec reading 7).
const formLabel = { kk: '064/е нысаны', ru: 'Форма 064/е' }
const title = { kk: 'МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТІЛУ ТАЛОНЫ', ru: 'ТАЛОН ПРИКРЕПЛЕНИЯ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ' }

const ink = rgb(0, 0, 0)
const muted = rgb(0.33, 0.33, 0.33)
const rule = rgb(0.55, 0.55, 0.55)

const cellPadding = 4
const labelColumnWidth = 124
// Text sizes tried in turn until the rows fit above the signature area: a long address or basis shrinks the rows'
// text rather than spilling onto a second page.
const rowSizes = [
  { label: 7.5, value: 9 },
  { label: 7, value: 8.5 },
  { label: 7, value: 8 },
  { label: 6.5, value: 7.5 },
] as const

type Fonts = { regular: PDFFont; bold: PDFFont }
type Sizes = (typeof rowSizes)[number]
type Row = { kk: string; ru: string; values: string[] }
// Without a page the layout is only measured.
type Canvas = PDFPage | undefined

const day = /^\d{4}-\d{2}-\d{2}$/

function checkDay(name: string, value: string): void {
  const parsed = new Date(`${value}T00:00:00Z`)
  if (!day.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`Attachment coupon: ${name} must be a calendar day YYYY-MM-DD, got "${value}"`)
  }
}

// ҚР ДСМ-175/2020 defines form 064/е, but the sources we hold do not list its fields (spec reading 7, attachment rules §5):
// these rows are what a clinic needs to identify the patient, the clinic, the doctor, the decision and its date.
function couponRows(snapshot: AttachmentCouponSnapshot): Row[] {
  const { patient } = snapshot
  const fullName = [patient.lastName, patient.firstName, patient.middleName ?? ''].join(' ')
  return [
    { kk: 'ЖСН', ru: 'ИИН', values: [patient.iin] },
    { kk: 'Тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество', values: [fullName] },
    { kk: 'Туған күні', ru: 'Дата рождения', values: [formatDay(patient.birthDate)] },
    { kk: 'Мекенжайы', ru: 'Адрес', values: [patient.address] },
    { kk: 'Учаске', ru: 'Участок', values: [snapshot.section ?? '—'] },
    { kk: 'Дәрігер', ru: 'Врач', values: [snapshot.doctor ?? '—'] },
    { kk: 'Бекітілген күні', ru: 'Дата прикрепления', values: [formatDay(snapshot.attachedFrom)] },
    ...(snapshot.attachedUntil
      ? [{ kk: 'Бекіту мерзімі (дейін)', ru: 'Прикреплён до', values: [formatDay(snapshot.attachedUntil)] }]
      : []),
    { kk: 'Бекіту негізі', ru: 'Основание прикрепления', values: [snapshot.basis.kk, snapshot.basis.ru] },
    { kk: 'Берген тіркеуші', ru: 'Выдал регистратор', values: [snapshot.registrar] },
    { kk: 'Берілген күні', ru: 'Дата выдачи', values: [formatDay(snapshot.issuedOn)] },
  ]
}

const lineHeight = (size: number) => size * 1.3
const ascent = (size: number) => size * 0.95

// Draws wrapped text whose first line's top is at `top`; returns the top of the space below it.
function drawBlock(
  page: Canvas,
  text: string,
  options: {
    x: number
    top: number
    width: number
    font: PDFFont
    size: number
    color?: typeof ink
    align?: 'left' | 'center' | 'right'
  },
): number {
  const { x, top, width, font, size, color = ink, align = 'left' } = options
  const lines = wrapText(text, font, size, width)
  lines.forEach((line, index) => {
    const lineWidth = font.widthOfTextAtSize(line, size)
    const offset = align === 'center' ? (width - lineWidth) / 2 : align === 'right' ? width - lineWidth : 0
    page?.drawText(line, { x: x + offset, y: top - ascent(size) - index * lineHeight(size), size, font, color })
  })
  return top - lines.length * lineHeight(size)
}

function drawHeader(page: Canvas, fonts: Fonts, snapshot: AttachmentCouponSnapshot): number {
  const top = pageHeight - margin
  const formLabelSize = 8
  const formLabelWidth = Math.max(
    ...[formLabel.kk, formLabel.ru].map((label) => fonts.regular.widthOfTextAtSize(label, formLabelSize)),
  )
  let labelTop = top
  for (const label of [formLabel.kk, formLabel.ru]) {
    labelTop = drawBlock(page, label, {
      x: pageWidth - margin - formLabelWidth,
      top: labelTop,
      width: formLabelWidth,
      font: fonts.regular,
      size: formLabelSize,
      align: 'right',
    })
  }

  const clinicWidth = contentWidth - formLabelWidth - 20
  const { clinic } = snapshot
  let y = top
  for (const [name, address] of [
    [clinic.nameKk, clinic.addressKk],
    [clinic.nameRu, clinic.addressRu],
  ] as const) {
    y = drawBlock(page, name, { x: margin, top: y, width: clinicWidth, font: fonts.bold, size: 9 })
    y = drawBlock(page, address, { x: margin, top: y, width: clinicWidth, font: fonts.regular, size: 8, color: muted }) - 4
  }
  y = Math.min(y, labelTop) - 4
  page?.drawLine({ start: { x: margin, y }, end: { x: pageWidth - margin, y }, thickness: 0.8, color: ink })
  return y
}

function drawTitle(page: Canvas, fonts: Fonts, snapshot: AttachmentCouponSnapshot, top: number): number {
  const centered = { x: margin, width: contentWidth, font: fonts.bold, align: 'center' } as const
  let y = drawBlock(page, title.kk, { ...centered, top: top - 14, size: 11.5 })
  y = drawBlock(page, title.ru, { ...centered, top: y - 1, size: 10 })
  y = drawBlock(page, `№ ${snapshot.number}`, { ...centered, top: y - 5, size: 11 })
  return y - 12
}

// «kk / ru» on one line when it fits, otherwise the Kazakh label above the Russian one.
function drawLabel(page: Canvas, fonts: Fonts, row: Row, box: { x: number; top: number; width: number; size: number }): number {
  const { size } = box
  const kkWidth = fonts.bold.widthOfTextAtSize(row.kk, size)
  const ru = ` / ${row.ru}`
  if (kkWidth + fonts.regular.widthOfTextAtSize(ru, size) <= box.width) {
    const y = box.top - ascent(size)
    page?.drawText(row.kk, { x: box.x, y, size, font: fonts.bold, color: ink })
    page?.drawText(ru, { x: box.x + kkWidth, y, size, font: fonts.regular, color: muted })
    return box.top - lineHeight(size)
  }
  const kkBottom = drawBlock(page, row.kk, { ...box, font: fonts.bold })
  return drawBlock(page, row.ru, { ...box, top: kkBottom, font: fonts.regular, color: muted })
}

function drawRows(page: Canvas, fonts: Fonts, rows: Row[], top: number, sizes: Sizes): number {
  const valueX = margin + labelColumnWidth + cellPadding
  const valueWidth = contentWidth - labelColumnWidth - 2 * cellPadding
  const labelWidth = labelColumnWidth - 2 * cellPadding
  // Labels and values share the first baseline of the row.
  const labelOffset = ascent(sizes.value) - ascent(sizes.label)
  const border = { thickness: 0.5, color: rule }

  page?.drawLine({ start: { x: margin, y: top }, end: { x: pageWidth - margin, y: top }, ...border })
  let y = top
  for (const row of rows) {
    const cellTop = y - cellPadding
    const label = { x: margin + cellPadding, top: cellTop - labelOffset, width: labelWidth, size: sizes.label }
    const labelBottom = drawLabel(page, fonts, row, label)
    let valueBottom = cellTop
    for (const value of row.values) {
      valueBottom = drawBlock(page, value, {
        x: valueX,
        top: valueBottom,
        width: valueWidth,
        font: fonts.regular,
        size: sizes.value,
      })
    }
    const bottom = Math.min(labelBottom, valueBottom) - cellPadding + 2
    for (const x of [margin, margin + labelColumnWidth, pageWidth - margin]) {
      page?.drawLine({ start: { x, y }, end: { x, y: bottom }, ...border })
    }
    page?.drawLine({ start: { x: margin, y: bottom }, end: { x: pageWidth - margin, y: bottom }, ...border })
    y = bottom
  }
  return y
}

function drawCoupon(page: Canvas, fonts: Fonts, snapshot: AttachmentCouponSnapshot, sizes: Sizes): number {
  const headerBottom = drawHeader(page, fonts, snapshot)
  const titleBottom = drawTitle(page, fonts, snapshot, headerBottom)
  return drawRows(page, fonts, couponRows(snapshot), titleBottom, sizes)
}

export async function renderAttachmentCoupon(snapshot: AttachmentCouponSnapshot): Promise<Uint8Array> {
  checkDay('issuedOn', snapshot.issuedOn)
  checkDay('attachedFrom', snapshot.attachedFrom)
  if (snapshot.attachedUntil) checkDay('attachedUntil', snapshot.attachedUntil)
  checkDay('patient.birthDate', snapshot.patient.birthDate)

  const doc = await PDFDocument.create({ updateMetadata: false })
  // Fixed metadata so that the same snapshot always gives the same bytes; pdf-lib writes no trailer /ID.
  const issued = new Date(`${snapshot.issuedOn}T00:00:00Z`)
  doc.setTitle(`${title.kk} № ${snapshot.number}`)
  doc.setProducer('Tirkeu')
  doc.setCreator('Tirkeu')
  doc.setCreationDate(issued)
  doc.setModificationDate(issued)

  const fonts = await embedDejaVuSans(doc)
  const area = couponSignatureArea
  const sizes = rowSizes.find((candidate) => drawCoupon(undefined, fonts, snapshot, candidate) >= area.y + area.height + 8)
  if (!sizes) throw new RangeError(`Attachment coupon № ${snapshot.number} does not fit on one A5 page`)

  const page = doc.addPage([pageWidth, pageHeight])
  drawCoupon(page, fonts, snapshot, sizes)
  page.drawRectangle({ ...area, borderWidth: 0.5, borderColor: rule, borderDashArray: [3, 3] })
  return doc.save()
}

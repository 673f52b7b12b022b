import { rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { wrapText } from './wrap-text'

// The layout every bilingual form shares: the clinic's header with the form's label in the corner, a centred title in
// Kazakh then Russian, and rows of «kk / ru» labels against their values.
export type Geometry = { width: number; height: number; margin: number }
export const a5: Geometry = { width: 420, height: 595, margin: 28 } // 148 × 210 mm
export const a4: Geometry = { width: 595, height: 842, margin: 36 } // 210 × 297 mm

export const contentWidth = (page: Geometry) => page.width - 2 * page.margin

export const ink = rgb(0, 0, 0)
export const muted = rgb(0.33, 0.33, 0.33)
export const rule = rgb(0.55, 0.55, 0.55)

const cellPadding = 4
// Text sizes tried in turn until the rows fit above the signature area: a long address or basis shrinks the rows'
// text rather than spilling onto a second page.
export const rowSizes = [
  { label: 7.5, value: 9 },
  { label: 7, value: 8.5 },
  { label: 7, value: 8 },
  { label: 6.5, value: 7.5 },
  // Only for a page with every row at its longest (a written application with a representative and a contract): a page
  // that fits at a larger size is drawn exactly as before.
  { label: 6, value: 7 },
] as const

export type Fonts = { regular: PDFFont; bold: PDFFont }
export type Sizes = (typeof rowSizes)[number]
export type Row = { kk: string; ru: string; values: string[] }
export type Bilingual = { kk: string; ru: string }
// Without a page the layout is only measured.
export type Canvas = PDFPage | undefined

// A document kind's page as lib/pdf/documents draws it: the header with the form's label in the corner, the title, the
// rows, and the box the signature band fills (DocumentKindDefinition.layout).
export type DocumentLayout = {
  geometry: Geometry
  formLabel: Bilingual | null
  title: Bilingual
  rows: Row[]
  band: { x: number; y: number; width: number; height: number }
  labelColumnWidth: number
  // A page signed by hand (a kind with no staff signer: the written application, p.23): the band holds a line to sign
  // on for each person named, in place of the digital signature's.
  handSignatures?: readonly HandSignature[]
}

// Who signs the printed page by hand: their part («Өтініш беруші / Заявитель») and name.
export type HandSignature = { kk: string; ru: string; name: string }

const day = /^\d{4}-\d{2}-\d{2}$/

export function checkDay(form: string, name: string, value: string): void {
  const parsed = new Date(`${value}T00:00:00Z`)
  if (!day.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${form}: ${name} must be a calendar day YYYY-MM-DD, got "${value}"`)
  }
}

export const lineHeight = (size: number) => size * 1.3
export const ascent = (size: number) => size * 0.95

// Draws wrapped text whose first line's top is at `top`; returns the top of the space below it.
export function drawBlock(
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

export type ClinicHeader = { nameKk: string; nameRu: string; addressKk: string; addressRu: string }

export function drawHeader(
  page: Canvas,
  fonts: Fonts,
  geometry: Geometry,
  clinic: ClinicHeader,
  formLabel: Bilingual | null,
): number {
  const { margin } = geometry
  const top = geometry.height - margin
  const formLabelSize = 8
  const labels = formLabel ? [formLabel.kk, formLabel.ru] : []
  const formLabelWidth = Math.max(0, ...labels.map((label) => fonts.regular.widthOfTextAtSize(label, formLabelSize)))
  let labelTop = top
  for (const label of labels) {
    labelTop = drawBlock(page, label, {
      x: geometry.width - margin - formLabelWidth,
      top: labelTop,
      width: formLabelWidth,
      font: fonts.regular,
      size: formLabelSize,
      align: 'right',
    })
  }

  const clinicWidth = contentWidth(geometry) - (formLabel ? formLabelWidth + 20 : 0)
  let y = top
  for (const [name, address] of [
    [clinic.nameKk, clinic.addressKk],
    [clinic.nameRu, clinic.addressRu],
  ] as const) {
    y = drawBlock(page, name, { x: margin, top: y, width: clinicWidth, font: fonts.bold, size: 9 })
    y = drawBlock(page, address, { x: margin, top: y, width: clinicWidth, font: fonts.regular, size: 8, color: muted }) - 4
  }
  y = Math.min(y, labelTop) - 4
  page?.drawLine({ start: { x: margin, y }, end: { x: geometry.width - margin, y }, thickness: 0.8, color: ink })
  return y
}

export function drawTitle(page: Canvas, fonts: Fonts, geometry: Geometry, title: Bilingual, number: string, top: number): number {
  const centered = { x: geometry.margin, width: contentWidth(geometry), font: fonts.bold, align: 'center' } as const
  let y = drawBlock(page, title.kk, { ...centered, top: top - 14, size: 11.5 })
  y = drawBlock(page, title.ru, { ...centered, top: y - 1, size: 10 })
  y = drawBlock(page, `№ ${number}`, { ...centered, top: y - 5, size: 11 })
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

export function drawRows(
  page: Canvas,
  fonts: Fonts,
  geometry: Geometry,
  rows: Row[],
  top: number,
  sizes: Sizes,
  labelColumnWidth = 124,
): number {
  const { margin } = geometry
  const right = geometry.width - margin
  const valueX = margin + labelColumnWidth + cellPadding
  const valueWidth = contentWidth(geometry) - labelColumnWidth - 2 * cellPadding
  const labelWidth = labelColumnWidth - 2 * cellPadding
  // Labels and values share the first baseline of the row.
  const labelOffset = ascent(sizes.value) - ascent(sizes.label)
  const border = { thickness: 0.5, color: rule }

  page?.drawLine({ start: { x: margin, y: top }, end: { x: right, y: top }, ...border })
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
    for (const x of [margin, margin + labelColumnWidth, right]) {
      page?.drawLine({ start: { x, y }, end: { x, y: bottom }, ...border })
    }
    page?.drawLine({ start: { x: margin, y: bottom }, end: { x: right, y: bottom }, ...border })
    y = bottom
  }
  return y
}

import { fill, PDFDocument, popGraphicsState, pushGraphicsState, rectangle, setFillingColor, type PDFPage } from 'pdf-lib'
import QRCode from 'qrcode'
import type { StaffRole } from '@/db/schema'
import type {
  AttachmentNoticeSnapshot,
  CouponSnapshot,
  DocumentKind,
  DocumentSnapshot,
  PatientRef,
  RefusalNoticeSnapshot,
} from '@/lib/documents/kinds'
import { publicAddress } from '@/lib/http/public-address'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { maskCertificateSubject } from '@/lib/verification/mask'
import { checkCouponDays, couponFormLabel, couponRows, couponSignatureArea, couponTitle } from './attachment-coupon-064e'
import { embedDejaVuSans } from './fonts'
import {
  a4,
  a5,
  checkDay,
  contentWidth,
  drawBlock,
  drawHeader,
  drawRows,
  drawTitle,
  ink,
  muted,
  rowSizes,
  rule,
  type Bilingual,
  type Canvas,
  type Fonts,
  type Geometry,
  type Row,
  type Sizes,
} from './form-layout'

// What the signature band shows: who signed, the certificate, when. It comes with the signature, not the snapshot
// (the snapshot is what was signed).
export type DocumentSignatureInfo = { signerName: string; certificateSubject: string; signedAt: Date }

export type DocumentRenderInput = {
  snapshot: DocumentSnapshot
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

const roleLabels: Record<StaffRole, Bilingual> = {
  registrar: { kk: 'тіркеуші', ru: 'регистратор' },
  doctor: { kk: 'учаскелік дәрігер', ru: 'участковый врач' },
  head: { kk: 'бөлім меңгерушісі', ru: 'заведующий отделением' },
  chief: { kk: 'бас дәрігер', ru: 'главный врач' },
}

type Layout = {
  geometry: Geometry
  formLabel: Bilingual | null
  title: Bilingual
  rows: Row[]
  band: { x: number; y: number; width: number; height: number }
  labelColumnWidth: number
}

const noticeBand = (geometry: Geometry) =>
  ({ x: geometry.margin, y: geometry.margin, width: contentWidth(geometry), height: 100 }) as const

function patientRows(patient: PatientRef): Row[] {
  const fullName = [patient.lastName, patient.firstName, patient.middleName ?? ''].join(' ')
  return [
    { kk: 'ЖСН', ru: 'ИИН', values: [patient.iin] },
    { kk: 'Тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество', values: [fullName] },
    { kk: 'Туған күні', ru: 'Дата рождения', values: [formatDay(patient.birthDate)] },
    { kk: 'Мекенжайы', ru: 'Адрес', values: [patient.address] },
  ]
}

const requestRow = (request: { number: number; submittedOn: string }): Row => ({
  kk: 'Өтінім',
  ru: 'Заявка',
  values: [`№ ${request.number}, ${formatDay(request.submittedOn)}`],
})

const signerRow = (signer: { name: string; role: StaffRole }): Row => ({
  kk: 'Қол қоюшы',
  ru: 'Подписант',
  values: [`${signer.name} (${roleLabels[signer.role].kk} / ${roleLabels[signer.role].ru})`],
})

function attachmentNoticeLayout(snapshot: AttachmentNoticeSnapshot): Layout {
  return {
    geometry: a4,
    formLabel: null,
    title: {
      kk: 'МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТУ ТУРАЛЫ ХАБАРЛАМА',
      ru: 'УВЕДОМЛЕНИЕ О ПРИКРЕПЛЕНИИ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ',
    },
    rows: [
      ...patientRows(snapshot.patient),
      requestRow(snapshot.request),
      {
        kk: 'Шешім',
        ru: 'Решение',
        values: ['Бекіту туралы өтініш қанағаттандырылды', 'Заявление о прикреплении удовлетворено'],
      },
      { kk: 'Учаске', ru: 'Участок', values: [snapshot.section ?? '—'] },
      { kk: 'Учаскелік дәрігер', ru: 'Участковый врач', values: [snapshot.doctor ?? '—'] },
      { kk: 'Бекітілген күні', ru: 'Дата прикрепления', values: [formatDay(snapshot.attachedFrom)] },
      ...(snapshot.attachedUntil
        ? [{ kk: 'Бекіту мерзімі (дейін)', ru: 'Прикреплён до', values: [formatDay(snapshot.attachedUntil)] }]
        : []),
      { kk: 'Бекіту негізі', ru: 'Основание прикрепления', values: [snapshot.basis.kk, snapshot.basis.ru] },
      signerRow(snapshot.signer),
      { kk: 'Берілген күні', ru: 'Дата выдачи', values: [formatDay(snapshot.issuedOn)] },
    ],
    band: noticeBand(a4),
    labelColumnWidth: 150,
  }
}

function refusalNoticeLayout(snapshot: RefusalNoticeSnapshot): Layout {
  const { refusal } = snapshot
  return {
    geometry: a4,
    formLabel: null,
    title: {
      kk: 'МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТУДЕН БАС ТАРТУ ТУРАЛЫ ХАБАРЛАМА',
      ru: 'УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ В ПРИКРЕПЛЕНИИ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ',
    },
    rows: [
      ...patientRows(snapshot.patient),
      requestRow(snapshot.request),
      ...(snapshot.basis
        ? [{ kk: 'Сұралған бекіту негізі', ru: 'Запрошенное основание', values: [snapshot.basis.kk, snapshot.basis.ru] }]
        : []),
      ...(snapshot.section ? [{ kk: 'Сұралған учаске', ru: 'Запрошенный участок', values: [snapshot.section] }] : []),
      { kk: 'Шешім', ru: 'Решение', values: ['Бекітуден бас тартылды', 'В прикреплении отказано'] },
      {
        kk: 'Бас тарту негізі',
        ru: 'Основание отказа',
        values: [`${refusal.title.kk}: ${refusal.text.kk}`, `${refusal.title.ru}: ${refusal.text.ru}`],
      },
      { kk: 'Бас тарту себебі', ru: 'Причина отказа', values: [refusal.reason] },
      signerRow(snapshot.signer),
      { kk: 'Берілген күні', ru: 'Дата выдачи', values: [formatDay(snapshot.issuedOn)] },
    ],
    band: noticeBand(a4),
    labelColumnWidth: 150,
  }
}

function couponLayout(snapshot: CouponSnapshot): Layout {
  return {
    geometry: a5,
    formLabel: couponFormLabel,
    title: couponTitle,
    rows: couponRows(snapshot),
    band: couponSignatureArea,
    labelColumnWidth: 124,
  }
}

function layoutOf(snapshot: DocumentSnapshot): Layout {
  switch (snapshot.kind) {
    case 'attachment_notice':
      return attachmentNoticeLayout(snapshot)
    case 'coupon_064e':
      return couponLayout(snapshot)
    case 'refusal_notice':
      return refusalNoticeLayout(snapshot)
  }
}

function checkDays(snapshot: DocumentSnapshot): void {
  if (snapshot.kind === 'coupon_064e') return checkCouponDays(snapshot)
  const form = snapshot.kind
  checkDay(form, 'issuedOn', snapshot.issuedOn)
  checkDay(form, 'patient.birthDate', snapshot.patient.birthDate)
  checkDay(form, 'request.submittedOn', snapshot.request.submittedOn)
  if (snapshot.kind === 'attachment_notice') {
    checkDay(form, 'attachedFrom', snapshot.attachedFrom)
    if (snapshot.attachedUntil) checkDay(form, 'attachedUntil', snapshot.attachedUntil)
  }
}

function drawForm(page: Canvas, fonts: Fonts, snapshot: DocumentSnapshot, layout: Layout, sizes: Sizes): number {
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

function drawSignatureBand(page: PDFPage, fonts: Fonts, layout: Layout, input: DocumentRenderInput): void {
  const { band } = layout
  page.drawRectangle({ ...band, borderWidth: 0.5, borderColor: rule })
  const pad = 5
  if (!input.signature) {
    const size = 9
    const top = band.y + band.height / 2 + size
    const centered = { x: band.x, width: band.width, align: 'center' as const, size }
    const below = drawBlock(page, 'Әлі қол қойылмаған', { ...centered, top, font: fonts.bold })
    drawBlock(page, 'Ещё не подписан', { ...centered, top: below, font: fonts.regular, color: muted })
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
  y = line('Электрондық цифрлық қолтаңбамен қол қойылған / Подписано электронной цифровой подписью', y, { bold: true })
  y = line(`Қол қойған / Подписал: ${signature.signerName}`, y - 1)
  y = line(`Сертификат: ${maskCertificateSubject(signature.certificateSubject)}`, y, { size: 6, color: muted })
  y = line(`Қол қойылған уақыты / Время подписания: ${formatInstant(signature.signedAt)}`, y)
  y = line(`Тексеру коды / Код проверки: ${input.verificationCode}`, y, { bold: true, size: 8 })
  line(url, y, { size: 6, color: muted })
}

// One renderer for every kind: the clinic's header, the form's label in the corner, the title and rows in Kazakh and
// Russian on one page, and the signature band. The same snapshot and signature give the same bytes.
export async function renderDocument(input: DocumentRenderInput): Promise<Uint8Array> {
  const { snapshot } = input
  checkDays(snapshot)
  const layout = layoutOf(snapshot)

  const doc = await PDFDocument.create({ updateMetadata: false })
  // Fixed metadata: the issue day, not the clock; pdf-lib writes no trailer /ID.
  const issued = new Date(`${snapshot.issuedOn}T00:00:00Z`)
  doc.setTitle(`${layout.title.kk} № ${snapshot.number}`)
  doc.setSubject(input.signature ? input.verificationCode : '')
  doc.setKeywords(input.signature ? [`${verificationKeywordPrefix}${input.verificationCode}`] : [])
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

export function documentFileName(kind: DocumentKind, number: string): string {
  return `${kind.replaceAll('_', '-')}-${number}.pdf`
}

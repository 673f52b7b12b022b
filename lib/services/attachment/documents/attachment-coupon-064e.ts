import { PDFDocument } from 'pdf-lib'
import { almatyDay } from '@/lib/calendar'
import { requireSource, signerRef, type DocumentKindDefinition, type SignerRef } from '@/lib/documents/contract'
import { formatDay } from '@/lib/i18n/format'
import { embedDejaVuSans } from '@/lib/pdf/fonts'
import {
  a5,
  checkDay,
  contentWidth,
  drawHeader,
  drawRows,
  drawTitle,
  rowSizes,
  rule,
  type Canvas,
  type DocumentLayout,
  type Fonts,
  type Row,
  type Sizes,
} from '@/lib/pdf/form-layout'
import type { CouponDeskLines } from './desk-lines'
import { loadAttachmentDocumentSources, type AttachmentDocumentSources } from './sources'

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
  // The request the coupon answers (the number people say at the desk), when the coupon is a document of its own.
  request?: { number: number; submittedOn: string }
} & CouponDeskLines

const geometry = a5
const margin = geometry.margin

// The signature band: lib/pdf/documents draws the QR code (verification code) and the signer inside this area. The
// coupon read from a request decided before documents existed (renderAttachmentCoupon) leaves it empty.
export const couponSignatureArea = { x: margin, y: margin, width: contentWidth(geometry), height: 90 } as const

// Order 001 p.29 names the form only in Kazakh («№ 064/е нысаны»); no Russian form code (such as 064/у) appears in the
// sources, so the Russian label keeps 064/е (spec reading 7).
export const couponFormLabel = { kk: '064/е нысаны', ru: 'Форма 064/е' }
export const couponTitle = { kk: 'МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТІЛУ ТАЛОНЫ', ru: 'ТАЛОН ПРИКРЕПЛЕНИЯ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ' }

export function checkCouponDays(snapshot: AttachmentCouponSnapshot): void {
  checkDay('Attachment coupon', 'issuedOn', snapshot.issuedOn)
  checkDay('Attachment coupon', 'attachedFrom', snapshot.attachedFrom)
  if (snapshot.attachedUntil) checkDay('Attachment coupon', 'attachedUntil', snapshot.attachedUntil)
  checkDay('Attachment coupon', 'patient.birthDate', snapshot.patient.birthDate)
  if (snapshot.request) checkDay('Attachment coupon', 'request.submittedOn', snapshot.request.submittedOn)
}

// ҚР ДСМ-175/2020 defines form 064/е, but the sources we hold do not list its fields (spec reading 7, attachment rules §5):
// these rows are what a clinic needs to identify the patient, the clinic, the doctor, the decision and its date.
export function couponRows(snapshot: AttachmentCouponSnapshot): Row[] {
  const { patient } = snapshot
  const fullName = [patient.lastName, patient.firstName, patient.middleName ?? ''].join(' ')
  return [
    { kk: 'ЖСН', ru: 'ИИН', values: [patient.iin] },
    { kk: 'Тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество', values: [fullName] },
    { kk: 'Туған күні', ru: 'Дата рождения', values: [formatDay(patient.birthDate)] },
    { kk: 'Мекенжайы', ru: 'Адрес', values: [patient.address] },
    ...(snapshot.request
      ? [{ kk: 'Өтінім', ru: 'Заявка', values: [`№ ${snapshot.request.number}, ${formatDay(snapshot.request.submittedOn)}`] }]
      : []),
    { kk: 'Учаске', ru: 'Участок', values: [snapshot.section ?? '—'] },
    { kk: 'Дәрігер', ru: 'Врач', values: [snapshot.doctor ?? '—'] },
    { kk: 'Бекітілген күні', ru: 'Дата прикрепления', values: [formatDay(snapshot.attachedFrom)] },
    ...(snapshot.attachedUntil
      ? [{ kk: 'Бекіту мерзімі (дейін)', ru: 'Прикреплён до', values: [formatDay(snapshot.attachedUntil)] }]
      : []),
    { kk: 'Бекіту негізі', ru: 'Основание прикрепления', values: [snapshot.basis.kk, snapshot.basis.ru] },
    // p.28-29: the contract an insured person is attached under, for its term.
    ...(snapshot.insurance ? [{ kk: 'Сақтандыру шарты', ru: 'Договор страхования', values: [snapshot.insurance.kk] }] : []),
    // p.23-24: the document presented at the desk.
    ...(snapshot.presented ? [{ kk: 'Ұсынылған құжат', ru: 'Предъявленный документ', values: [snapshot.presented.kk] }] : []),
    { kk: 'Берген тіркеуші', ru: 'Выдал регистратор', values: [snapshot.registrar] },
    { kk: 'Берілген күні', ru: 'Дата выдачи', values: [formatDay(snapshot.issuedOn)] },
  ]
}

function drawCoupon(page: Canvas, fonts: Fonts, snapshot: AttachmentCouponSnapshot, sizes: Sizes): number {
  const headerBottom = drawHeader(page, fonts, geometry, snapshot.clinic, couponFormLabel)
  const titleBottom = drawTitle(page, fonts, geometry, couponTitle, snapshot.number, headerBottom)
  return drawRows(page, fonts, geometry, couponRows(snapshot), titleBottom, sizes)
}

export async function renderAttachmentCoupon(snapshot: AttachmentCouponSnapshot): Promise<Uint8Array> {
  checkCouponDays(snapshot)

  const doc = await PDFDocument.create({ updateMetadata: false })
  // Fixed metadata so that the same snapshot always gives the same bytes; pdf-lib writes no trailer /ID.
  const issued = new Date(`${snapshot.issuedOn}T00:00:00Z`)
  doc.setTitle(`${couponTitle.kk} № ${snapshot.number}`)
  doc.setProducer('Tirkeu')
  doc.setCreator('Tirkeu')
  doc.setCreationDate(issued)
  doc.setModificationDate(issued)

  const fonts = await embedDejaVuSans(doc)
  const area = couponSignatureArea
  const sizes = rowSizes.find((candidate) => drawCoupon(undefined, fonts, snapshot, candidate) >= area.y + area.height + 8)
  if (!sizes) throw new RangeError(`Attachment coupon № ${snapshot.number} does not fit on one A5 page`)

  const page = doc.addPage([geometry.width, geometry.height])
  drawCoupon(page, fonts, snapshot, sizes)
  page.drawRectangle({ ...area, borderWidth: 0.5, borderColor: rule, borderDashArray: [3, 3] })
  return doc.save()
}

// The 064/e coupon as a document of its own is exactly what the coupon renderer draws, plus its kind and signer.
export type CouponSnapshot = AttachmentCouponSnapshot & {
  kind: 'coupon_064e'
  attachedUntil: string | null
  request: { number: number; submittedOn: string }
  signer: SignerRef
}

// The registrar who decided signs the coupon, on behalf of the clinic.
const couponSigner = (sources: Pick<AttachmentDocumentSources, 'decider'>) => sources.decider

export function buildCoupon(number: string, sources: AttachmentDocumentSources): CouponSnapshot {
  const attachment = requireSource(sources.attachment, 'attachment')
  const basis = requireSource(sources.basis, 'basis')
  return {
    kind: 'coupon_064e',
    number,
    issuedOn: almatyDay(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    request: { number: sources.request.number, submittedOn: almatyDay(sources.request.submittedAt) },
    doctor: sources.section?.doctor?.name ?? null,
    section: sources.section?.number ?? null,
    attachedFrom: attachment.validFrom,
    attachedUntil: attachment.validTo,
    basis: { kk: basis.kk, ru: basis.ru },
    registrar: sources.decider.name,
    ...sources.desk,
    signer: signerRef(couponSigner(sources)),
  }
}

const couponLayout = (snapshot: CouponSnapshot): DocumentLayout => ({
  geometry,
  formLabel: couponFormLabel,
  title: couponTitle,
  rows: couponRows(snapshot),
  band: couponSignatureArea,
  labelColumnWidth: 124,
})

// The coupon the registrar prints and hands over (p.29); the desk's print route draws the request's current one.
export const attachmentCoupon: DocumentKindDefinition<CouponSnapshot, AttachmentDocumentSources> = {
  kind: 'coupon_064e',
  sources: loadAttachmentDocumentSources,
  snapshot: buildCoupon,
  signer: couponSigner,
  layout: couponLayout,
  days: (snapshot) => ({
    attachedFrom: snapshot.attachedFrom,
    attachedUntil: snapshot.attachedUntil,
    'request.submittedOn': snapshot.request.submittedOn,
  }),
  deskPrint: { auditAction: 'coupon.issue' },
  // The registrar signs the coupon on behalf of the clinic (Who signs, docs/decisions.md).
  signedOnBehalfOfClinic: true,
}

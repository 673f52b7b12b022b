import type { StaffRole } from '@/db/schema'
import { almatyDay } from '@/lib/calendar'
import type { AttachmentCouponSnapshot } from '@/lib/pdf/attachment-coupon-064e'

// The kinds of document a clinic issues now; the 001-3/e referral, certificates and extracts come later.
export const documentKinds = ['attachment_notice', 'coupon_064e', 'refusal_notice'] as const
export type DocumentKind = (typeof documentKinds)[number]

export function isDocumentKind(value: string): value is DocumentKind {
  return (documentKinds as readonly string[]).includes(value)
}

type Bilingual = { kk: string; ru: string }
export type ClinicRef = { nameKk: string; nameRu: string; addressKk: string; addressRu: string }
export type PatientRef = {
  iin: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string // YYYY-MM-DD
  address: string
}
// Who the document names as its signer, frozen with it (the certificate that actually signed goes with the signature).
export type SignerRef = { name: string; role: StaffRole }
export type StaffRef = { id: number; name: string; role: StaffRole }

// Everything the documents of a decided request are made from, read in the deciding transaction (lib/documents/create).
export type DocumentSources = {
  request: { number: number; submittedAt: Date; decidedAt: Date }
  clinic: ClinicRef
  patient: PatientRef
  basis: ({ code: string } & Bilingual) | null
  section: { number: string; doctor: StaffRef | null } | null
  // The attachment the approval made (approve only).
  attachment: { validFrom: string; validTo: string | null } | null
  // The refusal ground, its text in both languages, and the registrar's own reason (refuse only).
  refusal: { ground: string; titleKk: string; titleRu: string; kk: string; ru: string; reason: string } | null
  decider: StaffRef
}

export type AttachmentNoticeSnapshot = {
  kind: 'attachment_notice'
  number: string
  issuedOn: string
  clinic: ClinicRef
  patient: PatientRef
  request: { number: number; submittedOn: string }
  decision: 'approved'
  section: string | null
  doctor: string | null
  attachedFrom: string
  attachedUntil: string | null
  basis: Bilingual
  signer: SignerRef
}

// The 064/e coupon is exactly what the coupon renderer draws, plus its kind and signer.
export type CouponSnapshot = AttachmentCouponSnapshot & {
  kind: 'coupon_064e'
  attachedUntil: string | null
  request: { number: number; submittedOn: string }
  signer: SignerRef
}

export type RefusalNoticeSnapshot = {
  kind: 'refusal_notice'
  number: string
  issuedOn: string
  clinic: ClinicRef
  patient: PatientRef
  request: { number: number; submittedOn: string }
  decision: 'refused'
  // What the person asked for.
  section: string | null
  basis: Bilingual | null
  refusal: { ground: string; title: Bilingual; text: Bilingual; reason: string }
  signer: SignerRef
}

export type DocumentSnapshot = AttachmentNoticeSnapshot | CouponSnapshot | RefusalNoticeSnapshot
export type SnapshotOf<K extends DocumentKind> = Extract<DocumentSnapshot, { kind: K }>

export class MissingDocumentSource extends Error {}

const dayOf = (instant: Date): string => almatyDay(instant)

// Per clinic and kind, a plain sequence like the request numbers the coupon carried before ("1042").
export function formatDocumentNumber(sequence: number): string {
  return String(sequence)
}

// Contract: the coupon and the refusal notice are signed by the registrar who decided, on behalf of the clinic; the
// attachment notice by the doctor of the section the person is attached to (the doctor accepts the patient onto the
// section, p.18). A section without a doctor leaves it to the deciding registrar.
export function signerFor(kind: DocumentKind, sources: Pick<DocumentSources, 'section' | 'decider'>): StaffRef {
  if (kind === 'attachment_notice') return sources.section?.doctor ?? sources.decider
  return sources.decider
}

const signerRef = (staff: StaffRef): SignerRef => ({ name: staff.name, role: staff.role })

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new MissingDocumentSource(`document source missing: ${what}`)
  return value
}

export function buildAttachmentNotice(number: string, sources: DocumentSources): AttachmentNoticeSnapshot {
  const attachment = need(sources.attachment, 'attachment')
  const basis = need(sources.basis, 'basis')
  return {
    kind: 'attachment_notice',
    number,
    issuedOn: dayOf(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    request: { number: sources.request.number, submittedOn: dayOf(sources.request.submittedAt) },
    decision: 'approved',
    section: sources.section?.number ?? null,
    doctor: sources.section?.doctor?.name ?? null,
    attachedFrom: attachment.validFrom,
    attachedUntil: attachment.validTo,
    basis: { kk: basis.kk, ru: basis.ru },
    signer: signerRef(signerFor('attachment_notice', sources)),
  }
}

export function buildCoupon(number: string, sources: DocumentSources): CouponSnapshot {
  const attachment = need(sources.attachment, 'attachment')
  const basis = need(sources.basis, 'basis')
  return {
    kind: 'coupon_064e',
    number,
    issuedOn: dayOf(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    request: { number: sources.request.number, submittedOn: dayOf(sources.request.submittedAt) },
    doctor: sources.section?.doctor?.name ?? null,
    section: sources.section?.number ?? null,
    attachedFrom: attachment.validFrom,
    attachedUntil: attachment.validTo,
    basis: { kk: basis.kk, ru: basis.ru },
    registrar: sources.decider.name,
    signer: signerRef(signerFor('coupon_064e', sources)),
  }
}

export function buildRefusalNotice(number: string, sources: DocumentSources): RefusalNoticeSnapshot {
  const refusal = need(sources.refusal, 'refusal')
  return {
    kind: 'refusal_notice',
    number,
    issuedOn: dayOf(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    request: { number: sources.request.number, submittedOn: dayOf(sources.request.submittedAt) },
    decision: 'refused',
    section: sources.section?.number ?? null,
    basis: sources.basis ? { kk: sources.basis.kk, ru: sources.basis.ru } : null,
    refusal: {
      ground: refusal.ground,
      title: { kk: refusal.titleKk, ru: refusal.titleRu },
      text: { kk: refusal.kk, ru: refusal.ru },
      reason: refusal.reason,
    },
    signer: signerRef(signerFor('refusal_notice', sources)),
  }
}

export function buildSnapshot<K extends DocumentKind>(kind: K, number: string, sources: DocumentSources): SnapshotOf<K>
export function buildSnapshot(kind: DocumentKind, number: string, sources: DocumentSources): DocumentSnapshot {
  switch (kind) {
    case 'attachment_notice':
      return buildAttachmentNotice(number, sources)
    case 'coupon_064e':
      return buildCoupon(number, sources)
    case 'refusal_notice':
      return buildRefusalNotice(number, sources)
  }
}

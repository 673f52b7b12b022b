import 'server-only'
import { and, asc, eq } from 'drizzle-orm'
import { attachments, sectionDoctors, sections, staff, type StaffRole } from '@/db/schema'
import { staffFullName } from '@/db/names'
import type { Bilingual, CommonSources, SourceRequest, StaffRef } from '@/lib/documents/contract'
import { messagesFor } from '@/lib/i18n/messages'
import type { Transaction } from '@/lib/requests/contract'
import { attachmentRequestSchema } from '../schema'
import { couponDeskLines, type CouponDeskLines } from './desk-lines'

// What attachment's documents are made from: the common sources, the basis asked for, the section and its doctor, and
// the attachment the approval made.
export type AttachmentDocumentSources = CommonSources & {
  basis: ({ code: string } & Bilingual) | null
  section: { number: string; doctor: StaffRef | null } | null
  // The attachment the approval made (approve only).
  attachment: { validFrom: string; validTo: string | null } | null
  // What the coupon says of a desk application: the document presented, the insurance contract.
  desk?: CouponDeskLines
}

type BasisCode = keyof ReturnType<typeof messagesFor>['patient']['attachment']['bases']

// Read in the deciding transaction, after the approval's attachment row is written.
export async function loadAttachmentDocumentSources(
  tx: Transaction,
  request: SourceRequest,
  common: CommonSources,
): Promise<AttachmentDocumentSources> {
  const { payload } = request
  const parsed = attachmentRequestSchema.safeParse(payload)
  const [attachment] = await tx
    .select({ validFrom: attachments.validFrom, validTo: attachments.validTo, sectionId: attachments.sectionId })
    .from(attachments)
    .where(eq(attachments.sourceRequestId, request.id))
    .orderBy(asc(attachments.id))
    .limit(1)
  const sectionId = attachment?.sectionId ?? (Number(payload.sectionId) || null)
  const section = sectionId ? await sectionWithDoctor(tx, sectionId, request.organizationId) : null
  const basisCode = typeof payload.basis === 'string' ? payload.basis : null
  const bases = { kk: messagesFor('kk').patient.attachment.bases, ru: messagesFor('ru').patient.attachment.bases }
  const basis =
    basisCode && basisCode in bases.kk
      ? { code: basisCode, kk: bases.kk[basisCode as BasisCode], ru: bases.ru[basisCode as BasisCode] }
      : null
  return {
    ...common,
    // The address the person gave in the request (actual or registered, p.9, p.12), else the one on record.
    patient: { ...common.patient, address: typeof payload.address === 'string' ? payload.address : common.patient.address },
    basis,
    section,
    attachment: attachment ? { validFrom: attachment.validFrom, validTo: attachment.validTo } : null,
    desk: parsed.success ? couponDeskLines(parsed.data) : {},
  }
}

async function sectionWithDoctor(tx: Transaction, sectionId: number, organizationId: number) {
  const [section] = await tx
    .select({ number: sections.number })
    .from(sections)
    .where(and(eq(sections.id, sectionId), eq(sections.organizationId, organizationId)))
  if (!section) return null
  const [doctor] = await tx
    .select({ id: staff.id, name: staffFullName, role: staff.role })
    .from(sectionDoctors)
    .innerJoin(staff, eq(staff.id, sectionDoctors.staffId))
    .where(and(eq(sectionDoctors.sectionId, sectionId), eq(staff.active, true)))
    .orderBy(asc(staff.lastName), asc(staff.id))
    .limit(1)
  return { number: section.number, doctor: doctor ? { ...doctor, role: doctor.role as StaffRole } : null }
}

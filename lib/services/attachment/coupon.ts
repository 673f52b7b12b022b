import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { attachments, organizations, patients, requests, sections, staff } from '@/db/schema'
import { sectionDoctorNameOf, staffFullName } from '@/db/names'
import { writeAudit } from '@/lib/audit'
import { clinicHeaderColumns, patientLineColumns } from '@/lib/documents/columns'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { messagesFor } from '@/lib/i18n/messages'
import type { AttachmentCouponSnapshot } from './documents/attachment-coupon-064e'
import { isUuid } from '@/lib/route-params'
import { couponDeskLines } from './documents/desk-lines'
import { attachmentRequestSchema } from './schema'

// The 064/e coupon of an approved attachment request, as the registrar of that clinic issues it (Rules p.29).
// Frozen from the decision: the same request always gives the same coupon. Issuing it is audited.
export async function getAttachmentCoupon(
  db: Database,
  actor: StaffActor,
  requestId: string,
  address: string | null,
): Promise<AttachmentCouponSnapshot | null> {
  if (!isUuid(requestId)) return null
  const [row] = await db
    .select({
      number: requests.number,
      service: requests.service,
      organizationId: requests.organizationId,
      patientId: requests.patientId,
      payload: requests.payload,
      decidedAt: requests.decidedAt,
      registrar: staffFullName,
      clinic: clinicHeaderColumns,
      patient: patientLineColumns,
      sectionNumber: sections.number,
      attachedFrom: attachments.validFrom,
      doctor: sectionDoctorNameOf(attachments.sectionId, true),
    })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .innerJoin(attachments, eq(attachments.sourceRequestId, requests.id))
    .leftJoin(sections, eq(sections.id, attachments.sectionId))
    .leftJoin(staff, eq(staff.id, requests.decidedBy))
    .where(
      and(
        eq(requests.id, requestId),
        eq(requests.service, 'attachment'),
        eq(requests.status, 'approved'),
        eq(requests.organizationId, actor.organizationId),
      ),
    )
  const parsed = attachmentRequestSchema.safeParse(row?.payload)
  if (!row || !row.decidedAt || !parsed.success || !authorize(actor, 'read', row)) {
    return null
  }
  const payload = parsed.data
  await writeAudit(db, {
    actor,
    action: 'coupon.issue',
    organizationId: row.organizationId,
    patientId: row.patientId,
    entity: 'request',
    entityId: requestId,
    address,
  })
  return {
    number: String(row.number),
    issuedOn: almatyDay(row.decidedAt),
    clinic: row.clinic,
    patient: { ...row.patient, address: payload.address },
    doctor: row.doctor,
    section: row.sectionNumber,
    attachedFrom: row.attachedFrom,
    // Frozen from the request: the contract's last day, whatever later ended the attachment.
    attachedUntil: payload.basis === 'insurance_contract' ? (payload.desk?.insurance?.endsOn ?? null) : null,
    basis: {
      kk: messagesFor('kk').patient.attachment.bases[payload.basis],
      ru: messagesFor('ru').patient.attachment.bases[payload.basis],
    },
    registrar: row.registrar,
    ...couponDeskLines(payload),
  }
}

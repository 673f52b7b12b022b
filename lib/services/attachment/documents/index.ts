import type { ServiceDefinition } from '@/lib/requests/contract'
import { attachmentCoupon } from './attachment-coupon-064e'
import { attachmentNotice } from './attachment-notice'
import { refusalNotice } from './refusal-notice'
import { writtenApplication } from './written-application'

// Attachment's documents (issue 6): approval gives the attachment notice (the section's doctor signs) and the 064/e
// coupon (the registrar signs), a refusal the refusal notice (the registrar signs). A family decision makes them for
// each member. An application taken at the desk is the written application to the chief physician (p.23), made with
// the request and signed by the applicant's hand, one per request (so one per member of a family, p.30 para 2); the
// portal's application is electronic and makes none (p.27).
export const attachmentDocuments = {
  kinds: [attachmentNotice, attachmentCoupon, refusalNotice, writtenApplication],
  onSubmit: { desk: [writtenApplication.kind] },
  onApprove: [attachmentNotice.kind, attachmentCoupon.kind],
  onRefuse: [refusalNotice.kind],
} satisfies ServiceDefinition['documents']

import type { ServiceDefinition } from '@/lib/requests/contract'
import { attachmentCoupon } from './attachment-coupon-064e'
import { attachmentNotice } from './attachment-notice'
import { refusalNotice } from './refusal-notice'

// Attachment's documents (issue 6): approval gives the attachment notice (the section's doctor signs) and the 064/e
// coupon (the registrar signs), a refusal the refusal notice (the registrar signs). A family decision makes them for
// each member.
export const attachmentDocuments = {
  kinds: [attachmentNotice, attachmentCoupon, refusalNotice],
  onApprove: [attachmentNotice.kind, attachmentCoupon.kind],
  onRefuse: [refusalNotice.kind],
} satisfies ServiceDefinition['documents']

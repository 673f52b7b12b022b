import { createRequestDocuments } from '@/lib/documents/create'
import type { ServiceDefinition } from '@/lib/services/contract'
import { attachmentApprovalBlock, attachPatient } from './attach'
import { attachmentDeadline } from './deadline'
import { attachmentMessages } from './messages'
import { attachmentRefusalGrounds } from './refusal-grounds'
import { attachmentRequestSchema, type AttachmentRequest } from './schema'
import { attachmentTransitions } from './transitions'
import { validateAttachment } from './validate'
import { attachmentWho } from './who'

// «Медициналық-санитариялық алғашқы көмек көрсететін медициналық ұйымға бекіту» (Rules of attachment, order ҚР ДСМ-194/2020).
export const attachmentService: ServiceDefinition<AttachmentRequest> = {
  id: 'attachment',
  schema: attachmentRequestSchema,
  organizationOf: (payload) => payload.clinicId,
  patientOf: (payload) => payload.patientId,
  who: attachmentWho,
  channels: ['portal', 'desk'],
  transitions: attachmentTransitions,
  deadline: attachmentDeadline,
  refusalGrounds: attachmentRefusalGrounds,
  validate: validateAttachment,
  messages: attachmentMessages,
  summary: () => [],
  approvalBlock: (request, context) => attachmentApprovalBlock(request.payload as unknown as AttachmentRequest, context.today),
  // The decision's documents, frozen in the deciding transaction and waiting for their signers (issue 6): approval
  // gives the attachment notice (the section's doctor signs) and the 064/e coupon (the registrar signs), a refusal
  // the refusal notice (the registrar signs). A family decision makes them for each member.
  onApprove: async (tx, request, context) => {
    await attachPatient(tx, request, context)
    await createRequestDocuments(tx, request.id, ['attachment_notice', 'coupon_064e'], {
      ...context,
      refusalGrounds: attachmentRefusalGrounds,
    })
  },
  onRefuse: async (tx, request, context) => {
    await createRequestDocuments(tx, request.id, ['refusal_notice'], { ...context, refusalGrounds: attachmentRefusalGrounds })
  },
}

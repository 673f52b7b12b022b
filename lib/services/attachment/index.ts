import type { ServiceDefinition } from '@/lib/requests/definition'
import { attachmentApprovalBlock, attachPatient } from './attach'
import { attachmentDeadline } from './deadline'
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
  transitions: attachmentTransitions,
  deadline: attachmentDeadline,
  refusalGrounds: attachmentRefusalGrounds,
  validate: validateAttachment,
  approvalBlock: (request, context) => attachmentApprovalBlock(request.payload as unknown as AttachmentRequest, context.today),
  onApprove: (tx, request, context) => attachPatient(tx, request, context),
}

import type { ServiceDefinition } from '@/lib/requests/contract'
import { activateScheduledAttachments, attachmentApprovalBlock, attachPatient, endLapsedAttachments } from './attach'
import { attachmentCorrection, correctionNote } from './correction'
import { attachmentDeadline } from './deadline'
import { attachmentDocuments } from './documents'
import { attachmentMessages } from './messages'
import { attachmentFacts, attachmentQueueFlags, attachmentSummary, type AttachmentFacts } from './summary'
import { attachmentRefusalGrounds } from './refusal-grounds'
import { attachmentRequestSchema, type AttachmentRequest } from './schema'
import { attachmentSectionChoice } from './section-choice'
import { attachmentTransitions } from './transitions'
import { validateAttachment } from './validate'
import { attachmentWho } from './who'

// «Медициналық-санитариялық алғашқы көмек көрсететін медициналық ұйымға бекіту» (Rules of attachment, order ҚР ДСМ-194/2020).
export const attachmentService: ServiceDefinition<AttachmentRequest, AttachmentFacts> = {
  id: 'attachment',
  schema: attachmentRequestSchema,
  organizationOf: (payload) => payload.clinicId,
  patientOf: (payload) => payload.patientId,
  who: attachmentWho,
  channels: ['portal', 'desk'],
  routes: { portal: '/patient/requests/new/attachment', desk: '/registrar/desk' },
  transitions: attachmentTransitions,
  deadline: attachmentDeadline,
  refusalGrounds: attachmentRefusalGrounds,
  validate: validateAttachment,
  // p.29: an insurance attachment ends with its contract; p.32: campaign attachments take effect on 1 January.
  jobs: [
    { name: 'end-lapsed', run: endLapsedAttachments },
    { name: 'activate-scheduled', run: activateScheduledAttachments },
  ],
  constraints: { attachments_one_active_per_patient: 'errors.request.stale' },
  messages: attachmentMessages,
  facts: (db, request) => attachmentFacts(db, request),
  summary: (payload, context) => attachmentSummary(payload, context),
  queueFields: ['dischargedOn'],
  queueFlags: attachmentQueueFlags,
  approvalDetails: attachmentSectionChoice,
  correction: attachmentCorrection,
  eventNote: (event, t) => (event.type === 'corrected' ? correctionNote(event.data, t) : null),
  approvalBlock: (tx, request, context) => attachmentApprovalBlock(tx, request, context.today),
  onApprove: attachPatient,
  documents: attachmentDocuments,
}

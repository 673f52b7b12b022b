import type { ServiceDefinition } from '@/lib/requests/contract'
import { attachmentCertificate } from './documents'
import kk from './messages/kk.json'
import ru from './messages/ru.json'
import { certificateRequestSchema, type CertificateRequest } from './schema'

const messages = { kk, ru }

// A whole public service defined only for the tests (docs/adding-a-service.md): a patient asks for a certificate of
// attachment on their own pages, the registrar takes the request and then approves it (two steps: no approval
// straight from "submitted"), and the approval makes one document the registrar signs. It joins the catalogue
// through its test hook, with its own messages, and is edited nowhere outside this folder.
export const attachmentCertificateService: ServiceDefinition<CertificateRequest> = {
  id: 'testAttachmentCertificate',
  schema: certificateRequestSchema,
  organizationOf: (payload) => payload.clinicId,
  patientOf: (payload) => payload.patientId,
  who: {
    submit: ['patient'],
    read: ['patient', 'registrar', 'head', 'chief'],
    take: ['registrar'],
    approve: ['registrar'],
    refuse: ['registrar'],
    cancel: ['patient'],
  },
  channels: ['portal'],
  routes: { portal: '/patient/requests/new/test-attachment-certificate' },
  transitions: [
    { operation: 'take', from: ['submitted'], to: 'in_review' },
    { operation: 'approve', from: ['in_review'], to: 'approved' },
    { operation: 'refuse', from: ['in_review'], to: 'refused' },
    { operation: 'cancel', from: ['submitted'], to: 'cancelled' },
  ],
  deadline: () => ({ workingDays: 1 }),
  refusalGrounds: [
    {
      code: 'not_attached',
      titleKk: kk.testAttachmentCertificate.refusalGround,
      titleRu: ru.testAttachmentCertificate.refusalGround,
      kk: kk.testAttachmentCertificate.refusalGround,
      ru: ru.testAttachmentCertificate.refusalGround,
      source: 'test',
    },
  ],
  documents: { kinds: [attachmentCertificate], onApprove: [attachmentCertificate.kind] },
  summary: (payload, { locale }) => [{ label: messages[locale].testAttachmentCertificate.purpose, value: payload.purpose }],
  messages,
}

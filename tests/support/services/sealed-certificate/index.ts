import type { ServiceDefinition } from '@/lib/requests/contract'
import { certificateRequestSchema, type CertificateRequest } from '../attachment-certificate/schema'
import { sealedCertificate } from './documents'
import kk from './messages/kk.json'
import ru from './messages/ru.json'

// A test-only service whose document nobody signs by hand: the registrar's approval stands in for a registry
// centre's automatic decision, and the certificate it makes waits for the organization's information system, which
// signs it with the organization's seal (lib/documents/seal.ts). Valid 10 calendar days. Edited nowhere outside tests.
export const sealedCertificateService: ServiceDefinition<CertificateRequest> = {
  id: 'testSealedCertificate',
  schema: certificateRequestSchema,
  organizationOf: (payload) => payload.clinicId,
  patientOf: (payload) => payload.patientId,
  who: {
    submit: ['patient'],
    read: ['patient', 'registrar'],
    take: ['registrar'],
    approve: ['registrar'],
    refuse: ['registrar'],
    cancel: ['patient'],
  },
  channels: ['portal'],
  transitions: [
    { operation: 'approve', from: ['submitted'], to: 'approved' },
    { operation: 'refuse', from: ['submitted'], to: 'refused' },
    { operation: 'cancel', from: ['submitted'], to: 'cancelled' },
  ],
  deadline: () => ({ minutes: 30 }),
  refusalGrounds: [
    {
      code: 'no_consent',
      titleKk: kk.testSealedCertificate.refusalGround,
      titleRu: ru.testSealedCertificate.refusalGround,
      kk: kk.testSealedCertificate.refusalGround,
      ru: ru.testSealedCertificate.refusalGround,
      source: 'test',
    },
  ],
  documents: { kinds: [sealedCertificate], onApprove: [sealedCertificate.kind] },
  summary: (payload) => [{ label: 'purpose', value: payload.purpose }],
  messages: { kk, ru },
}

import { almatyDay } from '@/lib/calendar'
import {
  signerRef,
  type BaseSnapshot,
  type SignerRef,
  type CommonSources,
  type DocumentKindDefinition,
} from '@/lib/documents/contract'
import { issuedOnRow, noticeBand, patientRows, requestRow, signerRow } from '@/lib/pdf/document-rows'
import { a4, type DocumentLayout } from '@/lib/pdf/form-layout'

export type CertificateSources = CommonSources & { purpose: string }

export type CertificateSnapshot = BaseSnapshot & {
  kind: 'test_attachment_certificate'
  signer: SignerRef
  request: { number: number; submittedOn: string }
  purpose: string
}

// One document kind of the test-only service: the certificate, signed by the registrar who approved the request.
export const attachmentCertificate: DocumentKindDefinition<CertificateSnapshot, CertificateSources> = {
  kind: 'test_attachment_certificate',
  // Its own source: the purpose the person gave, read from the request's payload.
  sources: async (_tx, request, common) => ({ ...common, purpose: String(request.payload.purpose) }),
  snapshot: (number, sources) => ({
    kind: 'test_attachment_certificate',
    number,
    issuedOn: almatyDay(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    request: { number: sources.request.number, submittedOn: almatyDay(sources.request.submittedAt) },
    purpose: sources.purpose,
    signer: signerRef(sources.decider),
  }),
  signer: (sources) => sources.decider,
  layout: (snapshot): DocumentLayout => ({
    geometry: a4,
    formLabel: null,
    title: { kk: 'БЕКІТУ ТУРАЛЫ АНЫҚТАМА (ТЕСТ)', ru: 'СПРАВКА О ПРИКРЕПЛЕНИИ (ТЕСТ)' },
    rows: [
      ...patientRows(snapshot.patient),
      requestRow(snapshot.request),
      { kk: 'Қайда ұсынылады', ru: 'Куда предъявляется', values: [snapshot.purpose] },
      signerRow(snapshot.signer),
      issuedOnRow(snapshot.issuedOn),
    ],
    band: noticeBand(a4),
    labelColumnWidth: 150,
  }),
  days: (snapshot) => ({ 'request.submittedOn': snapshot.request.submittedOn }),
}

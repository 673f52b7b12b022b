import { almatyDay } from '@/lib/calendar'
import {
  requireSource,
  signerRef,
  type BaseSnapshot,
  type SignerRef,
  type Bilingual,
  type DocumentKindDefinition,
} from '@/lib/documents/contract'
import { issuedOnRow, noticeBand, patientRows, requestRow, signerRow } from '@/lib/pdf/document-rows'
import { a4, type DocumentLayout } from '@/lib/pdf/form-layout'
import { formatDay } from '@/lib/i18n/format'
import { loadAttachmentDocumentSources, type AttachmentDocumentSources } from './sources'

export type AttachmentNoticeSnapshot = BaseSnapshot & {
  kind: 'attachment_notice'
  signer: SignerRef
  request: { number: number; submittedOn: string }
  decision: 'approved'
  section: string | null
  doctor: string | null
  attachedFrom: string
  attachedUntil: string | null
  basis: Bilingual
}

// The doctor of the section the person is attached to signs the notice (the doctor accepts the patient onto the
// section, p.18); a section without a doctor leaves it to the deciding registrar.
const attachmentNoticeSigner = (sources: Pick<AttachmentDocumentSources, 'section' | 'decider'>) =>
  sources.section?.doctor ?? sources.decider

export function buildAttachmentNotice(number: string, sources: AttachmentDocumentSources): AttachmentNoticeSnapshot {
  const attachment = requireSource(sources.attachment, 'attachment')
  const basis = requireSource(sources.basis, 'basis')
  return {
    kind: 'attachment_notice',
    number,
    issuedOn: almatyDay(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    request: { number: sources.request.number, submittedOn: almatyDay(sources.request.submittedAt) },
    decision: 'approved',
    section: sources.section?.number ?? null,
    doctor: sources.section?.doctor?.name ?? null,
    attachedFrom: attachment.validFrom,
    attachedUntil: attachment.validTo,
    basis: { kk: basis.kk, ru: basis.ru },
    signer: signerRef(attachmentNoticeSigner(sources)),
  }
}

function attachmentNoticeLayout(snapshot: AttachmentNoticeSnapshot): DocumentLayout {
  return {
    geometry: a4,
    formLabel: null,
    title: {
      kk: 'МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТУ ТУРАЛЫ ХАБАРЛАМА',
      ru: 'УВЕДОМЛЕНИЕ О ПРИКРЕПЛЕНИИ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ',
    },
    rows: [
      ...patientRows(snapshot.patient),
      requestRow(snapshot.request),
      {
        kk: 'Шешім',
        ru: 'Решение',
        values: ['Бекіту туралы өтініш қанағаттандырылды', 'Заявление о прикреплении удовлетворено'],
      },
      { kk: 'Учаске', ru: 'Участок', values: [snapshot.section ?? '—'] },
      { kk: 'Учаскелік дәрігер', ru: 'Участковый врач', values: [snapshot.doctor ?? '—'] },
      { kk: 'Бекітілген күні', ru: 'Дата прикрепления', values: [formatDay(snapshot.attachedFrom)] },
      ...(snapshot.attachedUntil
        ? [{ kk: 'Бекіту мерзімі (дейін)', ru: 'Прикреплён до', values: [formatDay(snapshot.attachedUntil)] }]
        : []),
      { kk: 'Бекіту негізі', ru: 'Основание прикрепления', values: [snapshot.basis.kk, snapshot.basis.ru] },
      signerRow(snapshot.signer),
      issuedOnRow(snapshot.issuedOn),
    ],
    band: noticeBand(a4),
    labelColumnWidth: 150,
  }
}

// The notice that the attachment was made: the section, its doctor, the day it holds from and the basis.
export const attachmentNotice: DocumentKindDefinition<AttachmentNoticeSnapshot, AttachmentDocumentSources> = {
  kind: 'attachment_notice',
  sources: loadAttachmentDocumentSources,
  snapshot: buildAttachmentNotice,
  signer: attachmentNoticeSigner,
  layout: attachmentNoticeLayout,
  days: (snapshot) => ({
    'request.submittedOn': snapshot.request.submittedOn,
    attachedFrom: snapshot.attachedFrom,
    attachedUntil: snapshot.attachedUntil,
  }),
  // Standard row 4, Rules p.25: the notice of attachment is signed with the clinic's digital signature.
  signedOnBehalfOfClinic: true,
}

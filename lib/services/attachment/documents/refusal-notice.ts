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
import { loadAttachmentDocumentSources, type AttachmentDocumentSources } from './sources'

export type RefusalNoticeSnapshot = BaseSnapshot & {
  kind: 'refusal_notice'
  signer: SignerRef
  request: { number: number; submittedOn: string }
  decision: 'refused'
  // What the person asked for.
  section: string | null
  basis: Bilingual | null
  refusal: { ground: string; title: Bilingual; text: Bilingual; reason: string }
}

// The registrar who refused signs the notice, on behalf of the clinic.
const refusalNoticeSigner = (sources: Pick<AttachmentDocumentSources, 'decider'>) => sources.decider

export function buildRefusalNotice(number: string, sources: AttachmentDocumentSources): RefusalNoticeSnapshot {
  const refusal = requireSource(sources.refusal, 'refusal')
  return {
    kind: 'refusal_notice',
    number,
    issuedOn: almatyDay(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    request: { number: sources.request.number, submittedOn: almatyDay(sources.request.submittedAt) },
    decision: 'refused',
    section: sources.section?.number ?? null,
    basis: sources.basis ? { kk: sources.basis.kk, ru: sources.basis.ru } : null,
    refusal: {
      ground: refusal.ground,
      title: { kk: refusal.titleKk, ru: refusal.titleRu },
      text: { kk: refusal.kk, ru: refusal.ru },
      reason: refusal.reason,
    },
    signer: signerRef(refusalNoticeSigner(sources)),
  }
}

function refusalNoticeLayout(snapshot: RefusalNoticeSnapshot): DocumentLayout {
  const { refusal } = snapshot
  return {
    geometry: a4,
    formLabel: null,
    title: {
      kk: 'МЕДИЦИНАЛЫҚ ҰЙЫМҒА БЕКІТУДЕН БАС ТАРТУ ТУРАЛЫ ХАБАРЛАМА',
      ru: 'УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ В ПРИКРЕПЛЕНИИ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ',
    },
    rows: [
      ...patientRows(snapshot.patient),
      requestRow(snapshot.request),
      ...(snapshot.basis
        ? [{ kk: 'Сұралған бекіту негізі', ru: 'Запрошенное основание', values: [snapshot.basis.kk, snapshot.basis.ru] }]
        : []),
      ...(snapshot.section ? [{ kk: 'Сұралған учаске', ru: 'Запрошенный участок', values: [snapshot.section] }] : []),
      { kk: 'Шешім', ru: 'Решение', values: ['Бекітуден бас тартылды', 'В прикреплении отказано'] },
      {
        kk: 'Бас тарту негізі',
        ru: 'Основание отказа',
        values: [`${refusal.title.kk}: ${refusal.text.kk}`, `${refusal.title.ru}: ${refusal.text.ru}`],
      },
      { kk: 'Бас тарту себебі', ru: 'Причина отказа', values: [refusal.reason] },
      signerRow(snapshot.signer),
      issuedOnRow(snapshot.issuedOn),
    ],
    band: noticeBand(a4),
    labelColumnWidth: 150,
  }
}

// The reasoned refusal: the ground in the regulation's words and the registrar's own reason.
export const refusalNotice: DocumentKindDefinition<RefusalNoticeSnapshot, AttachmentDocumentSources> = {
  kind: 'refusal_notice',
  sources: loadAttachmentDocumentSources,
  snapshot: buildRefusalNotice,
  signer: refusalNoticeSigner,
  layout: refusalNoticeLayout,
  days: (snapshot) => ({ 'request.submittedOn': snapshot.request.submittedOn }),
  // The registrar refuses on behalf of the clinic (Who signs, docs/decisions.md).
  signedOnBehalfOfClinic: true,
}

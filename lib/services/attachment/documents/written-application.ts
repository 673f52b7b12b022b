import { almatyDay } from '@/lib/calendar'
import {
  requireSource,
  type BaseSnapshot,
  type Bilingual,
  type DocumentKindDefinition,
  type SubmittedSources,
} from '@/lib/documents/contract'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { noticeBand, patientRows, requestRow } from '@/lib/pdf/document-rows'
import { a4, type DocumentLayout, type Row } from '@/lib/pdf/form-layout'
import { loadWrittenApplicationSources, type WrittenApplicationSources } from './application-sources'

// Who hands in the application: the person, their legal representative (p.30 para 3), or for a member of a family
// the member who gave the written consent for all (p.30 para 2).
export type ApplicationApplicant =
  | { role: 'self' }
  | { role: 'representative'; iin: string; name: string | null; proof: RepresentationProof | null }
  | { role: 'family'; iin: string; name: string }

// p.30 para 3, p.2(4): the document proving the representation and the representative's own identity document.
export type RepresentationProof = {
  document: { kind: Bilingual; number: string; issuer: string; issuedOn: string }
  identity: { kind: Bilingual; number: string }
}

export type WrittenApplicationSnapshot = BaseSnapshot & {
  kind: 'written_application'
  // Nobody signs it digitally: the applicant signs the printed page at the desk.
  signer: null
  request: { number: number; submittedOn: string }
  // p.23: addressed to the first head of the organization, the chief physician; named when the clinic has one on record.
  chiefPhysician: string | null
  applicant: ApplicationApplicant
  // The category under p.23 (or a family member, p.30 para 2) and the document presented that proves it.
  category: Bilingual
  presented: { kind: Bilingual; number: string; issuer: string }
  // p.28: the person's own identity document presented with an insurance contract (a foreign passport).
  identity: { kind: Bilingual; number: string } | null
  // p.28-29: the insurance contract, for an attachment under one.
  insurance: string | null
  basis: Bilingual
  section: string | null
  // When the registrar accepted it (an instant, shown in Asia/Almaty) and who.
  acceptedAt: string
  registrar: string
}

export const writtenApplicationTitle = {
  kk: 'БАС ДӘРІГЕРДІҢ АТЫНА ЖАЗБАША ӨТІНІШ',
  ru: 'ПИСЬМЕННОЕ ЗАЯВЛЕНИЕ НА ИМЯ ГЛАВНОГО ВРАЧА',
}

export function buildWrittenApplication(number: string, sources: WrittenApplicationSources): WrittenApplicationSnapshot {
  const registrar = requireSource(sources.acceptedBy, 'the registrar who accepted the application')
  const desk = requireSource(sources.desk, 'the desk details')
  return {
    kind: 'written_application',
    number,
    issuedOn: almatyDay(sources.request.submittedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    signer: null,
    request: { number: sources.request.number, submittedOn: almatyDay(sources.request.submittedAt) },
    chiefPhysician: sources.chiefPhysician,
    applicant: sources.applicant,
    category: desk.category,
    presented: desk.presented,
    identity: desk.identity,
    insurance: desk.insurance,
    basis: requireSource(sources.basis, 'basis'),
    section: sources.section,
    acceptedAt: sources.request.submittedAt.toISOString(),
    registrar: registrar.name,
  }
}

// An issuer is cut at two printed lines' worth, as on the coupon: the form takes 200 characters, which with every
// other row at its longest would push the signature lines off the page; the snapshot and the request keep it whole.
const issuerLimit = 110
const clip = (text: string) => (text.length > issuerLimit ? `${text.slice(0, issuerLimit - 1)}…` : text)

const fullName = (patient: WrittenApplicationSnapshot['patient']) =>
  [patient.lastName, patient.firstName, patient.middleName ?? ''].join(' ').trim()

function applicantRow(snapshot: WrittenApplicationSnapshot): Row {
  const { applicant } = snapshot
  const label = { kk: 'Өтініш беруші', ru: 'Заявитель' }
  if (applicant.role === 'self') return { ...label, values: ['Бекітілетін адамның өзі', 'Сам прикрепляемый'] }
  const who = [applicant.name, `ЖСН / ИИН ${applicant.iin}`].filter(Boolean).join(', ')
  return applicant.role === 'representative'
    ? { ...label, values: [`Заңды өкіл / Законный представитель: ${who}`] }
    : {
        ...label,
        values: [`Жазбаша келісім берген отбасы мүшесі / Член семьи, давший письменное согласие: ${who}`],
      }
}

// The representative's proof, one row each for the representation and the representative's identity (p.30 para 3).
function representationRows(applicant: ApplicationApplicant): Row[] {
  if (applicant.role !== 'representative' || !applicant.proof) return []
  const { document, identity } = applicant.proof
  return [
    {
      kk: 'Өкілдікті растайтын құжат',
      ru: 'Документ, подтверждающий представительство',
      values: [
        `${document.kind.kk} / ${document.kind.ru}`,
        `№ ${document.number}, ${clip(document.issuer)}, ${formatDay(document.issuedOn)}`,
      ],
    },
    {
      kk: 'Өкілдің жеке басын куәландыратын құжаты',
      ru: 'Документ, удостоверяющий личность представителя',
      values: [`${identity.kind.kk} / ${identity.kind.ru} № ${identity.number}`],
    },
  ]
}

function requestText(snapshot: WrittenApplicationSnapshot): Row {
  const self = snapshot.applicant.role === 'self'
  return {
    kk: 'Өтініш',
    ru: 'Заявление',
    values: [
      self
        ? 'Мені осы медициналық ұйымға бекітуіңізді сұраймын.'
        : 'Жоғарыда аталған адамды осы медициналық ұйымға бекітуіңізді сұраймын.',
      self
        ? 'Прошу прикрепить меня к данной медицинской организации.'
        : 'Прошу прикрепить указанное лицо к данной медицинской организации.',
    ],
  }
}

// The name on the applicant's signature line.
export function applicantName(snapshot: WrittenApplicationSnapshot): string {
  const { applicant } = snapshot
  if (applicant.role === 'self') return fullName(snapshot.patient)
  return applicant.name ?? `ЖСН / ИИН ${applicant.iin}`
}

function writtenApplicationLayout(snapshot: WrittenApplicationSnapshot): DocumentLayout {
  const { clinic } = snapshot
  return {
    geometry: a4,
    formLabel: { kk: 'Бекіту қағидалары, 23-т.', ru: 'Правила прикрепления, п. 23' },
    title: writtenApplicationTitle,
    rows: [
      {
        kk: 'Кімге',
        ru: 'Кому',
        values: [
          `${clinic.nameKk} бас дәрігеріне`,
          `Главному врачу: ${clinic.nameRu}`,
          ...(snapshot.chiefPhysician ? [`Бас дәрігер / Главный врач: ${snapshot.chiefPhysician}`] : []),
        ],
      },
      applicantRow(snapshot),
      ...representationRows(snapshot.applicant),
      ...patientRows(snapshot.patient),
      requestText(snapshot),
      requestRow(snapshot.request),
      { kk: 'Санаты (Қағидалар, 23-т.)', ru: 'Категория (Правила, п. 23)', values: [snapshot.category.kk, snapshot.category.ru] },
      {
        kk: 'Ұсынылған құжат',
        ru: 'Предъявленный документ',
        values: [
          `${snapshot.presented.kind.kk} / ${snapshot.presented.kind.ru}`,
          `№ ${snapshot.presented.number}, ${clip(snapshot.presented.issuer)}`,
        ],
      },
      ...(snapshot.identity
        ? [
            {
              kk: 'Жеке басты куәландыратын құжат',
              ru: 'Документ, удостоверяющий личность',
              values: [`${snapshot.identity.kind.kk} / ${snapshot.identity.kind.ru} № ${snapshot.identity.number}`],
            },
          ]
        : []),
      ...(snapshot.insurance ? [{ kk: 'Сақтандыру шарты', ru: 'Договор страхования', values: [snapshot.insurance] }] : []),
      { kk: 'Бекіту негізі', ru: 'Основание прикрепления', values: [snapshot.basis.kk, snapshot.basis.ru] },
      {
        kk: 'Таңдалған учаске',
        ru: 'Выбранный участок',
        values: [snapshot.section ?? 'Таңдалмаған / Не выбран'],
      },
      { kk: 'Қабылданған күні мен уақыты', ru: 'Дата и время приёма', values: [formatInstant(new Date(snapshot.acceptedAt))] },
      { kk: 'Қабылдаған тіркеуші', ru: 'Принял регистратор', values: [snapshot.registrar] },
    ],
    // Two lines to sign need less room than a digital signature's band; the rows get the rest.
    band: { ...noticeBand(a4), height: 88 },
    labelColumnWidth: 140,
    handSignatures: [
      { kk: 'Өтініш беруші', ru: 'Заявитель', name: applicantName(snapshot) },
      { kk: 'Өтінішті қабылдады', ru: 'Заявление принял', name: snapshot.registrar },
    ],
  }
}

// p.23: the written application to the chief physician a registrar takes at the desk. Made when the request is
// submitted, signed by the applicant's hand on the printed page, recorded issued at once (docs/decisions.md).
export const writtenApplication: DocumentKindDefinition<WrittenApplicationSnapshot, WrittenApplicationSources, SubmittedSources> =
  {
    kind: 'written_application',
    madeAt: 'submission',
    sources: loadWrittenApplicationSources,
    snapshot: buildWrittenApplication,
    signer: () => null,
    layout: writtenApplicationLayout,
    days: (snapshot) => ({
      'request.submittedOn': snapshot.request.submittedOn,
      'applicant.proof.document.issuedOn':
        snapshot.applicant.role === 'representative' ? snapshot.applicant.proof?.document.issuedOn : null,
    }),
  }

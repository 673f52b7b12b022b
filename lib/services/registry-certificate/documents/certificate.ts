import 'server-only'
import { almatyDay } from '@/lib/calendar'
import {
  requireSource,
  signerRef,
  type BaseSnapshot,
  type Bilingual,
  type CommonSources,
  type DocumentKindDefinition,
  type SignerRef,
  type SourceRequest,
  type StaffRef,
} from '@/lib/documents/contract'
import { formatDay } from '@/lib/i18n/format'
import { noticeBand } from '@/lib/pdf/document-rows'
import { a4, type DocumentLayout } from '@/lib/pdf/form-layout'
import type { Transaction } from '@/lib/requests/contract'
import type { RegistryCertificateVariant } from '../registries'
import { fullName } from '../rules'
import { registryCertificateSchema, type RegistryResult } from '../schema'
import { certificateSourcesOf } from '../queries'

// Issue 16, the result form (digest §2 "Result form"): exactly six fields, bilingual labels. The number, the QR code
// and the seal's band are the app's additions for verification, outside the official form (reading B7).
export type RegistryCertificateSnapshot = BaseSnapshot & {
  kind: RegistryCertificateVariant['kind']
  signer: SignerRef
  heading: string
  result: RegistryResult
  system: Bilingual
}

type Sources = CommonSources & { result: RegistryResult; system: StaffRef }

// List row 11, rule 27: valid 10 calendar days from the day after issue.
export const certificateValidityDays = 10

// Rule 23: the value is printed as the form gives it, «состоит» / «не состоит», with the Kazakh wording beside it.
const resultWords: Record<RegistryResult, Bilingual> = {
  registered: { kk: 'тұрады', ru: 'состоит' },
  not_registered: { kk: 'тұрмайды', ru: 'не состоит' },
}

export function registryCertificateKind(
  variant: RegistryCertificateVariant,
): DocumentKindDefinition<RegistryCertificateSnapshot, Sources> {
  return {
    kind: variant.kind,
    async sources(tx: Transaction, request: SourceRequest, common: CommonSources): Promise<Sources> {
      const payload = registryCertificateSchema.parse(request.payload)
      // The certificate names the person it is about (rule 4: from the state's records), not the requester.
      const found = await certificateSourcesOf(tx, payload.subjectIin, request.organizationId)
      const subject = requireSource(found.subject, 'subject')
      const system = found.system
      return {
        ...common,
        patient: {
          iin: subject.iin,
          lastName: subject.lastName,
          firstName: subject.firstName,
          middleName: subject.middleName,
          birthDate: subject.birthDate,
          address: subject.address,
        },
        result: requireSource(payload.result ?? null, 'result'),
        system: requireSource(system ?? null, 'system'),
      }
    },
    snapshot(number, sources): RegistryCertificateSnapshot {
      return {
        kind: variant.kind,
        number,
        issuedOn: almatyDay(sources.request.decidedAt),
        clinic: sources.clinic,
        patient: sources.patient,
        heading: variant.heading,
        result: sources.result,
        system: variant.system,
        signer: signerRef(sources.system),
      }
    },
    // The centre's information system signs with the organization's seal (list row 5: fully automated).
    signer: (sources) => sources.system,
    layout: (snapshot) => certificateLayout(snapshot),
    signedOnBehalfOfClinic: true,
    // List row 11, rule 27: valid 10 calendar days (reading B3: through the tenth day after the day of issue).
    validity: { calendarDays: certificateValidityDays },
  }
}

function certificateLayout(snapshot: RegistryCertificateSnapshot): DocumentLayout {
  const words = resultWords[snapshot.result]
  return {
    geometry: a4,
    formLabel: null,
    title: { kk: `Мәлімет (${snapshot.heading})`, ru: 'Сведения' },
    rows: [
      { kk: 'Берілген күні', ru: 'Дата выдачи', values: [formatDay(snapshot.issuedOn)] },
      { kk: 'Т.А.Ә. (ол болған жағдайда)', ru: 'Ф.И.О. (при его наличии)', values: [fullName(snapshot.patient)] },
      { kk: 'Туған күні', ru: 'Дата рождения', values: [formatDay(snapshot.patient.birthDate)] },
      { kk: 'Мекенжайы', ru: 'Адрес (место жительства)', values: [snapshot.patient.address] },
      {
        kk: 'Динамикалық бақылауда тұратыны (тұрмайтыны)',
        ru: 'На динамическом наблюдении',
        values: [`${words.ru} / ${words.kk}`],
      },
      {
        kk: `Деректер ${snapshot.system.kk} ақпараттық жүйесімен берілген`,
        ru: `Данные предоставлены информационной системой ${snapshot.system.ru}`,
        values: [
          snapshot.system.kk === snapshot.system.ru ? snapshot.system.kk : `${snapshot.system.kk} / ${snapshot.system.ru}`,
        ],
      },
    ],
    band: noticeBand(a4),
    labelColumnWidth: 190,
  }
}

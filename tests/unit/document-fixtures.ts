import { documentKindOf } from '@/lib/services'
import type { AttachmentDocumentSources as DocumentSources } from '@/lib/services/attachment/documents/sources'

// A kind as the engine and the renderer find it: through the catalogue.
function definitionOf(kind: string) {
  const definition = documentKindOf(kind)
  if (!definition) throw new Error(`no document kind ${kind} in the catalogue`)
  return definition
}
export const buildSnapshot = (kind: string, number: string, sources: DocumentSources) =>
  definitionOf(kind).snapshot(number, sources)
export const signerFor = (kind: string, sources: DocumentSources) => definitionOf(kind).signer(sources)

// A decided attachment request as lib/documents/create reads it; every Kazakh-specific letter occurs in it.
export const approvedSources: DocumentSources = {
  request: { number: 1042, submittedAt: new Date('2026-03-10T04:15:00Z'), decidedAt: new Date('2026-03-12T19:30:00Z') },
  clinic: {
    nameKk: '«Алматы қаласының №5 қалалық емханасы» ШЖҚ МКК',
    nameRu: 'ГКП на ПХВ «Городская поликлиника №5 города Алматы»',
    addressKk: 'Алматы қ., Әуезов ауданы, Жандосов көшесі, 58',
    addressRu: 'г. Алматы, Ауэзовский район, ул. Жандосова, 58',
  },
  patient: {
    iin: '950412400123',
    lastName: 'Әлиханова',
    firstName: 'Ғалия',
    middleName: 'Құрманқызы',
    birthDate: '1995-04-12',
    address: 'Астана қ., Есіл ауданы, Ұлы Дала даңғылы, 11-үй, 45-пәтер, Қаһарман тұрғын үй кешені, іргелес',
  },
  basis: { code: 'free_choice', kk: 'Емхананы еркін таңдау', ru: 'Свободный выбор поликлиники' },
  section: { number: '12', doctor: { id: 7, name: 'Сүлейменова Әйгерім Нұрланқызы', role: 'doctor' } },
  attachment: { validFrom: '2026-03-13', validTo: null },
  refusal: null,
  decider: { id: 3, name: 'Жұмабекова Гүлнұр Серікқызы', role: 'registrar' },
}

export const refusedSources: DocumentSources = {
  ...approvedSources,
  attachment: null,
  refusal: {
    ground: 'unreliable_documents',
    titleKk: 'Құжаттар немесе деректер анық емес',
    titleRu: 'Недостоверные документы или сведения',
    kk: 'Көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алу үшін ұсынған құжаттардың және (немесе) олардағы деректердің (мәліметтердің) анық еместігін анықтау',
    ru: 'Установление недостоверности документов, представленных услугополучателем для получения государственной услуги, и (или) данных (сведений), содержащихся в них',
    reason: 'Жеке куәліктегі тегі өтініштегі тегіне сәйкес келмейді: «Әлиханова» және «Алиханова».',
  },
}

import type { RefusalGround, ServiceDefinition } from '@/lib/requests/contract'
import { complaintAnswerLimit } from './deadline'
import { complaintMessages } from './messages'
import { isQualityControlOutcome, qualityControlAnswerEvent } from './schema'
import { complaintSchema, type Complaint } from './schema'

export const forwardedGround = 'forwarded_to_quality_control'

// p.40: a complaint the clinic does not fully satisfy goes, with the case, to the authority that reviews it (the
// quality-control body), within 3 working days of its registration.
export const complaintRefusalGrounds = [
  {
    code: forwardedGround,
    titleKk: 'Толық қанағаттандырылмады: сапаны бақылау органына жіберілді',
    titleRu: 'Не удовлетворена полностью: направлена в орган контроля качества',
    kk: 'Шағым толық қанағаттандырылмады және әкімшілік іспен бірге мемлекеттік қызмет көрсету сапасын бағалау және бақылау жөніндегі уәкілетті органға жіберілді (Қағидалардың 40-тармағы)',
    ru: 'Жалоба не удовлетворена полностью и вместе с административным делом направлена в уполномоченный орган по оценке и контролю за качеством оказания государственных услуг (пункт 40 Правил)',
    source: '001, 40-т.',
  },
] as const satisfies readonly RefusalGround[]

// p.38: the provider answers a complaint within 5 working days of its registration; approval means the complaint is
// satisfied, refusal that it was forwarded (p.40).
export const complaintService: ServiceDefinition<Complaint> = {
  id: 'complaint',
  schema: complaintSchema,
  organizationOf: (payload) => payload.clinicId,
  patientOf: (payload) => payload.patientId,
  who: {
    submit: ['patient'],
    read: ['patient', 'registrar', 'doctor', 'head', 'chief'],
    take: ['head'],
    approve: ['head', 'chief'],
    refuse: ['head', 'chief'],
    cancel: ['patient'],
  },
  transitions: [
    { operation: 'take', from: ['submitted'], to: 'in_review' },
    { operation: 'approve', from: ['submitted', 'in_review'], to: 'approved' },
    { operation: 'refuse', from: ['submitted', 'in_review'], to: 'refused' },
    { operation: 'cancel', from: ['submitted', 'in_review'], to: 'cancelled' },
  ],
  // Filed from the request it is about (the patient's request page), not from a list of services.
  channels: [],
  deadline: () => complaintAnswerLimit,
  refusalGrounds: complaintRefusalGrounds,
  messages: complaintMessages,
  // p.39-40: the quality-control body's answer, as the head recorded it.
  eventNote: (event, t) =>
    event.type === qualityControlAnswerEvent && isQualityControlOutcome(event.data.outcome)
      ? [t(`complaint.review.outcomes.${event.data.outcome}`), typeof event.data.text === 'string' ? event.data.text : null]
          .filter(Boolean)
          .join(': ')
      : null,
  summary: (payload, { t }) => [
    { label: t('complaint.subject'), value: t(`complaint.subjects.${payload.about}`) },
    { label: t('complaint.text'), value: payload.text, multiline: true },
  ],
  templates: { submit: 'complaintSubmitted', approve: 'complaintSatisfied', refuse: 'complaintForwarded' },
}

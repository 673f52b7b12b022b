import type { RefusalGround, ServiceDefinition } from '@/lib/requests/contract'
import { complaintApprovalBlock, contestedFacts, type ContestedFacts } from './contested'
import { complaintAnswerLimit } from './deadline'
import { complaintMessages } from './messages'
import { isQualityControlOutcome, qualityControlAnswerEvent } from './schema'
import { complaintSchema, type Complaint } from './schema'
import { forwardedGround, forwardedGrounds, partlySatisfiedGround, reopensContested } from './rules'

export { forwardedGround, forwardedGrounds }

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
  {
    code: partlySatisfiedGround,
    titleKk: 'Ішінара қанағаттандырылды: сапаны бақылау органына жіберілді',
    titleRu: 'Удовлетворена частично: направлена в орган контроля качества',
    kk: 'Шағым ішінара қанағаттандырылды; толық қанағаттандырылмағандықтан, әкімшілік іспен бірге мемлекеттік қызмет көрсету сапасын бағалау және бақылау жөніндегі уәкілетті органға жіберілді (Қағидалардың 40-тармағы)',
    ru: 'Жалоба удовлетворена частично; так как она не удовлетворена полностью, она вместе с административным делом направлена в уполномоченный орган по оценке и контролю за качеством оказания государственных услуг (пункт 40 Правил)',
    source: '001, 40-т.',
  },
] as const satisfies readonly RefusalGround[]

// p.38: the provider answers a complaint within 5 working days of its registration; approval means the complaint is
// satisfied (the contested refusal is reopened for a new decision), refusal that it was not fully satisfied and was
// forwarded (p.40), partly satisfied (also reopened) or not at all. Every outcome carries the answer the patient reads.
export const complaintService: ServiceDefinition<Complaint, ContestedFacts> = {
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
  approvalNote: { required: 'errors.complaint.decisionAnswerRequired' },
  approvalBlock: (tx, request) => complaintApprovalBlock(tx, request),
  contests: {
    requestOf: (payload) => payload.requestId,
    reopensOn: (decision, payload) => reopensContested(decision, payload.about),
  },
  decisionWords: ({ status, refusalGround }) => {
    const outcome =
      status === 'approved'
        ? 'satisfied'
        : status === 'refused' && refusalGround === partlySatisfiedGround
          ? 'partly_satisfied'
          : status === 'refused'
            ? 'forwarded'
            : null
    return outcome
      ? {
          status: `complaint.outcomes.${outcome}`,
          heading: `complaint.outcomeHeadings.${outcome}`,
          ground: 'complaint.decision.outcome',
          reason: 'complaint.decision.answer',
        }
      : null
  },
  facts: (db, request) => contestedFacts(db, request),
  // p.39-40: the quality-control body's answer, as the head recorded it.
  eventNote: (event, t) =>
    event.type === qualityControlAnswerEvent && isQualityControlOutcome(event.data.outcome)
      ? [t(`complaint.review.outcomes.${event.data.outcome}`), typeof event.data.text === 'string' ? event.data.text : null]
          .filter(Boolean)
          .join(': ')
      : null,
  summary: (payload, { t, facts }) => [
    ...(facts
      ? [
          {
            label: t('complaint.about'),
            value: t('complaint.contested', {
              service: t(`services.${facts.service}.name` as 'services.complaint.name'),
              number: facts.number,
              status: t(`requests.status.${facts.status}`),
            }),
            requestId: facts.id,
          },
        ]
      : []),
    { label: t('complaint.subject'), value: t(`complaint.subjects.${payload.about}`) },
    { label: t('complaint.text'), value: payload.text, multiline: true },
  ],
  templates: { submit: 'complaintSubmitted', approve: 'complaintSatisfied', refuse: 'complaintForwarded' },
  decisionTemplate: (decision) =>
    decision.operation === 'approve'
      ? decision.reopened
        ? 'complaintSatisfiedReopened'
        : 'complaintSatisfied'
      : decision.ground === partlySatisfiedGround
        ? decision.reopened
          ? 'complaintPartlySatisfiedReopened'
          : 'complaintPartlySatisfied'
        : null,
}

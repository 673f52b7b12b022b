import { describe, expect, it } from 'vitest'
import { renderSms } from '@/lib/notifications/outbox'
import { complaintService } from '@/lib/services/complaint'
import {
  engineDecisionOf,
  forwardedGrounds,
  reopensContested,
  satisfactionEffect,
  type ComplaintOutcome,
} from '@/lib/services/complaint/rules'
import { complaintDecisionSchema } from '@/lib/services/complaint/schema'

describe('Attachment rules p.40: what each outcome of a complaint is to the engine', () => {
  it.each([
    { outcome: 'satisfied', decision: { operation: 'approve' }, forwarded: false },
    { outcome: 'partly_satisfied', decision: { operation: 'refuse', ground: 'partly_satisfied' }, forwarded: true },
    { outcome: 'forwarded', decision: { operation: 'refuse', ground: 'forwarded_to_quality_control' }, forwarded: true },
  ] as const)('$outcome', ({ outcome, decision, forwarded }) => {
    expect(engineDecisionOf(outcome)).toEqual(decision)
    // p.40: what is not fully satisfied goes to the quality-control body with the case.
    const ground = 'ground' in decision ? (decision.ground as string) : null
    expect(ground !== null && forwardedGrounds.includes(ground)).toBe(forwarded)
    // Every ground is one of the service's refusal grounds, with its paragraph.
    if (ground) expect(complaintService.refusalGrounds.find((g) => g.code === ground)?.source).toBe('001, 40-т.')
  })
})

describe('Attachment rules p.40: which outcomes reopen the contested decision', () => {
  it.each([
    { label: 'satisfied, about a decision', outcome: 'satisfied', about: 'decision', reopens: true },
    { label: 'partly satisfied, about a decision', outcome: 'partly_satisfied', about: 'decision', reopens: true },
    { label: 'forwarded, about a decision', outcome: 'forwarded', about: 'decision', reopens: false },
    { label: 'satisfied, about inaction', outcome: 'satisfied', about: 'inaction', reopens: false },
    { label: 'partly satisfied, about inaction', outcome: 'partly_satisfied', about: 'inaction', reopens: false },
  ] as const)('$label', ({ outcome, about, reopens }) =>
    expect(reopensContested(engineDecisionOf(outcome as ComplaintOutcome), about)).toBe(reopens),
  )
})

describe('Attachment rules p.40: what satisfying does to the request complained about', () => {
  it.each([
    { about: 'decision', status: 'refused', effect: 'reopen' },
    { about: 'decision', status: 'in_review', effect: 'open' },
    { about: 'decision', status: 'approved', effect: 'stands' },
    { about: 'decision', status: 'issued', effect: 'stands' },
    { about: 'inaction', status: 'submitted', effect: 'decideFirst' },
    { about: 'inaction', status: 'in_review', effect: 'decideFirst' },
    { about: 'inaction', status: 'refused', effect: 'decided' },
    { about: 'inaction', status: 'approved', effect: 'decided' },
  ] as const)('$about, request $status → $effect', ({ about, status, effect }) =>
    expect(satisfactionEffect(about, status)).toBe(effect),
  )
})

describe('Attachment rules p.38: the head’s decision needs an outcome and an answer', () => {
  const base = { requestId: '7d1f1c9e-6d1b-4c53-9a40-2a3c4a3b5a10', version: 3 }
  it.each([
    {
      label: 'no outcome',
      input: { ...base, answer: 'Тексерілді, шешім қайта қаралады.' },
      error: 'errors.complaint.decisionOutcomeRequired',
    },
    {
      label: 'no answer',
      input: { ...base, outcome: 'satisfied', answer: '  ' },
      error: 'errors.complaint.decisionAnswerRequired',
    },
    {
      label: 'an outcome not offered',
      input: { ...base, outcome: 'approve', answer: 'Тексерілді, дұрыс.' },
      error: 'errors.complaint.decisionOutcomeRequired',
    },
  ])('$label', ({ input, error }) => {
    const parsed = complaintDecisionSchema.safeParse(input)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain(error)
  })
})

describe('The patient’s SMS for a satisfied complaint says it was satisfied, never «Бекітілді» / «Прикреплён»', () => {
  it.each([
    'complaintSatisfied',
    'complaintSatisfiedReopened',
    'complaintPartlySatisfied',
    'complaintPartlySatisfiedReopened',
  ] as const)('%s', (template) => {
    const kk = renderSms('kk', template, { number: 1042 })
    const ru = renderSms('ru', template, { number: 1042 })
    expect(kk).toContain('№1042 шағымыңыз')
    expect(ru).toContain('жалоба №1042')
    expect(kk).not.toMatch(/бекітілді/i)
    expect(ru).not.toMatch(/прикреплен/i)
    if (template.endsWith('Reopened')) {
      expect(kk).toContain('шешім қайта қаралады')
      expect(ru).toContain('решение будет пересмотрено')
    }
  })

  it('the service picks the reopened wording only when the decision was reopened', () => {
    const pick = complaintService.decisionTemplate!
    const payload = { requestId: '', text: '', clinicId: 1, patientId: 1, about: 'decision' as const }
    expect(pick({ operation: 'approve', reopened: true }, payload)).toBe('complaintSatisfiedReopened')
    expect(pick({ operation: 'approve', reopened: false }, payload)).toBe('complaintSatisfied')
    expect(pick({ operation: 'refuse', ground: 'partly_satisfied', reopened: true }, payload)).toBe(
      'complaintPartlySatisfiedReopened',
    )
    expect(pick({ operation: 'refuse', ground: 'forwarded_to_quality_control', reopened: false }, payload)).toBeNull()
  })

  it('the request page words the decision as the complaint’s outcome, not «approved»', () => {
    const words = complaintService.decisionWords!
    expect(words({ status: 'approved', refusalGround: null })?.heading).toBe('complaint.outcomeHeadings.satisfied')
    expect(words({ status: 'refused', refusalGround: 'partly_satisfied' })?.status).toBe('complaint.outcomes.partly_satisfied')
    expect(words({ status: 'refused', refusalGround: 'forwarded_to_quality_control' })?.status).toBe(
      'complaint.outcomes.forwarded',
    )
    expect(words({ status: 'submitted', refusalGround: null })).toBeNull()
  })
})

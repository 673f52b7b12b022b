import { describe, expect, it } from 'vitest'
import { complaintSubjectOf } from '@/lib/services/complaint/rules'
import { deadlineState } from '@/lib/calendar'
import {
  complaintAnswerBy,
  complaintForwardBy,
  qualityControlDueAt,
  runningComplaintDeadlines,
  wasForwardedLate,
  type ComplaintProgress,
} from '@/lib/services/complaint/deadline'

// Instants in UTC; Almaty is UTC+5, so 20:00 Almaty = 15:00Z.
const utc = (iso: string) => new Date(iso)
const none = { overrides: [] }
// Monday 12 October 2026, 10:00 in Almaty.
const monday = utc('2026-10-12T05:00:00Z')

describe('Attachment rules p.38: the clinic answers a complaint within 5 working days of registration', () => {
  it.each([
    { label: 'Monday 10:00 → Monday a week later, 20:00', registered: monday, due: '2026-10-19T15:00:00.000Z' },
    { label: 'Friday 16 October → Friday 23 October', registered: utc('2026-10-16T06:00:00Z'), due: '2026-10-23T15:00:00.000Z' },
    {
      label: 'Tuesday 20 October → Wednesday 28 October: Republic Day moved to Monday 26 October is not counted',
      registered: utc('2026-10-20T06:00:00Z'),
      due: '2026-10-28T15:00:00.000Z',
    },
    { label: 'Monday after 20:00 counts from Tuesday', registered: utc('2026-10-12T15:30:00Z'), due: '2026-10-20T15:00:00.000Z' },
  ])('$label', ({ registered, due }) => expect(complaintAnswerBy(registered, 'portal', none).toISOString()).toBe(due))
})

describe('Attachment rules p.40: forwarded to the reviewing body no later than 3 working days after receipt', () => {
  it.each([
    { label: 'Monday → Thursday, 20:00', registered: monday, due: '2026-10-15T15:00:00.000Z' },
    {
      label: 'Thursday → Tuesday (the weekend is not counted)',
      registered: utc('2026-10-15T05:00:00Z'),
      due: '2026-10-20T15:00:00.000Z',
    },
    {
      label: 'Thursday 22 October → Wednesday 28 October (Republic Day moved to Monday 26)',
      registered: utc('2026-10-22T05:00:00Z'),
      due: '2026-10-28T15:00:00.000Z',
    },
  ])('$label', ({ registered, due }) => expect(complaintForwardBy(registered, 'portal', none).toISOString()).toBe(due))

  it('an administrator’s transfer of a day off moves the limit too', () => {
    const overrides = [{ day: '2026-10-14', kind: 'day_off' as const }]
    expect(complaintForwardBy(monday, 'portal', { overrides }).toISOString()).toBe('2026-10-16T15:00:00.000Z')
  })

  it.each([
    { label: 'forwarded on Thursday at 19:59 is in time', forwardedAt: utc('2026-10-15T14:59:00Z'), late: false },
    { label: 'forwarded on Thursday at 20:00 is in time', forwardedAt: utc('2026-10-15T15:00:00Z'), late: false },
    { label: 'forwarded on Friday is late', forwardedAt: utc('2026-10-16T04:00:00Z'), late: true },
  ])('$label', ({ forwardedAt, late }) =>
    expect(wasForwardedLate({ submittedAt: monday, channel: 'portal', forwardedAt }, none)).toBe(late),
  )
})

describe('Attachment rules p.39: the quality-control body reviews within 15 working days', () => {
  it.each([
    {
      label: 'forwarded Monday 2 November → Monday 23 November (three weeks, no holiday)',
      forwardedAt: utc('2026-11-02T05:00:00Z'),
      due: '2026-11-23T15:00:00.000Z',
    },
    {
      label: 'forwarded Thursday 15 October → Friday 6 November (Republic Day moved to 26 October is not counted)',
      forwardedAt: utc('2026-10-15T06:00:00Z'),
      due: '2026-11-06T15:00:00.000Z',
    },
    {
      label: 'forwarded on Saturday counts from Monday',
      forwardedAt: utc('2026-11-07T05:00:00Z'),
      due: '2026-11-30T15:00:00.000Z',
    },
  ])('$label', ({ forwardedAt, due }) => expect(qualityControlDueAt(forwardedAt, none).toISOString()).toBe(due))
})

describe('Attachment rules p.38-40: the deadlines the head’s board flags', () => {
  const open: ComplaintProgress = {
    status: 'submitted',
    channel: 'portal',
    submittedAt: monday,
    forwardedAt: null,
    answered: false,
  }

  it.each([
    { label: 'Tuesday: both running', now: '2026-10-13T05:00:00Z', forward: 'ok', answer: 'ok' },
    {
      label: 'Thursday 18:30: forwarding due within 2 working hours (amber)',
      now: '2026-10-15T13:30:00Z',
      forward: 'soon',
      answer: 'ok',
    },
    {
      label: 'Friday: the forwarding limit is past (red), the answer still runs',
      now: '2026-10-16T05:00:00Z',
      forward: 'overdue',
      answer: 'ok',
    },
    { label: 'Tuesday 20 October: both past', now: '2026-10-20T05:00:00Z', forward: 'overdue', answer: 'overdue' },
  ])('p.38, p.40: $label', ({ now, forward, answer }) => {
    expect(runningComplaintDeadlines(open, utc(now), none).map((d) => [d.kind, d.state])).toEqual([
      ['forward', forward],
      ['answer', answer],
    ])
  })

  it('p.40: taken into review, the same two deadlines run', () => {
    const deadlines = runningComplaintDeadlines({ ...open, status: 'in_review' }, utc('2026-10-13T05:00:00Z'), none)
    expect(deadlines.map((d) => [d.kind, d.due.toISOString()])).toEqual([
      ['forward', '2026-10-15T15:00:00.000Z'],
      ['answer', '2026-10-19T15:00:00.000Z'],
    ])
  })

  it('p.40: satisfied, nothing runs any more', () => {
    expect(runningComplaintDeadlines({ ...open, status: 'approved' }, utc('2026-10-20T05:00:00Z'), none)).toEqual([])
  })

  it.each([
    { label: 'awaiting the body, in time', now: '2026-11-02T05:00:00Z', state: 'ok' },
    { label: 'awaiting the body on its last evening (18:30)', now: '2026-11-06T13:30:00Z', state: 'soon' },
    { label: 'the body is past its 15 working days', now: '2026-11-09T05:00:00Z', state: 'overdue' },
  ])('p.39: $label', ({ now, state }) => {
    const forwarded: ComplaintProgress = { ...open, status: 'refused', forwardedAt: utc('2026-10-15T06:00:00Z') }
    expect(runningComplaintDeadlines(forwarded, utc(now), none)).toEqual([
      { kind: 'qualityControl', due: utc('2026-11-06T15:00:00Z'), state },
    ])
  })

  it('p.39: once the body’s answer is recorded, nothing runs any more', () => {
    const answered: ComplaintProgress = { ...open, status: 'refused', forwardedAt: monday, answered: true }
    expect(runningComplaintDeadlines(answered, utc('2026-12-01T05:00:00Z'), none)).toEqual([])
  })
})

describe('deadline flags: amber under 2 working hours, red when past (the queue’s rule)', () => {
  const due = utc('2026-10-15T15:00:00Z') // Thursday 20:00
  it.each([
    { label: 'Thursday 17:59: 2 h 1 min left', now: '2026-10-15T12:59:00Z', state: 'ok' },
    { label: 'Thursday 18:01: 1 h 59 min left', now: '2026-10-15T13:01:00Z', state: 'soon' },
    { label: 'Friday 08:00', now: '2026-10-16T03:00:00Z', state: 'overdue' },
    { label: 'Wednesday 19:00: the night does not count, 13 working hours left', now: '2026-10-14T14:00:00Z', state: 'ok' },
  ])('$label', ({ now, state }) => expect(deadlineState(utc(now), due, none)).toBe(state))
})

describe('p.38: what a patient may complain about', () => {
  const due = new Date('2026-11-24T15:00:00Z')
  it('p.38: a decision, approved (also once its documents are signed or issued) or refused, at any time', () => {
    for (const status of ['approved', 'signed', 'issued', 'refused'] as const) {
      expect(complaintSubjectOf({ status, dueAt: due }, new Date('2026-11-20T05:00:00Z'))).toBe('decision')
    }
  })
  it('p.38: inaction: still open after its deadline, not before', () => {
    expect(complaintSubjectOf({ status: 'submitted', dueAt: due }, new Date('2026-11-24T15:00:01Z'))).toBe('inaction')
    expect(complaintSubjectOf({ status: 'in_review', dueAt: due }, new Date('2026-11-25T05:00:00Z'))).toBe('inaction')
    expect(complaintSubjectOf({ status: 'submitted', dueAt: due }, new Date('2026-11-24T15:00:00Z'))).toBeNull()
  })
  it('p.38: nothing about a request the patient withdrew', () => {
    expect(complaintSubjectOf({ status: 'cancelled', dueAt: due }, new Date('2026-12-01T05:00:00Z'))).toBeNull()
  })
})

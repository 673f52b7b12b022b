import { deadlineState, dueAt, type CalendarOverride, type Channel, type DeadlineState } from '@/lib/calendar'

// Complaint deadlines count Monday to Friday minus holidays (spec §7 item 3), from the day of registration (reading 2).
// p.38: the provider answers within 5 working days of registration.
export const complaintAnswerLimit = { workingDays: 5 } as const
// p.40: the provider forwards the complaint and the administrative case to the reviewing body no later than 3 working
// days after receipt, unless within those 3 days it fully satisfies the complaint.
export const complaintForwardLimit = { workingDays: 3 } as const
// p.39: the quality-control body reviews a complaint within 15 working days of its registration there.
export const qualityControlLimit = { workingDays: 15 } as const

type Options = { overrides: readonly CalendarOverride[] }

export function complaintAnswerBy(registeredAt: Date, channel: Channel, options: Options): Date {
  return dueAt(registeredAt, complaintAnswerLimit, channel, options)
}

export function complaintForwardBy(registeredAt: Date, channel: Channel, options: Options): Date {
  return dueAt(registeredAt, complaintForwardLimit, channel, options)
}

// Reading: the body registers a forwarded complaint when it receives it, which we take to be the moment of forwarding
// (sent electronically, so it counts like a portal submission: the same day until 20:00, else the next working day).
export function qualityControlDueAt(forwardedAt: Date, options: Options): Date {
  return dueAt(forwardedAt, qualityControlLimit, 'portal', options)
}

export type ComplaintDeadline = { kind: 'forward' | 'answer' | 'qualityControl'; due: Date; state: DeadlineState }

export type ComplaintProgress = {
  status: 'submitted' | 'in_review' | 'approved' | 'signed' | 'issued' | 'refused' | 'cancelled'
  channel: Channel
  submittedAt: Date
  // Set when the complaint was forwarded to the quality-control body (a refusal on the p.40 ground).
  forwardedAt: Date | null
  // Whether the body's answer has been recorded.
  answered: boolean
}

// The deadlines still running on a complaint, for the head's board: while the clinic holds it, the forwarding limit
// (p.40) and the answer (p.38); once forwarded, the body's 15 working days (p.39) until its answer is recorded.
export function runningComplaintDeadlines(complaint: ComplaintProgress, now: Date, options: Options): ComplaintDeadline[] {
  const at = (kind: ComplaintDeadline['kind'], due: Date): ComplaintDeadline => ({
    kind,
    due,
    state: deadlineState(now, due, options),
  })
  if (complaint.status === 'submitted' || complaint.status === 'in_review') {
    return [
      at('forward', complaintForwardBy(complaint.submittedAt, complaint.channel, options)),
      at('answer', complaintAnswerBy(complaint.submittedAt, complaint.channel, options)),
    ]
  }
  if (complaint.forwardedAt && !complaint.answered)
    return [at('qualityControl', qualityControlDueAt(complaint.forwardedAt, options))]
  return []
}

// p.40: forwarded after the 3-working-day limit (shown on the complaint, it is a breach the head answers for).
export function wasForwardedLate(
  complaint: Pick<ComplaintProgress, 'submittedAt' | 'channel'> & { forwardedAt: Date },
  options: Options,
): boolean {
  return complaint.forwardedAt.getTime() > complaintForwardBy(complaint.submittedAt, complaint.channel, options).getTime()
}

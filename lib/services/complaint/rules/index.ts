// Rules of attachment p.38: a patient may complain about a decision on their request, or about inaction: a request
// still without a decision past its deadline. Pure: the moment is an argument.
import type { RequestStatus } from '@/db/schema'

export const complaintSubjects = ['decision', 'inaction'] as const
export type ComplaintSubject = (typeof complaintSubjects)[number]

export function complaintSubjectOf(request: { status: RequestStatus; dueAt: Date }, now: Date): ComplaintSubject | null {
  // A decision stays one once its documents are signed and issued.
  if (['approved', 'signed', 'issued', 'refused'].includes(request.status)) return 'decision'
  if ((request.status === 'submitted' || request.status === 'in_review') && request.dueAt.getTime() < now.getTime())
    return 'inaction'
  return null
}

// What the head decides on a complaint (p.38-40), in the clinic's words, and what each is to the engine: satisfied
// is an approval; partly satisfied and forwarded are not full satisfaction, so both go to the quality-control body
// with the case (p.40), as a refusal on that ground (the complaint's status says "forwarded", not "refused").
export const complaintOutcomes = ['satisfied', 'partly_satisfied', 'forwarded'] as const
export type ComplaintOutcome = (typeof complaintOutcomes)[number]

export const forwardedGround = 'forwarded_to_quality_control'
export const partlySatisfiedGround = 'partly_satisfied'
// Both go to the quality-control body (p.40): its 15 working days run and the head records its answer (p.39).
export const forwardedGrounds: readonly string[] = [forwardedGround, partlySatisfiedGround]

export type EngineDecision = { operation: 'approve' } | { operation: 'refuse'; ground: string }

export function engineDecisionOf(outcome: ComplaintOutcome): EngineDecision {
  if (outcome === 'satisfied') return { operation: 'approve' }
  return { operation: 'refuse', ground: outcome === 'partly_satisfied' ? partlySatisfiedGround : forwardedGround }
}

// Reading of p.40 (docs/decisions.md, "A satisfied complaint reopens the decision"): a complaint about a decision
// that is satisfied, fully or in part, takes the decision back for a new one; forwarded alone, the decision stands
// until the body answers. A complaint about inaction reopens nothing: its demand is a decision.
export function reopensContested(decision: EngineDecision, about: ComplaintSubject): boolean {
  if (about !== 'decision') return false
  return decision.operation === 'approve' || decision.ground === partlySatisfiedGround
}

// What satisfying the complaint does to the request it is about, for the head to see before deciding:
// - reopen: the refusal is taken back, the request goes back to the queue for a new decision;
// - open: it is already being decided again (another complaint reopened it);
// - stands: an approval stays (the engine takes back only a refusal: an attachment in force, its signed coupon, are not
//   undone by a complaint; the answer says what the clinic did);
// - decideFirst: inaction is satisfied by deciding the request (p.40: "a decision … that fully satisfies"), so the
//   complaint cannot be satisfied while the request still waits;
// - decided: inaction, and the request has been decided since: the complaint's demand is met.
export type SatisfactionEffect = 'reopen' | 'open' | 'stands' | 'decideFirst' | 'decided'

export function satisfactionEffect(about: ComplaintSubject, contested: RequestStatus): SatisfactionEffect {
  const open = contested === 'submitted' || contested === 'in_review'
  if (about === 'inaction') return open ? 'decideFirst' : 'decided'
  if (open) return 'open'
  return contested === 'refused' ? 'reopen' : 'stands'
}

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

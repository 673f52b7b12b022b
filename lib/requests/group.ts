// A request group: requests submitted and decided together, on one person's application for all of them (a family
// attached on one member's written consent, Rules of attachment p.30 para 2). The group is `requests.group_id`, its
// applicant `request_groups.applicant_patient_id`.

// Who is told of a member's decision: the member, then (a child without a phone) the group's applicant.
export function noticeCandidates(memberId: number, groupApplicantId: number | null): number[] {
  return groupApplicantId !== null && groupApplicantId !== memberId ? [memberId, groupApplicantId] : [memberId]
}

// Each member's request has its own idempotency key, derived from the group's: a replay finds the same rows.
export function memberIdempotencyKey(groupKey: string, index: number): string {
  return `${groupKey}:member:${index + 1}`
}

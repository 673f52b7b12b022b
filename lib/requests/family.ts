// Rules of attachment p.30 para 2: a family applies together on one member's written consent, and its requests are
// decided together. Each member's request carries the family group in its payload (no column of its own).
export type FamilyLink = { familyGroupId: string; familyApplicantId: number; familyWrittenConsent: true }

export function familyLinkOf(payload: Record<string, unknown>): FamilyLink | null {
  const { familyGroupId, familyApplicantId } = payload
  if (typeof familyGroupId !== 'string' || typeof familyApplicantId !== 'number') return null
  return { familyGroupId, familyApplicantId, familyWrittenConsent: true }
}

// Who is told of a member's decision: the member, or (a child without a phone) the member who consented.
export function noticeCandidates(memberId: number, link: FamilyLink | null): number[] {
  return link && link.familyApplicantId !== memberId ? [memberId, link.familyApplicantId] : [memberId]
}

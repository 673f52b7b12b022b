import type { Transition } from '@/lib/requests/contract'

export const registryCertificateTransitions: readonly Transition[] = [
  // An uncertain match goes to the centre's doctor (issue 16).
  { operation: 'take', from: ['submitted'], to: 'in_review' },
  { operation: 'approve', from: ['submitted', 'in_review'], to: 'approved' },
  { operation: 'refuse', from: ['submitted', 'in_review'], to: 'refused' },
  // Withdrawn while it waits for the person's consent.
  { operation: 'cancel', from: ['submitted'], to: 'cancelled' },
]

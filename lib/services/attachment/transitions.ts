import type { Transition } from '@/lib/requests/contract'

export const attachmentTransitions = [
  { operation: 'take', from: ['submitted'], to: 'in_review' },
  { operation: 'approve', from: ['submitted', 'in_review'], to: 'approved' },
  { operation: 'refuse', from: ['submitted', 'in_review'], to: 'refused' },
  { operation: 'cancel', from: ['submitted', 'in_review'], to: 'cancelled' },
] as const satisfies readonly Transition[]

import type { Transition } from '@/lib/requests/contract'

export const attachmentTransitions = [
  { operation: 'take', from: ['submitted'], to: 'in_review' },
  { operation: 'approve', from: ['submitted', 'in_review'], to: 'approved' },
  { operation: 'refuse', from: ['submitted', 'in_review'], to: 'refused' },
  { operation: 'cancel', from: ['submitted', 'in_review'], to: 'cancelled' },
  // p.40: a complaint the head satisfies takes a refusal back; the request is reviewed again (lib/requests/engine.ts).
  { operation: 'reopen', from: ['refused'], to: 'in_review' },
] as const satisfies readonly Transition[]

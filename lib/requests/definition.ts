import type { z } from 'zod'
import type { Database } from '@/db/client'
import type { RequestChannel, RequestStatus } from '@/db/schema'
import type { Actor, Role } from '@/lib/auth/actor'
import type { Limit } from '@/lib/calendar'
import type { ErrorCode } from '@/lib/errors/codes'
import type { SmsTemplate } from '@/lib/notifications/outbox'

export type EngineOperation = 'submit' | 'take' | 'approve' | 'refuse' | 'cancel'

export type Transition = { operation: Exclude<EngineOperation, 'submit'>; from: readonly RequestStatus[]; to: RequestStatus }

export type RefusalGround = {
  code: string
  // A short name to pick it by; the full text follows it on screen and on the refusal notice.
  titleKk: string
  titleRu: string
  // The regulation's own words, and our Russian translation of them.
  kk: string
  ru: string
  source: string
}

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

export type DecidedRequest = {
  id: string
  organizationId: number
  patientId: number
  channel: RequestChannel
  payload: Record<string, unknown>
}

export type DecisionContext = { actorId: number; today: string; now: Date }

// What every public service declares; the engine (lib/requests/engine.ts) runs them all the same way.
export type ServiceDefinition<Payload extends Record<string, unknown> = Record<string, unknown>> = {
  id: string
  // What the applicant submits: the form and the action share it.
  schema: z.ZodType<Payload>
  // The clinic the request goes to and the patient it is for, read from the submitted payload.
  organizationOf: (payload: Payload) => number
  patientOf: (payload: Payload) => number
  who: Record<EngineOperation, readonly Role[]>
  transitions: readonly Transition[]
  // The regulation's time limit for a request that came through this channel.
  deadline: (channel: RequestChannel) => Limit
  refusalGrounds: readonly RefusalGround[]
  // Checks against the database and the rules before the request is accepted (the clinic exists, the section is
  // its own, the basis applies to this person today…).
  validate?: (
    db: Database,
    payload: Payload,
    // `family`: the request is one member's of a family application (Rules of attachment p.30 para 2).
    context: { actor: Actor; now: Date; channel: RequestChannel; family?: boolean },
  ) => Promise<{ ok: true } | { ok: false; code: ErrorCode; field?: string }>
  // The SMS the receipt and a decision send, where the service words them its own way (default: request submitted,
  // approved, refused).
  templates?: Partial<Record<'submit' | 'approve' | 'refuse', SmsTemplate>>
  // Why the request cannot be approved on this day though it was valid when submitted (a message key), or null.
  approvalBlock?: (request: DecidedRequest, context: { today: string }) => ErrorCode | null
  // The effect of approval, in the same transaction as the status change (the request row already carries the
  // decision: status, decided_by, decided_at).
  onApprove?: (tx: Transaction, request: DecidedRequest, context: DecisionContext) => Promise<void>
  // The effect of a refusal (the refusal notice), in the same transaction; the row carries the ground and reason.
  onRefuse?: (tx: Transaction, request: DecidedRequest, context: DecisionContext) => Promise<void>
}

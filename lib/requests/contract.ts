import type { z } from 'zod'
import type { Database, Transaction } from '@/db/client'
import type { Locale, RequestChannel, RequestStatus } from '@/db/schema'
import type { Actor, Role } from '@/lib/auth/actor'
import type { Limit } from '@/lib/calendar'
import type { ErrorCode } from '@/lib/errors/codes'
import type { Translate } from '@/lib/i18n/messages'
import type { SmsTemplate } from '@/lib/notifications/outbox'

export type { Translate }
import type { AnyDocumentKind } from '@/lib/documents/contract'

export type { Transaction }

// What a person may do to a request of a service. `read` is seeing it at all (the request page, the queue).
export const serviceOperations = ['submit', 'read', 'take', 'approve', 'refuse', 'cancel'] as const
export type ServiceOperation = (typeof serviceOperations)[number]
export type EngineOperation = Exclude<ServiceOperation, 'read'>

// `reopen` is no person's operation: a decision of a request that contests this one (a satisfied complaint, Rules of
// attachment p.40) takes this one's decision back for a new one, in the same transaction (ServiceDefinition.contests).
export type Transition = {
  operation: Exclude<EngineOperation, 'submit'> | 'reopen'
  from: readonly RequestStatus[]
  to: RequestStatus
}

// A decision as a contesting service reads it to say whether the contested decision is reopened.
export type DecisionOutcome = { operation: 'approve' } | { operation: 'refuse'; ground: string }

// A request that contests another one's decision (a complaint, Rules of attachment p.38-40).
export type Contest<Payload> = {
  // The contested request: the same clinic's and patient's, set on the server when the request was made.
  requestOf: (payload: Payload) => string
  // Whether this decision of the contesting request reopens the contested one (its service's `reopen` transition), in
  // the same transaction. A contested request in a status its service cannot reopen from stays as it is.
  reopensOn: (decision: DecisionOutcome, payload: Payload) => boolean
}

// The service's own words for a decision, where the engine's "approved" / "refused" would mislead (a complaint is
// satisfied or forwarded, not approved or refused): message keys.
export type DecisionWords = {
  status: string
  heading: string
  // The labels of the refusal's ground and its text, and of the note an approval carries.
  ground?: string
  reason?: string
}

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

// A decided request as a service's hooks see it: the payload parsed again through the service's own schema.
export type DecidedRequest<Payload = Record<string, unknown>> = {
  id: string
  organizationId: number
  patientId: number
  channel: RequestChannel
  // When it was submitted: a rule may follow from the day of the application, not of the decision (a campaign's
  // 1 January, p.32).
  submittedAt: Date
  // The request group it was submitted and is decided with (a family, p.30 para 2), or null.
  groupId: string | null
  payload: Payload
}

export type DecisionContext = { actorId: number; today: string; now: Date }

// One labelled line of what was asked, as the generic request page shows it.
export type SummaryRow = {
  label: string
  value: string
  // Shown after the value in a quieter colour ("actual residence").
  note?: string
  // A red badge after the value (a newborn registered late).
  alert?: string
  // A line of its own below the value.
  block?: string
  // Keep the applicant's own line breaks (a complaint's text).
  multiline?: boolean
  // The value links to another request of the same patient (the decision a complaint contests): its id; each page
  // makes the link to its own audience's page of that request.
  requestId?: string
}

// A short red marker on a queue row, with its full meaning as a tooltip.
export type QueueFlag = { short: string; title: string }

// The messages a service owns, merged into the app's by lib/i18n (each service keeps its own kk/ru files).
export type ServiceMessages = { kk: Record<string, unknown>; ru: Record<string, unknown> }

// Work a service needs done every night (Asia/Almaty), whatever else happened that day.
export type NightlyJob = { name: string; run: (db: Database, today: string) => Promise<unknown> }

// Work a service needs done within a minute of a moment no person acts at (a consent that ran out, a step an
// interrupted request left undone): run every minute by lib/jobs with the moment of the run.
export type MinuteSweep = { name: string; run: (db: Database, now: Date) => Promise<unknown> }

// What every public service declares; the engine (lib/requests/engine.ts), documents, PDF, jobs, authorization and
// the shared request screens run them all the same way and know none of them by name (docs/adding-a-service.md).
// What the person approving chooses for one request (attachment: the section, when the request left it to the clinic):
// offered on the decision panel with a suggestion, and completed into the stored payload inside the deciding
// transaction. `value` is the suggestion, or null when there is none.
export type ApprovalChoice = {
  name: string
  // Message keys: the field's label and the hint under it.
  label: string
  hint?: string
  options: readonly { value: string; label: string }[]
  value: string | null
}

export type ApprovalDetails<Payload> = {
  // The choices to offer for this request (none when its payload already says).
  choices: (
    db: Database,
    request: { id: string; organizationId: number; patientId: number; payload: Payload },
    context: { today: string; locale: Locale },
  ) => Promise<ApprovalChoice[]>
  // The payload the approval goes on with, from what was chosen (a caller that chose nothing gets the suggestion), or
  // the field and reason why it cannot be approved so.
  complete: (
    tx: Transaction,
    request: DecidedRequest<Payload>,
    chosen: Readonly<Record<string, string>> | undefined,
    context: { today: string },
  ) => Promise<{ ok: true; payload: Payload } | { ok: false; code: ErrorCode; field: string }>
}

// What a registrar may correct of a decided request after a signer returned one of its documents ("address wrong"):
// the facts the documents were made from (attachment: the address, the section, the details of the basis). The
// engine (lib/requests/correct.ts) stores the corrected payload and supersedes the returned document in one
// transaction; the service says which facts are correctable, offers their choices and checks them by its own rules.
export type CorrectionDetails<Payload> = {
  // The correctable facts as the form sends them: the form and the engine parse with it (message keys as errors).
  schema: z.ZodType<Record<string, unknown>, unknown>
  // The facts as the payload has them now: the form starts from them.
  current: (payload: Payload) => Record<string, string>
  // The choices a select offers (the sections that serve the person's age), by field name.
  choices: (
    db: Database,
    request: { id: string; organizationId: number; patientId: number; payload: Payload },
    context: { today: string; locale: Locale },
  ) => Promise<ApprovalChoice[]>
  // The corrected payload, with what it changes in the service's own tables done in the same transaction (an
  // attachment's section), or the field and reason it cannot be corrected so. `facts` is the schema's output;
  // `changes` is what the request's history keeps, field by field, as a reader would see it (its eventNote says it).
  apply: (
    tx: Transaction,
    request: DecidedRequest<Payload>,
    facts: Record<string, unknown>,
    context: { today: string; now: Date; actorId: number; reason: string },
  ) => Promise<
    | { ok: true; payload: Payload; changes: Record<string, { before: string | null; after: string | null }> }
    | { ok: false; code: ErrorCode; field: string }
  >
}

export type ServiceDefinition<Payload extends Record<string, unknown> = Record<string, unknown>, Facts = unknown> = {
  id: string
  // What the applicant submits: the form and the action share it, and the engine parses a stored payload with it
  // again before a decision, so it parses its own output.
  schema: z.ZodType<Payload, unknown>
  // The clinic the request goes to and the patient it is for, read from the submitted payload.
  organizationOf: (payload: Payload) => number
  patientOf: (payload: Payload) => number
  // Who may do what; staff act at their own clinic, patients for themselves and those they represent.
  who: Record<ServiceOperation, readonly Role[]>
  // Where a request can be made: its own form on the patient's pages (portal) or at the front desk (desk). A service
  // that comes from another request (a complaint about a decision) has none of its own.
  channels: readonly RequestChannel[]
  // The service's own pages, for the lists of services a person can ask for.
  routes?: Partial<Record<RequestChannel, string>>
  transitions: readonly Transition[]
  // The regulation's time limit for a request that came through this channel.
  deadline: (channel: RequestChannel) => Limit
  refusalGrounds: readonly RefusalGround[]
  // Checks against the database and the rules before the request is accepted (the clinic exists, the section is
  // its own, the basis applies to this person today…).
  validate?: (
    db: Database,
    payload: Payload,
    // `group`: the request is one member's of a request group (a family, p.30 para 2).
    context: { actor: Actor; now: Date; channel: RequestChannel; group?: boolean },
  ) => Promise<{ ok: true } | { ok: false; code: ErrorCode; field?: string }>
  // The SMS the receipt and a decision send, where the service words them its own way (default: request submitted,
  // approved, refused): keys under `sms` in the service's messages.
  // A decision's template null: the decision sends none of its own, the documents' ready notice tells the applicant.
  templates?: Partial<Record<'submit', SmsTemplate>> & Partial<Record<'approve' | 'refuse', SmsTemplate | null>>
  // A decision's SMS where it depends on more than approve / refuse (a complaint partly satisfied, or satisfied with
  // the contested decision reopened); null falls back to `templates`.
  decisionTemplate?: (decision: DecisionOutcome & { reopened: boolean }, payload: Payload) => SmsTemplate | null
  // An approval that must say something to the applicant (a complaint's answer, p.38): the message key when the note
  // is missing. Every refusal carries its reason already.
  approvalNote?: { required: ErrorCode }
  // The request this one contests, and which of its decisions reopen that one (a complaint about a decision).
  contests?: Contest<Payload>
  // The service's own words for a decided request of this status and refusal ground, or null for the engine's.
  decisionWords?: (decision: { status: RequestStatus; refusalGround: string | null }) => DecisionWords | null
  // Why the request cannot be approved on this day though it was valid when submitted (a message key), or null.
  // Asked inside the deciding transaction, after the request rows are locked and before any of them changes, so a
  // limit that several requests share (two free choices a year, p.31(2)) can lock what it counts and hold under
  // concurrent decisions.
  approvalBlock?: (
    tx: Transaction,
    request: DecidedRequest<Payload>,
    context: { today: string },
  ) => Promise<ErrorCode | null> | ErrorCode | null
  // Why the request cannot be refused now (a message key), or null: asked like approvalBlock, inside the deciding
  // transaction. A certificate about another person is refused only for lack of that person's consent, once she
  // refused or the time to answer ran out (Order ҚР ДСМ-49/2020 list row 10).
  refusalBlock?: (
    tx: Transaction,
    request: DecidedRequest<Payload>,
    context: { now: Date },
  ) => Promise<ErrorCode | null> | ErrorCode | null
  // The effect of approval, in the same transaction as the status change (the request row already carries the
  // decision: status, decided_by, decided_at).
  approvalDetails?: ApprovalDetails<Payload>
  // What a registrar may correct after a signer returned a document (CorrectionDetails).
  correction?: CorrectionDetails<Payload>
  onApprove?: (tx: Transaction, request: DecidedRequest<Payload>, context: DecisionContext) => Promise<void>
  // The effect of a refusal, in the same transaction; the row carries the ground and reason.
  onRefuse?: (tx: Transaction, request: DecidedRequest<Payload>, context: DecisionContext) => Promise<void>
  // The documents a decision makes, frozen in the deciding transaction after the hook and waiting for their signers;
  // and those a submission through a channel makes (kinds `madeAt: 'submission'`), frozen in the submitting
  // transaction with the request, its event, audit row and receipt: the written application a registrar takes at
  // the desk (Rules of attachment p.23). A replayed submission makes none.
  documents?: {
    kinds: readonly AnyDocumentKind[]
    onSubmit?: Partial<Record<RequestChannel, readonly string[]>>
    onApprove?: readonly string[]
    onRefuse?: readonly string[]
  }
  // What the generic request page shows of the payload, and what else it needs from the database to show it.
  facts?: (
    db: Database,
    request: { organizationId: number; patientId: number; payload: Payload },
    today: string,
  ) => Promise<Facts>
  summary: (payload: Payload, context: { t: Translate; locale: Locale; submittedOn: string; facts: Facts }) => SummaryRow[]
  // What the timeline says under an event of the service's own (an answer recorded from outside), or null.
  eventNote?: (event: { type: string; data: Record<string, unknown> }, t: Translate) => string | null
  // The payload fields a queue row needs for its flags (read for every row: keep it to a few small fields).
  queueFields?: readonly string[]
  queueFlags?: (fields: Record<string, unknown>, context: { t: Translate; submittedOn: string }) => QueueFlag[]
  // Constraints of the service's own tables a decision may run into, and the message each means to the person.
  constraints?: Record<string, ErrorCode>
  jobs?: readonly NightlyJob[]
  sweeps?: readonly MinuteSweep[]
  messages: ServiceMessages
}

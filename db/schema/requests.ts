import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { organizations } from './organizations'
import { patients, staff } from './people'

export const requestStatuses = ['submitted', 'in_review', 'approved', 'signed', 'issued', 'refused', 'cancelled'] as const
export type RequestStatus = (typeof requestStatuses)[number]
export const requestChannels = ['portal', 'desk'] as const
export type RequestChannel = (typeof requestChannels)[number]

// Requests submitted and decided together (a family attached on one member's written consent, Rules of attachment
// p.30 para 2): the engine creates the group and its members in one transaction (lib/requests/group.ts).
export const requestGroups = pgTable('request_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: bigint('organization_id', { mode: 'number' })
    .notNull()
    .references(() => organizations.id),
  // The person who applied for the whole group; told of a member's decision when the member has no phone.
  applicantPatientId: bigint('applicant_patient_id', { mode: 'number' })
    .notNull()
    .references(() => patients.id),
  writtenConsent: boolean('written_consent').notNull(),
  // The form's key: a double click or a replay finds the group it created. Each member's request has its own key.
  idempotencyKey: text('idempotency_key').notNull().unique('request_groups_idempotency_key_unique'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

// A service request (өтінім); `service` names a definition in lib/services/<service>.
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The number people say aloud at the desk ("өтінім №1042").
    number: bigint('number', { mode: 'number' })
      .generatedAlwaysAsIdentity({ startWith: 1001 })
      .notNull()
      .unique('requests_number_unique'),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    patientId: bigint('patient_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    applicantPatientId: bigint('applicant_patient_id', { mode: 'number' }).references(() => patients.id),
    applicantStaffId: bigint('applicant_staff_id', { mode: 'number' }).references(() => staff.id),
    service: text('service').notNull(),
    channel: text('channel').$type<RequestChannel>().notNull(),
    status: text('status').$type<RequestStatus>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique('requests_idempotency_key_unique'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assigneeId: bigint('assignee_id', { mode: 'number' }).references(() => staff.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => staff.id),
    refusalGround: text('refusal_ground'),
    refusalReason: text('refusal_reason'),
    version: integer('version').notNull().default(1),
    groupId: uuid('group_id').references(() => requestGroups.id),
  },
  (t) => [
    check(
      'requests_status_check',
      sql`${t.status} in ('submitted', 'in_review', 'approved', 'signed', 'issued', 'refused', 'cancelled')`,
    ),
    check('requests_channel_check', sql`${t.channel} in ('portal', 'desk')`),
    check('requests_applicant_check', sql`${t.applicantPatientId} is not null or ${t.applicantStaffId} is not null`),
    check(
      'requests_refusal_check',
      sql`${t.status} <> 'refused' or (${t.refusalGround} is not null and ${t.refusalReason} is not null)`,
    ),
    index('requests_queue_idx').on(t.organizationId, t.status, t.dueAt),
    // One open request per patient, service and clinic: a second one is a mistake or a double submit with a new key.
    uniqueIndex('requests_one_open_per_patient_service')
      .on(t.patientId, t.service, t.organizationId)
      .where(sql`${t.status} in ('submitted', 'in_review')`),
    index('requests_patient_idx').on(t.patientId, t.submittedAt),
    // A group's requests are found, locked and decided together.
    index('requests_group_idx')
      .on(t.organizationId, t.groupId)
      .where(sql`${t.groupId} is not null`),
  ],
)

export const actorKinds = ['patient', 'staff', 'system', 'anonymous'] as const
export type ActorKind = (typeof actorKinds)[number]

// Append-only history of a request (a trigger refuses UPDATE, DELETE and TRUNCATE, of each monthly partition too).
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    type: text('type').notNull(),
    fromStatus: text('from_status').$type<RequestStatus>(),
    toStatus: text('to_status').$type<RequestStatus>(),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    actorId: bigint('actor_id', { mode: 'number' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'request_events_pkey', columns: [t.id, t.createdAt] }),
    check('request_events_actor_kind_check', sql`${t.actorKind} in ('patient', 'staff', 'system', 'anonymous')`),
    index('request_events_request_idx').on(t.requestId, t.createdAt),
    // The complaints board's "forwarded and not yet answered by quality control" (lib/services/complaint/queries.ts):
    // the answered complaints as one small set, not a probe of every month's index per complaint shown.
    index('request_events_quality_control_answer_idx')
      .on(t.requestId)
      .where(sql`${t.type} = 'quality_control_answer'`),
  ],
)

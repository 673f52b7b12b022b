import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { attachmentProtocols } from './attachment-protocols'
import { careStopNotices } from './care-stop'
import { patients } from './people'
import { requests } from './requests'

export const notificationChannels = ['sms', 'portal'] as const
export type NotificationChannel = (typeof notificationChannels)[number]
export const notificationStatuses = ['pending', 'sent', 'failed'] as const
export type NotificationStatus = (typeof notificationStatuses)[number]

// Outbox: written in the same transaction as the change it reports, delivered by a background worker.
// Partitioned by month of created_at (migration 0015, docs/decisions.md "Partitions and retention"): the key is in the
// primary key.
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    recipient: text('recipient').notNull(),
    patientId: bigint('patient_id', { mode: 'number' }).references(() => patients.id),
    requestId: uuid('request_id').references(() => requests.id),
    careStopNoticeId: bigint('care_stop_notice_id', { mode: 'number' }).references(() => careStopNotices.id),
    attachmentProtocolId: bigint('attachment_protocol_id', { mode: 'number' }).references(() => attachmentProtocols.id),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    body: text('body').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<NotificationStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'notifications_pkey', columns: [t.id, t.createdAt] }),
    check('notifications_channel_check', sql`${t.channel} in ('sms', 'portal')`),
    check('notifications_status_check', sql`${t.status} in ('pending', 'sent', 'failed')`),
    index('notifications_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    index('notifications_patient_idx').on(t.patientId, t.createdAt),
    index('notifications_care_stop_idx')
      .on(t.careStopNoticeId, t.status)
      .where(sql`${t.careStopNoticeId} is not null`),
    index('notifications_attachment_protocol_idx')
      .on(t.attachmentProtocolId, t.status)
      .where(sql`${t.attachmentProtocolId} is not null`),
  ],
)

// Sign-in codes for patients: stored as an HMAC, valid 5 minutes, usable once.
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    patientId: bigint('patient_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('one_time_codes_purpose_check', sql`${t.purpose} in ('sign_in')`),
    index('one_time_codes_patient_idx').on(t.patientId, t.createdAt),
  ],
)

// One row per sign-in attempt, keyed by the login or IIN typed (known or not).
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    succeeded: boolean('succeeded').notNull(),
    address: text('address'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_attempts_key_idx').on(t.key, t.at)],
)

// Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (of each monthly partition too).
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: bigint('actor_id', { mode: 'number' }),
    organizationId: bigint('organization_id', { mode: 'number' }),
    patientId: bigint('patient_id', { mode: 'number' }),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    address: text('address'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ name: 'audit_log_pkey', columns: [t.id, t.at] }),
    check('audit_log_actor_kind_check', sql`${t.actorKind} in ('patient', 'staff', 'system', 'anonymous')`),
    index('audit_log_patient_idx').on(t.patientId, t.at),
    index('audit_log_organization_idx').on(t.organizationId, t.at),
  ],
)

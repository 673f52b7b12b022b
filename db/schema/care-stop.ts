import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { organizations } from './organizations'
import { staff } from './people'

// Rules of attachment p.34: why a clinic stops providing primary care.
export const careStopReasons = [
  'contract_terminated',
  'contract_amended',
  'reorganization',
  'liquidation',
  'non_placement',
] as const
export type CareStopReason = (typeof careStopReasons)[number]

// A clinic's notice to its attached population that it stops providing primary care (p.34), with the SMS it sent.
export const careStopNotices = pgTable(
  'care_stop_notices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').$type<CareStopReason>().notNull(),
    // Reorganization, liquidation, non-placement: the day the clinic learned of it (p.34(2)-(3)).
    learnedOn: date('learned_on', { mode: 'string' }),
    // The day primary care stops: for a contract, the day it is terminated or amended (p.34(1)).
    stopsOn: date('stops_on', { mode: 'string' }).notNull(),
    noticeDue: date('notice_due', { mode: 'string' }).notNull(),
    note: text('note'),
    // Counted when the notice was recorded: people attached, and how many of them had no phone to send to.
    attachedCount: integer('attached_count').notNull(),
    withoutPhoneCount: integer('without_phone_count').notNull(),
    recordedBy: bigint('recorded_by', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    idempotencyKey: uuid('idempotency_key').notNull().unique('care_stop_notices_idempotency_unique'),
  },
  (t) => [
    check(
      'care_stop_notices_reason_check',
      sql`${t.reason} in ('contract_terminated', 'contract_amended', 'reorganization', 'liquidation', 'non_placement')`,
    ),
    check(
      'care_stop_notices_learned_check',
      sql`${t.reason} in ('contract_terminated', 'contract_amended') or ${t.learnedOn} is not null`,
    ),
    index('care_stop_notices_organization_idx').on(t.organizationId, t.recordedAt),
  ],
)

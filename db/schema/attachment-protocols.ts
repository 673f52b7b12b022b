import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { organizations } from './organizations'
import { staff } from './people'

// Rules of attachment p.16, p.35: the Fund's placement results protocol; p.36: a regional commission's protocol.
export const attachmentProtocolKinds = ['fund_placement', 'regional_commission'] as const
export type AttachmentProtocolKind = (typeof attachmentProtocolKinds)[number]

// p.31(6) clinic refusal, reorganization or liquidation, (7) non-placement of volumes, (8) a new facility: the grounds
// on which a population is attached without a request of its own (p.16, p.35).
export const protocolBases = ['clinic_refusal', 'non_placement', 'new_facility'] as const
export type ProtocolBasis = (typeof protocolBases)[number]

// A protocol the receiving clinic recorded and applied in one transaction: its people were attached to the clinic.
export const attachmentProtocols = pgTable(
  'attachment_protocols',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<AttachmentProtocolKind>().notNull(),
    number: text('number').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    // p.35: the end of the first working day after the protocol was received.
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    basis: text('basis').$type<ProtocolBasis>().notNull(),
    // The attachments it created start on this day (Asia/Almaty).
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    appliedBy: bigint('applied_by', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    peopleCount: integer('people_count').notNull(),
    // p.36: people with no phone of their own or of a legal representative are notified in writing.
    withoutPhoneCount: integer('without_phone_count').notNull(),
    idempotencyKey: uuid('idempotency_key').notNull().unique('attachment_protocols_idempotency_unique'),
  },
  (t) => [
    unique('attachment_protocols_number_unique').on(t.organizationId, t.kind, t.number),
    check('attachment_protocols_kind_check', sql`${t.kind} in ('fund_placement', 'regional_commission')`),
    check('attachment_protocols_basis_check', sql`${t.basis} in ('clinic_refusal', 'non_placement', 'new_facility')`),
    check(
      'attachment_protocols_people_check',
      sql`${t.peopleCount} > 0 and ${t.withoutPhoneCount} between 0 and ${t.peopleCount}`,
    ),
    index('attachment_protocols_organization_idx').on(t.organizationId, t.appliedAt),
  ],
)

import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { attachmentProtocols } from './attachment-protocols'
import { organizations, sections } from './organizations'
import { patients } from './people'
import { requests } from './requests'

// Rules of attachment p.31: the eight bases of attachment and change of attachment.
export const attachmentBases = [
  'residence_change',
  'free_choice',
  'campaign',
  'insurance_contract',
  'commission_disagreement',
  'clinic_refusal',
  'non_placement',
  'new_facility',
] as const
export type AttachmentBasis = (typeof attachmentBases)[number]

// scheduled: approved but not yet in effect (a campaign attachment waits for 1 January, p.32).
export const attachmentStatuses = ['scheduled', 'active', 'ended'] as const
export type AttachmentStatus = (typeof attachmentStatuses)[number]

export const attachments = pgTable(
  'attachments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    patientId: bigint('patient_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    sectionId: bigint('section_id', { mode: 'number' }).references(() => sections.id),
    basis: text('basis').$type<AttachmentBasis>().notNull(),
    status: text('status').$type<AttachmentStatus>().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    sourceRequestId: uuid('source_request_id').references(() => requests.id),
    // Attached without a request of their own, by a protocol (p.16, p.35-36).
    protocolId: bigint('protocol_id', { mode: 'number' }).references(() => attachmentProtocols.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attachments_one_active_per_patient')
      .on(t.patientId)
      .where(sql`${t.status} = 'active'`),
    check('attachments_status_check', sql`${t.status} in ('scheduled', 'active', 'ended')`),
    check(
      'attachments_basis_check',
      sql`${t.basis} in ('residence_change', 'free_choice', 'campaign', 'insurance_contract', 'commission_disagreement', 'clinic_refusal', 'non_placement', 'new_facility')`,
    ),
    check(
      'attachments_protocol_basis_check',
      sql`${t.protocolId} is null or ${t.basis} in ('clinic_refusal', 'non_placement', 'new_facility')`,
    ),
    check('attachments_period_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    index('attachments_organization_idx').on(t.organizationId, t.status),
    index('attachments_section_idx').on(t.sectionId, t.status),
    index('attachments_protocol_idx')
      .on(t.protocolId)
      .where(sql`${t.protocolId} is not null`),
  ],
)

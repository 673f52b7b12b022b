import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { attachmentProtocols } from './attachment-protocols'
import { organizations, sections } from './organizations'
import { patients, staff } from './people'
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

// The register of attached population as the screens read it: one row per person with an active attachment, with
// their names (collation `kazakh`) beside the clinic and section, so the register and the name search are served
// from the clinic's own index slice, in Kazakh alphabetical order, whatever the region's size. Kept by triggers on
// `attachments` and `patients` (migration 0014); never written by the app.
export const registerEntries = pgTable(
  'register_entries',
  {
    patientId: bigint('patient_id', { mode: 'number' })
      .primaryKey()
      .references(() => patients.id),
    attachmentId: bigint('attachment_id', { mode: 'number' })
      .notNull()
      .references(() => attachments.id),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    sectionId: bigint('section_id', { mode: 'number' }).references(() => sections.id),
    validTo: date('valid_to', { mode: 'string' }),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    // The names as a Russian keyboard spells them (lib/text/fold.ts; collation "C", so a prefix is an index range).
    lastNameFolded: text('last_name_folded').generatedAlwaysAs(sql`fold_name(last_name)`),
    firstNameFolded: text('first_name_folded').generatedAlwaysAs(sql`fold_name(first_name)`),
    middleNameFolded: text('middle_name_folded').generatedAlwaysAs(sql`fold_name(middle_name)`),
  },
  (t) => [
    uniqueIndex('register_entries_attachment_idx').on(t.attachmentId),
    index('register_entries_last_name_idx').on(t.organizationId, t.lastName, t.firstName, t.patientId),
    index('register_entries_first_name_idx').on(t.organizationId, t.firstName, t.lastName, t.patientId),
    index('register_entries_middle_name_idx')
      .on(t.organizationId, t.middleName, t.lastName, t.patientId)
      .where(sql`${t.middleName} is not null`),
    index('register_entries_last_folded_idx').on(t.organizationId, t.lastNameFolded, t.patientId),
    index('register_entries_first_folded_idx').on(t.organizationId, t.firstNameFolded, t.patientId),
    index('register_entries_middle_folded_idx')
      .on(t.organizationId, t.middleNameFolded, t.patientId)
      .where(sql`${t.middleNameFolded} is not null`),
    index('register_entries_section_idx').on(t.organizationId, t.sectionId, t.lastName, t.firstName, t.patientId),
    index('register_entries_lapsing_idx')
      .on(t.organizationId, t.validTo)
      .where(sql`${t.validTo} is not null`),
  ],
)

// How many people each section (and each clinic, under a null section) has attached: the load a person sees when
// choosing a clinic, and the register's total. Kept by statement triggers on `register_entries` (migration 0014).
export const attachedCounts = pgTable(
  'attached_counts',
  {
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    sectionId: bigint('section_id', { mode: 'number' }).references(() => sections.id),
    attached: integer('attached').notNull(),
  },
  (t) => [unique('attached_counts_section_unique').on(t.organizationId, t.sectionId).nullsNotDistinct()],
)

// A section changed inside the clinic on an attachment in force (Rules of attachment p.18: the doctor is chosen within
// the clinic of attachment), or corrected after the section's doctor returned the notice: the section it had, the one
// it got, why, who and when. Appended, never changed; the attachment row carries the section now.
export const attachmentSectionChanges = pgTable(
  'attachment_section_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    attachmentId: bigint('attachment_id', { mode: 'number' })
      .notNull()
      .references(() => attachments.id),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    fromSectionId: bigint('from_section_id', { mode: 'number' }).references(() => sections.id),
    toSectionId: bigint('to_section_id', { mode: 'number' })
      .notNull()
      .references(() => sections.id),
    reason: text('reason').notNull(),
    // 'change': a change inside the clinic; 'correction': the request's facts corrected after a returned document.
    cause: text('cause').$type<'change' | 'correction'>().notNull(),
    changedBy: bigint('changed_by', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('attachment_section_changes_attachment_idx').on(t.attachmentId, t.changedAt),
    check('attachment_section_changes_cause_check', sql`${t.cause} in ('change', 'correction')`),
  ],
)

import { sql } from 'drizzle-orm'
import { bigint, boolean, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { attachments } from './attachments'
import { organizations } from './organizations'
import { patients, staff } from './people'

// Where a registered person's identity data came from: the national register of individuals (lib/register-of-
// individuals), or typed by the registrar from the identity document presented when the register did not know the IIN.
export const registrationSources = ['register', 'document'] as const
export type RegistrationSource = (typeof registrationSources)[number]

// A walk-in registered at a clinic's desk (issue 15): who registered them, when, from what, and whether the person
// consented to SMS on the phone typed (Rules of attachment p.24: a phone typed by hand only with consent).
export const patientRegistrations = pgTable(
  'patient_registrations',
  {
    patientId: bigint('patient_id', { mode: 'number' })
      .primaryKey()
      .references(() => patients.id),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    registeredBy: bigint('registered_by', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    source: text('source').$type<RegistrationSource>().notNull(),
    phoneConsent: boolean('phone_consent').notNull(),
    idempotencyKey: uuid('idempotency_key').notNull().unique('patient_registrations_idempotency_unique'),
  },
  (t) => [check('patient_registrations_source_check', sql`${t.source} in ('register', 'document')`)],
)

// Why an attachment ended other than by its contract's term: the person died, left the country, or was attached to
// another clinic (annulled order 004 annex 3 p.6(4), Rules of attachment p.14). Attachment elsewhere is recorded by the
// approval that attaches the person (recorded_by null); the others by the clinic's registrar or head.
export const detachmentReasons = ['death', 'left_country', 'attached_elsewhere'] as const
export type DetachmentReason = (typeof detachmentReasons)[number]

export const detachments = pgTable(
  'detachments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    attachmentId: bigint('attachment_id', { mode: 'number' })
      .notNull()
      .references(() => attachments.id),
    patientId: bigint('patient_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    // The clinic the person was detached from.
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').$type<DetachmentReason>().notNull(),
    detachedOn: date('detached_on', { mode: 'string' }).notNull(),
    note: text('note'),
    recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    // The form's key, so a double submit records one detachment (none on an automatic one).
    idempotencyKey: uuid('idempotency_key').unique('detachments_idempotency_unique'),
  },
  (t) => [
    uniqueIndex('detachments_attachment_unique').on(t.attachmentId),
    // A person dies once: the check before a new request is one probe of this index.
    uniqueIndex('detachments_one_death_per_patient')
      .on(t.patientId)
      .where(sql`${t.reason} = 'death'`),
    check('detachments_reason_check', sql`${t.reason} in ('death', 'left_country', 'attached_elsewhere')`),
    check('detachments_recorded_by_check', sql`${t.reason} = 'attached_elsewhere' or ${t.recordedBy} is not null`),
    index('detachments_organization_idx').on(t.organizationId, t.detachedOn, t.id),
  ],
)

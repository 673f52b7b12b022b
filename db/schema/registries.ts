import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  date,
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
import { requests } from './requests'

// Issue 16 (Order ҚР ДСМ-49/2020): the registries of dynamic observation kept by the region's centres. A centre keeps
// the registry of its organization type (tb_centre → tb, mental_health_centre → mental_health, narcology_centre →
// narcology); a certificate request reads only its own registry (rule 26).
export const dispensaryRegistries = ['tb', 'mental_health', 'narcology'] as const
export type DispensaryRegistry = (typeof dispensaryRegistries)[number]

// One person's dynamic observation in one registry: from `observed_since` until removed. A removed record stays (the
// history of a person); a person has at most one active record per registry. `iin` is null for an old record kept
// without one (matched to a request only by name and birth date, and then by the centre's doctor, not automatically).
export const dispensaryRecords = pgTable(
  'dispensary_records',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    registry: text('registry').$type<DispensaryRegistry>().notNull(),
    patientId: bigint('patient_id', { mode: 'number' }).references(() => patients.id),
    iin: text('iin'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    // The dispensary group of observation, as the centre writes it (e.g. "IA", "II", "D-1").
    observationGroup: text('observation_group').notNull(),
    observedSince: date('observed_since', { mode: 'string' }).notNull(),
    addedBy: bigint('added_by', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    // 'screen': added on the centre's screen; 'import': from a CSV import (import_id).
    source: text('source').notNull().default('screen'),
    importId: uuid('import_id'),
    removedOn: date('removed_on', { mode: 'string' }),
    removalReason: text('removal_reason'),
    removedBy: bigint('removed_by', { mode: 'number' }).references(() => staff.id),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    // The add form's key (migration 0025): a double click or a resend adds one record, not two.
    idempotencyKey: uuid('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('dispensary_records_registry_check', sql`${t.registry} in ('tb', 'mental_health', 'narcology')`),
    check('dispensary_records_iin_check', sql`${t.iin} is null or ${t.iin} ~ '^[0-9]{12}$'`),
    check('dispensary_records_source_check', sql`${t.source} in ('screen', 'import')`),
    check(
      'dispensary_records_removal_check',
      sql`(${t.removedOn} is null) = (${t.removalReason} is null) and (${t.removedOn} is null) = (${t.removedBy} is null)`,
    ),
    check('dispensary_records_dates_check', sql`${t.removedOn} is null or ${t.removedOn} >= ${t.observedSince}`),
    // A person is under observation at most once per registry at a time: a second active record is a duplicate.
    uniqueIndex('dispensary_records_one_active')
      .on(t.registry, t.iin)
      .where(sql`${t.removedOn} is null and ${t.iin} is not null`),
    // A certificate's match: by IIN, and the uncertain one by birth date (then name), active records only.
    index('dispensary_records_birth_idx')
      .on(t.registry, t.birthDate)
      .where(sql`${t.removedOn} is null`),
    // The centre's list, newest first, and a person's history.
    index('dispensary_records_list_idx').on(t.organizationId, t.id),
    index('dispensary_records_iin_idx').on(t.registry, t.iin, t.id),
    // The centre's list (migration 0025): active or removed records newest first, the search by surname (folded like
    // the patient search, lib/text/fold.ts) and by birth date.
    index('dispensary_records_active_idx')
      .on(t.organizationId, t.id)
      .where(sql`${t.removedOn} is null`),
    index('dispensary_records_removed_idx')
      .on(t.organizationId, t.id)
      .where(sql`${t.removedOn} is not null`),
    index('dispensary_records_last_folded_idx').on(t.organizationId, sql`(fold_name(${t.lastName}) collate "C")`, t.id),
    index('dispensary_records_org_birth_idx').on(t.organizationId, t.birthDate, t.id),
    uniqueIndex('dispensary_records_idempotency_unique').on(t.idempotencyKey),
  ],
)

// A record's history: appended, never changed (added, removed, imported).
export const dispensaryRecordEvents = pgTable(
  'dispensary_record_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    recordId: bigint('record_id', { mode: 'number' })
      .notNull()
      .references(() => dispensaryRecords.id),
    type: text('type').notNull(),
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('dispensary_record_events_type_check', sql`${t.type} in ('added', 'removed', 'imported')`),
    index('dispensary_record_events_record_idx').on(t.recordId, t.id),
  ],
)

export const consentStatuses = ['pending', 'given', 'refused', 'expired'] as const
export type ConsentStatus = (typeof consentStatuses)[number]

// R·p.4, list row 11: a certificate about another person needs that person's consent, given on her own pages or by a
// one-time code sent to the phone on record for her. One row per request about another person. The subject is null
// when the IIN is nobody the records know: the request then waits and is refused like an unanswered one, so that the
// requester learns nothing, not even whether the person exists (docs/decisions.md).
export const certificateConsents = pgTable(
  'certificate_consents',
  {
    requestId: uuid('request_id')
      .primaryKey()
      .references(() => requests.id),
    subjectPatientId: bigint('subject_patient_id', { mode: 'number' }).references(() => patients.id),
    requesterPatientId: bigint('requester_patient_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    // HMAC of the one-time code sent to the subject's phone on record; null when no code could be sent.
    codeHash: text('code_hash'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    status: text('status').$type<ConsentStatus>().notNull().default('pending'),
    // How it was given or refused: 'code' (the requester typed the code), 'cabinet' (the subject on her own pages),
    // 'timeout' (no answer within the window).
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('certificate_consents_status_check', sql`${t.status} in ('pending', 'given', 'refused', 'expired')`),
    check('certificate_consents_answer_check', sql`${t.answeredBy} is null or ${t.answeredBy} in ('code', 'cabinet', 'timeout')`),
    check('certificate_consents_attempts_check', sql`${t.attempts} >= 0`),
    // The subject's list of consent requests, and the sweep of unanswered ones.
    index('certificate_consents_subject_idx').on(t.subjectPatientId, t.createdAt),
    index('certificate_consents_pending_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
  ],
)

export const dispensaryImportStatuses = ['checking', 'checked', 'committed'] as const
export type DispensaryImportStatus = (typeof dispensaryImportStatuses)[number]

// Issue 16: a CSV of a centre's existing records, checked line by line before anything reaches `dispensary_records`.
// The file is streamed into `dispensary_import_lines` with each line's error (a message key); the preview reads them;
// a confirmation copies the lines in one transaction, only when no line has an error.
export const dispensaryImports = pgTable(
  'dispensary_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    registry: text('registry').$type<DispensaryRegistry>().notNull(),
    uploadedBy: bigint('uploaded_by', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    fileName: text('file_name').notNull(),
    status: text('status').$type<DispensaryImportStatus>().notNull().default('checking'),
    lines: integer('lines').notNull().default(0),
    errorLines: integer('error_lines').notNull().default(0),
    // A file the check stopped reading (not CSV, too large, a header of other columns): a message key.
    fileError: text('file_error'),
    // While 'checking', when the check last stored a batch (an hour without one is a lost upload); then when it ended.
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    committedBy: bigint('committed_by', { mode: 'number' }).references(() => staff.id),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('dispensary_imports_registry_check', sql`${t.registry} in ('tb', 'mental_health', 'narcology')`),
    check('dispensary_imports_status_check', sql`${t.status} in ('checking', 'checked', 'committed')`),
    index('dispensary_imports_organization_idx').on(t.organizationId, t.createdAt),
  ],
)

export const dispensaryImportLines = pgTable(
  'dispensary_import_lines',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => dispensaryImports.id),
    // The line of the file (the header is line 1).
    line: integer('line').notNull(),
    iin: text('iin'),
    lastName: text('last_name'),
    firstName: text('first_name'),
    middleName: text('middle_name'),
    birthDate: date('birth_date', { mode: 'string' }),
    observationGroup: text('observation_group'),
    observedSince: date('observed_since', { mode: 'string' }),
    patientId: bigint('patient_id', { mode: 'number' }).references(() => patients.id),
    // The line's first error (a message key) and its column; null when the line can be imported.
    error: text('error'),
    errorField: text('error_field'),
  },
  (t) => [
    primaryKey({ name: 'dispensary_import_lines_pk', columns: [t.importId, t.line] }),
    index('dispensary_import_lines_errors_idx')
      .on(t.importId, t.line)
      .where(sql`${t.error} is not null`),
    index('dispensary_import_lines_iin_idx').on(t.importId, t.iin),
  ],
)

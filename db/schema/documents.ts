import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { organizations } from './organizations'
import { patients, staff } from './people'
import { requests } from './requests'

export type SignerCertificate = {
  commonName: string
  subject: string
  issuer: string
  certificateSerial: string
  iin: string | null
  // The organization an employee's certificate names (absent in rows signed before issue 14).
  organization?: { name: string; bin: string } | null
}

export const documentStatuses = ['draft', 'awaiting_signature', 'signed', 'issued', 'revoked'] as const
export type DocumentStatus = (typeof documentStatuses)[number]

// A document is a frozen snapshot of what it certifies; a correction is a new document that supersedes it.
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    requestId: uuid('request_id').references(() => requests.id),
    patientId: bigint('patient_id', { mode: 'number' })
      .notNull()
      .references(() => patients.id),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    status: text('status').$type<DocumentStatus>().notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    snapshotHash: text('snapshot_hash').notNull(),
    verificationCode: text('verification_code').notNull().unique('documents_verification_code_unique'),
    signerId: bigint('signer_id', { mode: 'number' }).references(() => staff.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signature: text('signature'),
    // Who the certificate of the accepted signature names (common name, subject, issuer, serial), kept for the PDF's
    // signature band and the verification page.
    signerCertificate: jsonb('signer_certificate').$type<SignerCertificate>(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: bigint('revoked_by', { mode: 'number' }).references(() => staff.id),
    revokedReason: text('revoked_reason'),
    supersedesId: uuid('supersedes_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('documents_number_unique').on(t.organizationId, t.kind, t.number),
    check('documents_status_check', sql`${t.status} in ('draft', 'awaiting_signature', 'signed', 'issued', 'revoked')`),
    check('documents_hash_format_check', sql`${t.snapshotHash} ~ '^[0-9a-f]{64}$'`),
    check('documents_revocation_check', sql`${t.status} <> 'revoked' or ${t.revokedReason} is not null`),
    index('documents_request_idx').on(t.requestId),
    index('documents_patient_idx').on(t.patientId),
    // The signing inbox: what waits for this person's signature.
    index('documents_signer_idx').on(t.signerId, t.status),
    // The queue's "sent back by its signer": a clinic's drafts, and whether a correction supersedes each.
    index('documents_drafts_idx')
      .on(t.organizationId, t.requestId)
      .where(sql`${t.status} = 'draft'`),
    index('documents_supersedes_idx')
      .on(t.supersedesId)
      .where(sql`${t.supersedesId} is not null`),
  ],
)

// The last number a clinic gave to each kind of document. Upserted with RETURNING inside the transaction that creates
// the document: the row lock makes two concurrent creations take 1 and 2, never the same number.
export const documentCounters = pgTable(
  'document_counters',
  {
    organizationId: bigint('organization_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull(),
    lastNumber: bigint('last_number', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.kind], name: 'document_counters_pk' })],
)

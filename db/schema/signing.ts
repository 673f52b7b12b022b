import { sql } from 'drizzle-orm'
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { staff } from './people'

// The demo PKI's certificate authority, created once on first use. Its private key is sealed (AES-256-GCM) under a
// key derived by HKDF from the server secret AUTH_SECRET and the row's salt; only the server can issue certificates.
export const pkiAuthorities = pgTable('pki_authorities', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull().unique('pki_authorities_name_unique'),
  certificate: text('certificate').notNull(), // PEM
  sealedPrivateKey: text('sealed_private_key').notNull(), // base64: iv ‖ ciphertext ‖ tag
  keySalt: text('key_salt').notNull(), // base64
  notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
  notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export type PinKeyDerivation = { algorithm: 'scrypt'; N: number; r: number; p: number }
// An organization's seal (staff.system, issue 16): sealed under HKDF(AUTH_SECRET, salt) alone, like the CA's key;
// no PIN opens it.
export type KeyDerivation = PinKeyDerivation | { algorithm: 'server-secret' }

// A staff member's demo signing certificate (IIN in the subject's serialNumber; the clinic's name and BIN as O and
// OU=BIN… when the clinic has a BIN: an employee's certificate, docs/decisions.md issue 14). The private key is sealed under
// scrypt(PIN, salt) (with the server secret as HKDF salt); a wrong PIN fails to open it. One current per staff member:
// an expired certificate is kept, marked replaced, so old signatures still show who signed. For an information system's
// row (staff.system) it is the organization's seal, sealed under the server secret (key_derivation 'server-secret').
export const staffCertificates = pgTable(
  'staff_certificates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staff.id),
    authorityId: bigint('authority_id', { mode: 'number' })
      .notNull()
      .references(() => pkiAuthorities.id),
    serialNumber: text('serial_number').notNull().unique('staff_certificates_serial_unique'),
    certificate: text('certificate').notNull(), // PEM
    sealedPrivateKey: text('sealed_private_key').notNull(), // base64: iv ‖ ciphertext ‖ tag
    keySalt: text('key_salt').notNull(), // base64
    keyDerivation: jsonb('key_derivation').$type<KeyDerivation>().notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_certificates_one_current')
      .on(t.staffId)
      .where(sql`${t.replacedAt} is null`),
    index('staff_certificates_staff_idx').on(t.staffId),
    check('staff_certificates_validity_check', sql`${t.notBefore} < ${t.notAfter}`),
  ],
)

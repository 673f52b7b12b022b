import 'server-only'
import { eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { documents, organizations, patients, staff, type DocumentStatus, type StaffRole } from '@/db/schema'
import { blockedBy, claimAttempt, settleAttempt } from '@/lib/auth/attempts'
import { snapshotHash } from '@/lib/documents/canonical'
import { almatyDay } from '@/lib/calendar'
import { expectedSignerOf } from '@/lib/documents/clinic-signature'
import { isDocumentKind, type DocumentKind } from '@/lib/documents/kinds'
import { pdfSelection } from '@/lib/documents/queries'
import { validityOn, type ValidityState } from '@/lib/documents/validity'
import { normalizeVerificationCode } from '@/lib/documents/verification-code'
import { documentKindOf } from '@/lib/services'
import { signatureCheckMessageKey, type SignatureCheck } from '@/lib/signing/types'
import { verifyDocumentSignature, type VerificationOptions } from '@/lib/signing/verify'
import { initials, maskCertificateSubject, maskIin } from './mask'
import { verificationLimits } from './rate-limit'
import { snapshotFacts, verdictOf, type VerificationVerdict } from './verdict'

// What anyone holding the code may see of a document: no full name or IIN of the patient, no ids; the signer's IIN
// in the certificate's subject is masked like the patient's.
export type DocumentVerificationDto = {
  code: string
  kind: DocumentKind
  number: string
  status: DocumentStatus
  clinic: { nameKk: string; nameRu: string }
  verdict: VerificationVerdict
  // signing.check.* explaining the check, null when there was nothing to check (not signed yet).
  checkMessageKey: string | null
  signer: { name: string; role: StaffRole } | null
  // Who the certificate names: the person (name, masked IIN) and, for an employee's certificate, the organization
  // (name and BIN, which is not personal); organization null for a person's own certificate.
  certificate: {
    commonName: string
    maskedIin: string | null
    organization: { name: string; bin: string } | null
    subject: string
    issuer: string
    serial: string
  } | null
  signedAt: Date | null
  issuedOn: string | null
  // The kind's validity from the date of issue (DocumentKindDefinition.validity) on the day of the check; null when
  // the kind sets none.
  validity: ValidityState | null
  revoked: { at: Date; reason: string } | null
  supersedes: string | null
  supersededBy: string | null
  patient: { initials: string; maskedIin: string }
}

export type VerificationLookup =
  { state: 'found'; document: DocumentVerificationDto } | { state: 'not_found' } | { state: 'rate_limited'; until: Date }

// A lookup by code is counted before it is made, as a failure of the asking address, under the address's lock, so
// parallel guesses get no more lookups than the limit; a code that names a document settles its attempt, and a settled
// attempt neither counts nor clears the count (lib/auth/lockout.ts). Unknown and malformed codes count alike.
export async function lookUpCode(
  db: Database,
  code: string | null,
  address: string | null,
  now: Date,
): Promise<{ state: 'found'; row: StoredDocument } | { state: 'not_found' } | { state: 'rate_limited'; until: Date }> {
  const attempt = await claimAttempt(db, verificationLimits(address, now))
  if (!attempt.ok) return { state: 'rate_limited', until: attempt.until }
  const row = code ? await findByCode(db, code) : null
  if (row) {
    await settleAttempt(db, attempt.claim)
    return { state: 'found', row }
  }
  const until = await blockedBy(db, verificationLimits(address, now))
  return until ? { state: 'rate_limited', until } : { state: 'not_found' }
}

export type StoredDocument = NonNullable<Awaited<ReturnType<typeof findByCode>>>

// The document a code names, with what its rendering and its check need.
export async function findByCode(db: Database, code: string) {
  const [row] = await db
    .select({
      ...pdfSelection,
      snapshotHash: documents.snapshotHash,
      signature: documents.signature,
      revokedAt: documents.revokedAt,
      revokedReason: documents.revokedReason,
      clinicNameKk: organizations.nameKk,
      clinicNameRu: organizations.nameRu,
      signerIin: staff.iin,
      signerSystem: staff.system,
      signerLastName: staff.lastName,
      signerFirstName: staff.firstName,
      signerMiddleName: staff.middleName,
      signerRole: staff.role,
      patientLastName: patients.lastName,
      patientFirstName: patients.firstName,
      patientMiddleName: patients.middleName,
      patientIin: patients.iin,
      supersedes: sql<string | null>`(select p.number from documents p where p.id = ${documents.supersedesId})`,
      supersededBy: sql<
        string | null
      >`(select n.number from documents n where n.supersedes_id = ${documents.id} order by n.created_at desc limit 1)`,
    })
    .from(documents)
    .innerJoin(organizations, eq(organizations.id, documents.organizationId))
    .innerJoin(patients, eq(patients.id, documents.patientId))
    .leftJoin(staff, eq(staff.id, documents.signerId))
    .where(eq(documents.verificationCode, code))
  return row && isDocumentKind(row.kind) ? { ...row, kind: row.kind } : null
}

// Re-checks the stored document now: the snapshot must still hash to the hash that was signed, and the signature must
// hold for that hash, by the staff member the document names. null: nothing was signed yet.
async function checkNow(
  db: Database,
  row: StoredDocument,
  now: Date,
  options: VerificationOptions,
): Promise<SignatureCheck | null> {
  if (row.status === 'draft' || row.status === 'awaiting_signature' || !row.signature) return null
  const recomputed = snapshotHash(row.snapshot)
  if (recomputed !== row.snapshotHash) return { status: 'invalid', reason: 'hash_mismatch' }
  return verifyDocumentSignature(
    {
      signature: row.signature,
      snapshotHash: recomputed,
      ...expectedSignerOf(row.kind, row.snapshot, { iin: row.signerIin, system: row.signerSystem ?? false }),
    },
    db,
    { ...options, now },
  )
}

// Whether the document still holds on the Almaty day of `now`, by its kind's validity from its date of issue.
export function documentValidity(row: { kind: string }, issuedOn: string | null, now: Date): ValidityState | null {
  return validityOn(issuedOn, documentKindOf(row.kind)?.validity, almatyDay(now))
}

// The public /verify/<code>. Not audited (anyone, often); lookups are counted per address in login_attempts.
export async function verifyByCode(
  db: Database,
  rawCode: string,
  address: string | null,
  now: Date,
  options: VerificationOptions = {},
): Promise<VerificationLookup> {
  const lookup = await lookUpCode(db, normalizeVerificationCode(rawCode), address, now)
  if (lookup.state !== 'found') return lookup
  const { row } = lookup

  const check = await checkNow(db, row, now, options)
  const facts = snapshotFacts(row.snapshot)
  const validity = documentValidity(row, facts.issuedOn, now)
  const certified = check?.status === 'valid' ? check.signer : null
  const stored = row.signerCertificate
  const staffName = [row.signerLastName, row.signerFirstName, row.signerMiddleName].filter(Boolean).join(' ')
  return {
    state: 'found',
    document: {
      code: row.verificationCode,
      kind: row.kind,
      number: row.number,
      status: row.status,
      clinic: { nameKk: row.clinicNameKk, nameRu: row.clinicNameRu },
      verdict: verdictOf(row.status, check, validity?.expired ?? false),
      checkMessageKey: check ? signatureCheckMessageKey(check) : null,
      signer: facts.signer ?? (row.signerRole ? { name: staffName, role: row.signerRole } : null),
      certificate: certified
        ? {
            commonName: certified.commonName,
            maskedIin: certified.iin ? maskIin(certified.iin) : null,
            organization: certified.organization,
            subject: maskCertificateSubject(certified.subject),
            issuer: certified.issuer,
            serial: certified.certificateSerial,
          }
        : stored
          ? {
              commonName: stored.commonName,
              maskedIin: stored.iin ? maskIin(stored.iin) : null,
              organization: stored.organization ?? null,
              subject: maskCertificateSubject(stored.subject),
              issuer: stored.issuer,
              serial: stored.certificateSerial,
            }
          : null,
      signedAt: row.signedAt,
      issuedOn: facts.issuedOn,
      validity,
      revoked: row.status === 'revoked' && row.revokedAt ? { at: row.revokedAt, reason: row.revokedReason ?? '' } : null,
      supersedes: row.supersedes,
      supersededBy: row.supersededBy,
      patient: facts.patient ?? {
        initials: initials({ lastName: row.patientLastName, firstName: row.patientFirstName, middleName: row.patientMiddleName }),
        maskedIin: maskIin(row.patientIin),
      },
    },
  }
}

import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { organizations, pkiAuthorities, staff, staffCertificates } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import {
  createAuthorityCertificate,
  exportPrivateKey,
  importPrivateKey,
  issueStaffCertificate,
  type Authority,
  type StaffSubject,
} from './certificates'
import { certificateOrganization, parseCertificate, signHash } from './cms'
import { signingConfig, type SigningConfig } from './config'
import { hashBytes, pkijs, x509 } from './crypto'
import { settleAttempt } from '@/lib/auth/attempts'
import { claimPinAttempt, pinLockedUntil } from './pin-lockout'
import { authorityKey, newSalt, pinKey, pinKeyDerivation, seal, unseal } from './seal'
import { demoAuthorityName } from './trusted-roots'

const authorityAad = (name: string) => `pki-authority:${name}`
const staffKeyAad = (staffId: number, serial: string) => `staff-certificate:${staffId}:${serial}`

// The demo CA, created on first use. Two first calls at once both generate a key; one insert wins (ON CONFLICT on
// the name) and both then use the stored CA.
export async function getDemoAuthority(db: Database, now: Date): Promise<Authority & { id: number }> {
  const existing = await loadAuthority(db)
  if (existing) return existing
  const { certificate, keys } = await createAuthorityCertificate(now)
  const salt = newSalt()
  const sealed = seal(
    await authorityKey(salt),
    new Uint8Array(await exportPrivateKey(keys.privateKey)),
    authorityAad(demoAuthorityName),
  )
  await db
    .insert(pkiAuthorities)
    .values({
      name: demoAuthorityName,
      certificate: certificate.toString('pem'),
      sealedPrivateKey: sealed,
      keySalt: salt.toString('base64'),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
    })
    .onConflictDoNothing({ target: pkiAuthorities.name })
  const stored = await loadAuthority(db)
  if (!stored) throw new Error('The demo CA was not stored')
  return stored
}

async function loadAuthority(db: Database): Promise<(Authority & { id: number }) | null> {
  const [row] = await db.select().from(pkiAuthorities).where(eq(pkiAuthorities.name, demoAuthorityName))
  if (!row) return null
  const pkcs8 = unseal(await authorityKey(Buffer.from(row.keySalt, 'base64')), row.sealedPrivateKey, authorityAad(row.name))
  if (!pkcs8) throw new Error('The demo CA key does not open: AUTH_SECRET changed since it was created')
  return { id: row.id, certificate: new x509.X509Certificate(row.certificate), privateKey: await importPrivateKey(pkcs8) }
}

type StaffCertificateRow = typeof staffCertificates.$inferSelect

async function currentCertificateRow(db: Database, staffId: number): Promise<StaffCertificateRow | null> {
  const [row] = await db
    .select()
    .from(staffCertificates)
    .where(and(eq(staffCertificates.staffId, staffId), isNull(staffCertificates.replacedAt)))
  return row ?? null
}

// `organization`: the clinic the staff member works for (its Russian name and BIN), null when it has no BIN recorded.
type Signer = StaffSubject & { id: number }

// Whether a stored certificate names the clinic the staff member now signs for (the same BIN, or none on both sides).
function namesOrganization(row: StaffCertificateRow, organization: StaffSubject['organization']): boolean {
  const named = certificateOrganization(parseCertificate(new x509.X509Certificate(row.certificate).rawData))
  return (named?.bin ?? null) === (organization?.bin ?? null)
}

// The staff member's current certificate, issued on first use with the demo PIN, and issued again once expired or
// when it does not name the staff member's clinic by its BIN (one issued before clinics carried a BIN, or for another
// clinic). One certificate per staff member, an employee's certificate of their clinic as the national CA issues
// them: it signs both what the person signs in their own name and what they sign on behalf of the clinic.
// Racing first uses: the partial unique index keeps one current certificate; the loser reads the winner's.
export async function currentStaffCertificate(
  db: Database,
  member: Signer,
  now: Date,
  config: Pick<SigningConfig, 'demoSigningPin'>,
): Promise<StaffCertificateRow> {
  const current = await currentCertificateRow(db, member.id)
  if (current && current.notAfter > now && namesOrganization(current, member.organization)) return current
  const authority = await getDemoAuthority(db, now)
  const { certificate, keys } = await issueStaffCertificate(authority, member, now)
  const salt = newSalt()
  const key = await pinKey(config.demoSigningPin, salt, pinKeyDerivation)
  const serialNumber = certificate.serialNumber.toLowerCase()
  const sealed = seal(key, new Uint8Array(await exportPrivateKey(keys.privateKey)), staffKeyAad(member.id, serialNumber))
  await db.transaction(async (tx) => {
    if (current) {
      await tx
        .update(staffCertificates)
        .set({ replacedAt: now })
        .where(and(eq(staffCertificates.id, current.id), isNull(staffCertificates.replacedAt)))
    }
    await tx
      .insert(staffCertificates)
      .values({
        staffId: member.id,
        authorityId: authority.id,
        serialNumber,
        certificate: certificate.toString('pem'),
        sealedPrivateKey: sealed,
        keySalt: salt.toString('base64'),
        keyDerivation: pinKeyDerivation,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
      })
      .onConflictDoNothing({ target: staffCertificates.staffId, where: sql`${staffCertificates.replacedAt} is null` })
  })
  const stored = await currentCertificateRow(db, member.id)
  if (!stored) throw new Error('The staff certificate was not stored')
  return stored
}

async function openStaffKey(row: StaffCertificateRow, pin: string): Promise<CryptoKey | null> {
  const key = await pinKey(pin, Buffer.from(row.keySalt, 'base64'), row.keyDerivation)
  const pkcs8 = unseal(key, row.sealedPrivateKey, staffKeyAad(row.staffId, row.serialNumber))
  return pkcs8 ? importPrivateKey(pkcs8) : null
}

export type DemoSigningError = 'errors.signing.wrongPin' | 'errors.signing.pinLocked' | 'errors.signing.noCertificate'
export type DemoSigningResult = { ok: true; signatures: string[] } | { ok: false; error: DemoSigningError }

export type DemoSigningSession = {
  // The certificate's serial number (lowercase hex) the session signs with.
  certificateSerial: string
  // One detached CMS signature over the snapshot hash (64 hex), base64 DER.
  sign: (snapshotHash: string, signingTime: Date) => Promise<string>
}
export type DemoSigningSessionResult = { ok: true; session: DemoSigningSession } | { ok: false; error: DemoSigningError }

// Opens the staff member's demo key with the PIN once (the lockout check, the scrypt unseal, the attempt row) and
// returns a session that signs any number of hashes with it: what one PIN entry in the signing inbox buys. The key
// stays in this closure, server side; nothing of it is returned. A staff member without an IIN (or inactive, or with
// the demo PKI off) has no certificate. Each PIN entry is counted under `pin:<staffId>` before it is tried.
export async function openDemoSigningSession(
  db: Database,
  input: { staffId: number; pin: string },
  now: Date,
  overrides: Partial<SigningConfig> = {},
): Promise<DemoSigningSessionResult> {
  const config = signingConfig(overrides)

  const [member] = await db
    .select({
      id: staff.id,
      iin: staff.iin,
      lastName: staff.lastName,
      firstName: staff.firstName,
      active: staff.active,
      organizationId: staff.organizationId,
      organizationName: organizations.nameRu,
      organizationBin: organizations.bin,
    })
    .from(staff)
    .innerJoin(organizations, eq(organizations.id, staff.organizationId))
    .where(eq(staff.id, input.staffId))
  if (!config.demoPki || !member || !member.active || !member.iin) return { ok: false, error: 'errors.signing.noCertificate' }
  const attempt = await claimPinAttempt(db, member.id, now)
  if (!attempt.ok) return { ok: false, error: 'errors.signing.pinLocked' }

  const organization = member.organizationBin ? { name: member.organizationName, bin: member.organizationBin } : null
  const row = await currentStaffCertificate(db, { ...member, iin: member.iin, organization }, now, config)
  const privateKey = await openStaffKey(row, input.pin)
  if (!privateKey) {
    await writeAudit(db, {
      actor: { kind: 'staff', id: member.id },
      action: 'signing.wrongPin',
      organizationId: member.organizationId,
      entity: 'staff_certificate',
      entityId: row.serialNumber,
    })
    const locked = await pinLockedUntil(db, member.id, now)
    return { ok: false, error: locked ? 'errors.signing.pinLocked' : 'errors.signing.wrongPin' }
  }
  await settleAttempt(db, attempt.claim)

  const certificate: pkijs.Certificate = parseCertificate(new x509.X509Certificate(row.certificate).rawData)
  return {
    ok: true,
    session: {
      certificateSerial: row.serialNumber,
      sign: (snapshotHash, signingTime) => signHash(hashBytes(snapshotHash), { certificate, privateKey }, signingTime),
    },
  }
}

// Signs each snapshot hash (64 hex) with the staff member's demo key, opened once with the PIN for the whole batch.
// Signatures come back in the order of the hashes.
export async function signHashesWithDemoPki(
  db: Database,
  input: { staffId: number; pin: string; snapshotHashes: string[] },
  now: Date,
  overrides: Partial<SigningConfig> = {},
): Promise<DemoSigningResult> {
  input.snapshotHashes.forEach(hashBytes) // a malformed hash throws before the PIN is tried
  const opened = await openDemoSigningSession(db, { staffId: input.staffId, pin: input.pin }, now, overrides)
  if (!opened.ok) return opened
  const signatures: string[] = []
  for (const hash of input.snapshotHashes) signatures.push(await opened.session.sign(hash, now))
  return { ok: true, signatures }
}

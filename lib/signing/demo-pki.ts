import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { organizations, pkiAuthorities, staff, staffCertificates, type KeyDerivation } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import {
  createAuthorityCertificate,
  exportPrivateKey,
  importPrivateKey,
  issueOrganizationSealCertificate,
  issueStaffCertificate,
  type Authority,
  type IssuedCertificate,
  type OrganizationSubject,
  type StaffSubject,
} from './certificates'
import { certificateOrganization, parseCertificate, signHash, signHashConfirmed, type CmsSigner } from './cms'
import { signingConfig, type SigningConfig } from './config'
import { hashBytes, pkijs, x509 } from './crypto'
import { settleAttempt } from '@/lib/auth/attempts'
import { claimPinAttempt, pinLockedUntil } from './pin-lockout'
import { authorityKey, newSalt, organizationSealKey, pinKey, pinKeyDerivation, seal, serverSecret, unseal } from './seal'
import { demoAuthorityName } from './trusted-roots'

const authorityAad = (name: string) => `pki-authority:${name}`
const staffKeyAad = (staffId: number, serial: string) => `staff-certificate:${staffId}:${serial}`
const organizationSealAad = (staffId: number, serial: string) => `organization-seal:${staffId}:${serial}`

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
  return namedBin(row.certificate) === (organization?.bin ?? null)
}

// The BIN a certificate names, by its exact PEM text (a certificate is public and never changes): parsing it is most of
// the cost of opening a seal, which happens once per automatic certificate (issue 16). Bounded.
const namedBins = new Map<string, string | null>()
function namedBin(pem: string): string | null {
  let bin = namedBins.get(pem)
  if (bin === undefined) {
    bin = certificateOrganization(parseCertificate(new x509.X509Certificate(pem).rawData))?.bin ?? null
    if (namedBins.size >= 1000) namedBins.clear()
    namedBins.set(pem, bin)
  }
  return bin
}

type SealedKey = { sealed: string; salt: Buffer; keyDerivation: KeyDerivation }

// What one staff row's current certificate is: whether a stored one still serves (besides being unexpired), how a
// new one is issued, and how its private key is sealed at rest.
type CertificatePlan = {
  serves: (row: StaffCertificateRow) => boolean
  issue: (authority: Authority, now: Date) => Promise<IssuedCertificate>
  seal: (pkcs8: Uint8Array, serialNumber: string) => Promise<SealedKey>
}

// The staff row's current certificate, issued on first use, and issued again once expired or when it no longer
// serves. Racing first uses: the partial unique index keeps one current certificate; the loser reads the winner's.
// `prefetched`: the current row when the caller already read it (undefined: read it here).
async function currentCertificate(
  db: Database,
  staffId: number,
  now: Date,
  plan: CertificatePlan,
  prefetched?: StaffCertificateRow | null,
): Promise<StaffCertificateRow> {
  const current = prefetched === undefined ? await currentCertificateRow(db, staffId) : prefetched
  if (current && current.notAfter > now && plan.serves(current)) return current
  const authority = await getDemoAuthority(db, now)
  const { certificate, keys } = await plan.issue(authority, now)
  const serialNumber = certificate.serialNumber.toLowerCase()
  const { sealed, salt, keyDerivation } = await plan.seal(new Uint8Array(await exportPrivateKey(keys.privateKey)), serialNumber)
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
        staffId,
        authorityId: authority.id,
        serialNumber,
        certificate: certificate.toString('pem'),
        sealedPrivateKey: sealed,
        keySalt: salt.toString('base64'),
        keyDerivation,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
      })
      .onConflictDoNothing({ target: staffCertificates.staffId, where: sql`${staffCertificates.replacedAt} is null` })
  })
  const stored = await currentCertificateRow(db, staffId)
  if (!stored) throw new Error('The staff certificate was not stored')
  return stored
}

// The staff member's current certificate, issued on first use with the demo PIN, and issued again once expired or
// when it does not name the staff member's clinic by its BIN (one issued before clinics carried a BIN, or for another
// clinic). One certificate per staff member, an employee's certificate of their clinic as the national CA issues
// them: it signs both what the person signs in their own name and what they sign on behalf of the clinic.
export function currentStaffCertificate(
  db: Database,
  member: Signer,
  now: Date,
  config: Pick<SigningConfig, 'demoSigningPin'>,
): Promise<StaffCertificateRow> {
  return currentCertificate(db, member.id, now, {
    serves: (row) => row.keyDerivation.algorithm === 'scrypt' && namesOrganization(row, member.organization),
    issue: (authority, at) => issueStaffCertificate(authority, member, at),
    seal: async (pkcs8, serialNumber) => {
      const salt = newSalt()
      const key = await pinKey(config.demoSigningPin, salt, pinKeyDerivation)
      return { sealed: seal(key, pkcs8, staffKeyAad(member.id, serialNumber)), salt, keyDerivation: pinKeyDerivation }
    },
  })
}

// The organization's seal an information system's staff row (staff.system, issue 16) signs with: an organization
// certificate naming it by its BIN and no person, issued on first use, again once expired or when the BIN differs.
// Its key is sealed under the server secret (HKDF of AUTH_SECRET, like the CA's) with the row in the AAD: no PIN
// opens it, and it opens for this row only.
export function currentOrganizationSeal(
  db: Database,
  system: { id: number; organization: OrganizationSubject },
  now: Date,
  stored?: StaffCertificateRow | null,
): Promise<StaffCertificateRow> {
  return currentCertificate(
    db,
    system.id,
    now,
    {
      serves: (row) => row.keyDerivation.algorithm === 'server-secret' && namesOrganization(row, system.organization),
      issue: (authority, at) => issueOrganizationSealCertificate(authority, system.organization, at),
      seal: async (pkcs8, serialNumber) => {
        const salt = newSalt()
        const key = await organizationSealKey(salt)
        return {
          sealed: seal(key, pkcs8, organizationSealAad(system.id, serialNumber)),
          salt,
          keyDerivation: { algorithm: 'server-secret' },
        }
      },
    },
    stored,
  )
}

// A PIN opens a person's key only: a seal's row (server-secret) never opens with one.
async function openStaffKey(row: StaffCertificateRow, pin: string): Promise<CryptoKey | null> {
  if (row.keyDerivation.algorithm !== 'scrypt') return null
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
  // The same, with whether its value checks out under the certificate's key (signHashConfirmed).
  signConfirmed: (snapshotHash: string, signingTime: Date) => Promise<{ signature: string; confirmed: boolean }>
}
export type DemoSigningSessionResult = { ok: true; session: DemoSigningSession } | { ok: false; error: DemoSigningError }

// Opens the staff member's demo key with the PIN once (the lockout check, the scrypt unseal, the attempt row) and
// returns a session that signs any number of hashes with it: what one PIN entry in the signing inbox buys. The key
// stays in this closure, server side; nothing of it is returned. A staff member without an IIN (or inactive, or with
// the demo PKI off), or an information system's row, has no certificate. Each PIN entry is counted under `pin:<staffId>` before it is tried.
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
      system: staff.system,
      organizationId: staff.organizationId,
      organizationName: organizations.nameRu,
      organizationBin: organizations.bin,
    })
    .from(staff)
    .innerJoin(organizations, eq(organizations.id, staff.organizationId))
    .where(eq(staff.id, input.staffId))
  // An information system's row (staff.system) has no PIN and no person's certificate: it signs with its
  // organization's seal (openOrganizationSeal), never through a PIN.
  if (!config.demoPki || !member || !member.active || member.system || !member.iin)
    return { ok: false, error: 'errors.signing.noCertificate' }
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
      signConfirmed: (snapshotHash, signingTime) =>
        signHashConfirmed(hashBytes(snapshotHash), { certificate, privateKey }, signingTime),
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

// Opens the organization's seal of an information system's staff row (staff.system, issue 16): no PIN, no lockout (a
// machine signs; nobody guesses); the key is unsealed with the server secret and stays in the returned closure. Only an
// active system row of an organization with a BIN has a seal, and only while the demo PKI is on (a deployment with the
// national CA's real seal would bring its own signer behind this function).
export async function openOrganizationSeal(
  db: Database,
  input: { staffId: number },
  now: Date,
  overrides: Partial<SigningConfig> = {},
): Promise<DemoSigningSessionResult> {
  const config = signingConfig(overrides)
  // The row, its organization and its current certificate in one statement (issue 16: once per automatic certificate).
  const [member] = await db
    .select({
      id: staff.id,
      active: staff.active,
      system: staff.system,
      organizationName: organizations.nameRu,
      organizationBin: organizations.bin,
      current: staffCertificates,
    })
    .from(staff)
    .innerJoin(organizations, eq(organizations.id, staff.organizationId))
    .leftJoin(staffCertificates, and(eq(staffCertificates.staffId, staff.id), isNull(staffCertificates.replacedAt)))
    .where(eq(staff.id, input.staffId))
  if (!config.demoPki || !member || !member.active || !member.system || !member.organizationBin)
    return { ok: false, error: 'errors.signing.noCertificate' }
  const row = await currentOrganizationSeal(
    db,
    { id: member.id, organization: { name: member.organizationName, bin: member.organizationBin } },
    now,
    member.current,
  )
  const signer = await sealSigner(row)
  return {
    ok: true,
    session: {
      certificateSerial: row.serialNumber,
      sign: (snapshotHash, signingTime) => signHash(hashBytes(snapshotHash), signer, signingTime),
      signConfirmed: (snapshotHash, signingTime) => signHashConfirmed(hashBytes(snapshotHash), signer, signingTime),
    },
  }
}

// The seals this process has opened, one per system row: the unsealed key as a non-extractable CryptoKey (in memory
// only, never written or exported) with its parsed certificate. An entry serves only the certificate row it was opened
// from, as stored (the same id, certificate, sealed key and salt) and under the same server secret: a re-issued seal or
// a changed AUTH_SECRET opens the stored key again, as the first use did. What decides whether the seal may sign at
// all (an active system row, a BIN, the current unexpired certificate) is still read on every call, above. Unsealing
// and parsing per document was most of the seal's cost (issue 16, `npm run bench:certificates`).
type OpenedSeal = {
  id: number
  certificate: string
  sealedPrivateKey: string
  keySalt: string
  secret: string
  signer: CmsSigner
}
const openedSeals = new Map<number, OpenedSeal>()

async function sealSigner(row: StaffCertificateRow): Promise<CmsSigner> {
  const secret = serverSecret()
  const cached = openedSeals.get(row.staffId)
  if (
    cached &&
    cached.id === row.id &&
    cached.certificate === row.certificate &&
    cached.sealedPrivateKey === row.sealedPrivateKey &&
    cached.keySalt === row.keySalt &&
    cached.secret === secret
  )
    return cached.signer
  const pkcs8 = unseal(
    await organizationSealKey(Buffer.from(row.keySalt, 'base64')),
    row.sealedPrivateKey,
    organizationSealAad(row.staffId, row.serialNumber),
  )
  if (!pkcs8) throw new Error("The organization's seal does not open: AUTH_SECRET changed since it was issued")
  const signer: CmsSigner = {
    privateKey: await importPrivateKey(pkcs8),
    certificate: parseCertificate(new x509.X509Certificate(row.certificate).rawData),
  }
  pkcs8.fill(0)
  openedSeals.set(row.staffId, {
    id: row.id,
    certificate: row.certificate,
    sealedPrivateKey: row.sealedPrivateKey,
    keySalt: row.keySalt,
    secret,
    signer,
  })
  return signer
}

// Demo PKI certificates (@peculiar/x509). Pure: keys and the clock are arguments; nothing touches the database.
import { crypto, signingAlgorithm, toArrayBuffer, x509 } from './crypto'

const oid = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
} as const

// Extended key usage as the national CA sets it: emailProtection (signing) and whom the certificate is for, a person
// (1.2.398.3.3.4.1.1) or a legal entity (1.2.398.3.3.4.1.2) with the role "a person with the right to sign"
// (1.2.398.3.3.4.1.2.2). The same OIDs as lib/signing/cms.ts reads.
const emailProtection = '1.3.6.1.5.5.7.3.4'
const individualPolicy = '1.2.398.3.3.4.1.1'
const legalEntityPolicy = '1.2.398.3.3.4.1.2'
const rightToSignPolicy = '1.2.398.3.3.4.1.2.2'

const dayMs = 24 * 60 * 60_000
export const caValidityMs = 10 * 365 * dayMs
export const staffCertificateValidityMs = 365 * dayMs
// Certificates start a little before `now`, so a clock a few minutes behind still accepts them.
const backdateMs = 5 * 60_000

export type IssuedCertificate = { certificate: x509.X509Certificate; keys: CryptoKeyPair }
export type Authority = { certificate: x509.X509Certificate; privateKey: CryptoKey }

export function generateSigningKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(signingAlgorithm, true, ['sign', 'verify']) as Promise<CryptoKeyPair>
}

// A positive 128-bit serial number in hex (the high bit cleared so DER keeps it positive without padding).
export function randomSerialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[0] = (bytes[0]! & 0x7f) | 0x01
  return Buffer.from(bytes).toString('hex')
}

export async function createAuthorityCertificate(
  now: Date,
  name = 'Tirkeu demo CA',
  validityMs = caValidityMs,
): Promise<IssuedCertificate> {
  const keys = await generateSigningKeys()
  const subject = new x509.Name([
    { [oid.commonName]: [{ utf8String: name }] },
    { [oid.organization]: [{ utf8String: 'Tirkeu (demo)' }] },
    { [oid.country]: [{ printableString: 'KZ' }] },
  ])
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: subject,
    notBefore: new Date(now.getTime() - backdateMs),
    notAfter: new Date(now.getTime() + validityMs),
    keys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { certificate, keys }
}

// `organization`: the clinic the staff member signs for (an employee's certificate); null or absent for a person's own.
export type StaffSubject = {
  lastName: string
  firstName: string
  iin: string
  organization?: { name: string; bin: string } | null
}

// As the national CA does: CN "Surname Name", SURNAME, GIVENNAME, serialNumber "IIN" + 12 digits, C=KZ; an
// employee's certificate adds the organization's name (O) and BIN (OU "BIN" + 12 digits).
export function staffSubjectName(person: StaffSubject): x509.Name {
  if (!/^[0-9]{12}$/.test(person.iin)) throw new Error('A staff certificate needs a 12-digit IIN')
  if (person.organization && !/^[0-9]{12}$/.test(person.organization.bin))
    throw new Error("An organization certificate needs the organization's 12-digit BIN")
  return new x509.Name([
    { [oid.commonName]: [{ utf8String: `${person.lastName} ${person.firstName}` }] },
    { [oid.surname]: [{ utf8String: person.lastName }] },
    { [oid.serialNumber]: [{ printableString: `IIN${person.iin}` }] },
    { [oid.country]: [{ printableString: 'KZ' }] },
    ...(person.organization
      ? [
          { [oid.organization]: [{ utf8String: person.organization.name }] },
          { [oid.organizationalUnit]: [{ printableString: `BIN${person.organization.bin}` }] },
        ]
      : []),
    { [oid.givenName]: [{ utf8String: person.firstName }] },
  ])
}

export async function issueStaffCertificate(
  authority: Authority,
  person: StaffSubject,
  now: Date,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<IssuedCertificate> {
  return issueCertificate(
    authority,
    staffSubjectName(person),
    person.organization ? [emailProtection, legalEntityPolicy, rightToSignPolicy] : [emailProtection, individualPolicy],
    now,
    validity,
  )
}

// The organization an information system signs for with its seal (issue 16): its Russian name and 12-digit BIN.
export type OrganizationSubject = { name: string; bin: string }

// An organization's seal: CN and O its name, OU "BIN" + its BIN, C=KZ, and no person (no SURNAME, GIVENNAME or
// serialNumber "IIN…"), with the legal-entity policy and no "person with the right to sign": what the organization's
// information system signs with when nobody signs (docs/decisions.md, issue 16).
export function organizationSealName(organization: OrganizationSubject): x509.Name {
  if (!/^[0-9]{12}$/.test(organization.bin)) throw new Error("An organization's seal needs its 12-digit BIN")
  return new x509.Name([
    { [oid.commonName]: [{ utf8String: organization.name }] },
    { [oid.country]: [{ printableString: 'KZ' }] },
    { [oid.organization]: [{ utf8String: organization.name }] },
    { [oid.organizationalUnit]: [{ printableString: `BIN${organization.bin}` }] },
  ])
}

export function issueOrganizationSealCertificate(
  authority: Authority,
  organization: OrganizationSubject,
  now: Date,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<IssuedCertificate> {
  return issueCertificate(authority, organizationSealName(organization), [emailProtection, legalEntityPolicy], now, validity)
}

async function issueCertificate(
  authority: Authority,
  subject: x509.Name,
  extendedKeyUsages: string[],
  now: Date,
  validity: { notBefore?: Date; notAfter?: Date },
): Promise<IssuedCertificate> {
  const keys = await generateSigningKeys()
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject,
    issuer: authority.certificate.subjectName,
    notBefore: validity.notBefore ?? new Date(now.getTime() - backdateMs),
    notAfter: validity.notAfter ?? new Date(now.getTime() + staffCertificateValidityMs),
    publicKey: keys.publicKey,
    signingKey: authority.privateKey,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension(extendedKeyUsages),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.certificate),
    ],
  })
  return { certificate, keys }
}

export function exportPrivateKey(key: CryptoKey): Promise<ArrayBuffer> {
  return crypto.subtle.exportKey('pkcs8', key)
}

export function importPrivateKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
}

// Demo PKI certificates (@peculiar/x509). Pure: keys and the clock are arguments; nothing touches the database.
import { crypto, signingAlgorithm, toArrayBuffer, x509 } from './crypto'

const oid = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  givenName: '2.5.4.42',
} as const

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

export type StaffSubject = { lastName: string; firstName: string; iin: string }

// As the national CA does: CN "Surname Name", SURNAME, GIVENNAME, serialNumber "IIN" + 12 digits, C=KZ.
export function staffSubjectName(person: StaffSubject): x509.Name {
  if (!/^[0-9]{12}$/.test(person.iin)) throw new Error('A staff certificate needs a 12-digit IIN')
  return new x509.Name([
    { [oid.commonName]: [{ utf8String: `${person.lastName} ${person.firstName}` }] },
    { [oid.surname]: [{ utf8String: person.lastName }] },
    { [oid.serialNumber]: [{ printableString: `IIN${person.iin}` }] },
    { [oid.country]: [{ printableString: 'KZ' }] },
    { [oid.givenName]: [{ utf8String: person.firstName }] },
  ])
}

export async function issueStaffCertificate(
  authority: Authority,
  person: StaffSubject,
  now: Date,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<IssuedCertificate> {
  const keys = await generateSigningKeys()
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: staffSubjectName(person),
    issuer: authority.certificate.subjectName,
    notBefore: validity.notBefore ?? new Date(now.getTime() - backdateMs),
    notAfter: validity.notAfter ?? new Date(now.getTime() + staffCertificateValidityMs),
    publicKey: keys.publicKey,
    signingKey: authority.privateKey,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
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

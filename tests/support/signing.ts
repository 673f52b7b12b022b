// In-memory demo PKI for tests: a CA, staff certificates, signatures; nothing touches the database.
import { createHash } from 'node:crypto'
import { createAuthorityCertificate, issueStaffCertificate, type Authority, type StaffSubject } from '@/lib/signing/certificates'
import { parseCertificate, signHash } from '@/lib/signing/cms'
import { pkijs } from '@/lib/signing/crypto'

export type TestAuthority = Authority & { root: pkijs.Certificate }
export type TestSigner = { certificate: pkijs.Certificate; privateKey: CryptoKey; iin: string }

export async function makeAuthority(now: Date, name = 'Test CA'): Promise<TestAuthority> {
  const { certificate, keys } = await createAuthorityCertificate(new Date(now.getTime() - 3 * 365 * 86_400_000), name)
  return { certificate, privateKey: keys.privateKey, root: parseCertificate(certificate.rawData) }
}

export async function makeSigner(
  authority: Authority,
  person: StaffSubject,
  now: Date,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<TestSigner> {
  const { certificate, keys } = await issueStaffCertificate(authority, person, now, validity)
  return { certificate: parseCertificate(certificate.rawData), privateKey: keys.privateKey, iin: person.iin }
}

// The snapshot hash the way documents compute it: SHA-256 of the canonical JSON, lowercase hex.
export function hashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function sign(signer: TestSigner, snapshotHash: string, at: Date): Promise<string> {
  return signHash(Buffer.from(snapshotHash, 'hex'), signer, at)
}

// A signature re-labelled as GOST 34.10-2015 (512) with GOST 34.11-2015 (Kazakhstan's OIDs): what NCALayer returns
// for a national CA key, as far as the algorithm identifiers go.
export function relabelAsGost(signature: string): string {
  const contentInfo = pkijs.ContentInfo.fromBER(Buffer.from(signature, 'base64'))
  const signedData = new pkijs.SignedData({ schema: contentInfo.content })
  const signerInfo = signedData.signerInfos[0]!
  signerInfo.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.398.3.10.1.3.3' })
  signerInfo.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.398.3.10.1.1.2.3.2' })
  signedData.digestAlgorithms = [new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.398.3.10.1.3.3' })]
  const out = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) })
  return Buffer.from(out.toSchema().toBER(false)).toString('base64')
}

// Detached CMS (PKCS#7) SignedData over a document's 32-byte snapshot hash, as NCALayer's `sign` returns it
// (format cms, data = the hash bytes, decode: true, encapsulate: false, digested: false). Pure: no database, no
// environment; trusted roots, keys and the clock are arguments.
import { createHash, createPublicKey, verify as verifySignatureValue, type KeyObject } from 'node:crypto'
import * as asn1js from 'asn1js'
import { crypto, pkijs, toArrayBuffer } from './crypto'
import {
  signerMismatch,
  type CertificateOrganization,
  type ExpectedSigner,
  type InvalidReason,
  type SignatureCheck,
  type SignerIdentity,
} from './types'

const attributeOid = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const

// Kazakhstan's GOST 34.10/34.11 (1.2.398.3.10.…, e.g. 1.2.398.3.10.1.1.2.3.x for 34.10-2015 signatures) and
// Russia's GOST R 34.10-2012 (1.2.643.…, e.g. 1.2.643.7.1.1.x): pkijs cannot check these.
const gostPrefixes = ['1.2.398.3.10.', '1.2.643.']
export const isGostOid = (oid: string) => gostPrefixes.some((prefix) => oid.startsWith(prefix))

export function parseCertificate(der: ArrayBuffer | Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der instanceof Uint8Array ? toArrayBuffer(der) : der)
}

export type CmsSigner = { certificate: pkijs.Certificate; privateKey: CryptoKey }

// pkijs encodes a certificate again from its fields for every signature that carries it (about 0.9 ms, half of what a
// signature costs); an organization's seal signs batches with one certificate. So each certificate's encoding is
// parsed once into an ASN.1 tree, and pkijs is handed the certificate with that tree as its schema: the same bytes.
const encodedCertificates = new WeakMap<pkijs.Certificate, pkijs.Certificate>()

function withEncodedSchema(certificate: pkijs.Certificate): pkijs.Certificate {
  let encoded = encodedCertificates.get(certificate)
  if (!encoded) {
    const tree = asn1js.fromBER(certificate.toSchema().toBER(false)).result as asn1js.Sequence
    encoded = Object.create(certificate) as pkijs.Certificate
    encoded.toSchema = () => tree
    encodedCertificates.set(certificate, encoded)
  }
  return encoded
}

// One signature: base64 DER of ContentInfo(SignedData), detached, signer certificate included.
export async function signHash(hash: Uint8Array, signer: CmsSigner, signingTime: Date): Promise<string> {
  return (await signedHash(hash, signer, signingTime)).signature
}

// A signature, and whether its value checks out under the signer certificate's own public key over the signed
// attributes that carry the hash's digest. An organization's seal signs a batch with one key and one certificate: the
// first signature of a batch is checked in full, as /verify will (lib/documents/seal.ts), and each one after it by
// this, without parsing it back.
export async function signHashConfirmed(
  hash: Uint8Array,
  signer: CmsSigner,
  signingTime: Date,
): Promise<{ signature: string; confirmed: boolean }> {
  const { signature, signerInfo } = await signedHash(hash, signer, signingTime)
  const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.toSchema().toBER())
  signedAttributes[0] = 0x31 // signed as a SET OF (RFC 5652 §5.4), stored as [0] IMPLICIT
  const confirmed = verifySignatureValue(
    'sha256',
    signedAttributes,
    { key: publicKeyOf(signer.certificate), dsaEncoding: 'der' },
    signerInfo.signature.valueBlock.valueHexView,
  )
  return { signature, confirmed }
}

const publicKeys = new WeakMap<pkijs.Certificate, KeyObject>()

function publicKeyOf(certificate: pkijs.Certificate): KeyObject {
  let key = publicKeys.get(certificate)
  if (!key) {
    key = createPublicKey({
      key: Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER(false)),
      format: 'der',
      type: 'spki',
    })
    publicKeys.set(certificate, key)
  }
  return key
}

async function signedHash(
  hash: Uint8Array,
  signer: CmsSigner,
  signingTime: Date,
): Promise<{ signature: string; signerInfo: pkijs.SignerInfo }> {
  const messageDigest = await crypto.subtle.digest('SHA-256', toArrayBuffer(hash))
  const time =
    signingTime.getUTCFullYear() < 2050
      ? new asn1js.UTCTime({ valueDate: signingTime })
      : new asn1js.GeneralizedTime({ valueDate: signingTime })
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: pkijs.id_ContentType_Data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.certificate.issuer,
          serialNumber: signer.certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: attributeOid.contentType,
              values: [new asn1js.ObjectIdentifier({ value: pkijs.id_ContentType_Data })],
            }),
            new pkijs.Attribute({ type: attributeOid.signingTime, values: [time] }),
            new pkijs.Attribute({
              type: attributeOid.messageDigest,
              values: [new asn1js.OctetString({ valueHex: messageDigest })],
            }),
          ],
        }),
      }),
    ],
    certificates: [withEncodedSchema(signer.certificate)],
  })
  await signedData.sign(signer.privateKey, 0, 'SHA-256')
  const contentInfo = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  })
  return {
    signature: Buffer.from(contentInfo.toSchema().toBER(false)).toString('base64'),
    signerInfo: signedData.signerInfos[0]!,
  }
}

export type ParsedSignature = {
  der: Uint8Array
  signedData: pkijs.SignedData
  signerInfo: pkijs.SignerInfo
  signerCertificate: pkijs.Certificate | null
  signingTime: Date | null
  gost: boolean
}

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/

// null when the text is not a CMS SignedData with exactly one signer.
export function parseSignature(signature: string): ParsedSignature | null {
  const der = signatureBytes(signature)
  if (!der) return null
  const parts = signedDataParts(der)
  return parts ? parsedFromParts(der, parts) : parseSignatureBySchema(der)
}

function signatureBytes(signature: string): Uint8Array | null {
  const text = signature.replace(/\s+/g, '')
  if (text.length === 0 || text.length % 4 !== 0 || !base64Pattern.test(text)) return null
  return Uint8Array.from(Buffer.from(text, 'base64'))
}

// The whole CMS through pkijs's schemas: any shape the standard allows. Exported for the test that holds the quick
// path to the same answers.
export function parseSignatureBySchema(der: Uint8Array): ParsedSignature | null {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(der))
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) return null
    return described(der, new pkijs.SignedData({ schema: contentInfo.content }))
  } catch {
    return null
  }
}

function described(der: Uint8Array, signedData: pkijs.SignedData): ParsedSignature | null {
  if (signedData.signerInfos.length !== 1) return null
  const signerInfo = signedData.signerInfos[0]!
  const signerCertificate = findSignerCertificate(signedData, signerInfo)
  const algorithms = [
    signerInfo.digestAlgorithm.algorithmId,
    signerInfo.signatureAlgorithm.algorithmId,
    signerCertificate?.subjectPublicKeyInfo.algorithm.algorithmId ?? '',
    signerCertificate?.signatureAlgorithm.algorithmId ?? '',
  ]
  return {
    der,
    signedData,
    signerInfo,
    signerCertificate,
    signingTime: signingTimeOf(signerInfo),
    gost: algorithms.some(isGostOid),
  }
}

// The quick path. asn1js builds an object per ASN.1 node and pkijs then matches each against its schema: a
// signature with its certificate took about 3 ms to parse, more than checking it. Signatures made by NCALayer and the
// demo PKI all have one shape: ContentInfo { signedData OID, [0] SignedData { version, digestAlgorithms,
// encapContentInfo, [0] certificates, signerInfos with one signer } }. For that shape the DER is only cut into those
// parts here (tag and length, nothing interpreted); pkijs still parses every part it checks, through its schemas, and
// a certificate already parsed (every signature of a batch carries the same one) is taken from memory. Any other
// shape, CRLs included, goes through parseSignatureBySchema. tests/unit/signing-cms.test.ts holds the two to the same
// answers.
type SignedDataParts = {
  version: number
  digestAlgorithms: Uint8Array[]
  encapContentInfo: Uint8Array
  certificates: Uint8Array[]
  signerInfo: Uint8Array
}

type Tlv = { tag: number; start: number; valueStart: number; end: number }

// One DER tag-length-value inside [offset, limit): one-byte tags, definite lengths under 16 MB.
function readTlv(der: Uint8Array, offset: number, limit: number): Tlv | null {
  if (offset + 2 > limit) return null
  const tag = der[offset]!
  if ((tag & 0x1f) === 0x1f) return null
  let length = der[offset + 1]!
  let valueStart = offset + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 3 || valueStart + count > limit) return null
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + der[valueStart + i]!
    valueStart += count
  }
  const end = valueStart + length
  return end > limit ? null : { tag, start: offset, valueStart, end }
}

// The TLVs filling a constructed value exactly; null when they do not.
function childrenOf(der: Uint8Array, parent: Tlv): Tlv[] | null {
  const children: Tlv[] = []
  for (let offset = parent.valueStart; offset < parent.end;) {
    const child = readTlv(der, offset, parent.end)
    if (!child) return null
    children.push(child)
    offset = child.end
  }
  return children
}

const tag = { integer: 0x02, oid: 0x06, sequence: 0x30, set: 0x31, context0: 0xa0 } as const
const signedDataOid = Uint8Array.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]) // 1.2.840.113549.1.7.2

function signedDataParts(der: Uint8Array): SignedDataParts | null {
  const contentInfo = readTlv(der, 0, der.length)
  if (!contentInfo || contentInfo.tag !== tag.sequence || contentInfo.end !== der.length) return null
  const [type, explicit, ...rest] = childrenOf(der, contentInfo) ?? []
  if (!type || !explicit || rest.length > 0 || type.tag !== tag.oid || explicit.tag !== tag.context0) return null
  if (!Buffer.from(der.subarray(type.valueStart, type.end)).equals(signedDataOid)) return null
  const [signedData, ...after] = childrenOf(der, explicit) ?? []
  if (!signedData || after.length > 0 || signedData.tag !== tag.sequence) return null
  const [version, digestAlgorithms, encapContentInfo, certificates, signerInfos, ...more] = childrenOf(der, signedData) ?? []
  if (!version || !digestAlgorithms || !encapContentInfo || !certificates || !signerInfos || more.length > 0) return null
  if (version.tag !== tag.integer || version.end - version.valueStart !== 1) return null
  if (digestAlgorithms.tag !== tag.set || encapContentInfo.tag !== tag.sequence) return null
  if (certificates.tag !== tag.context0 || signerInfos.tag !== tag.set) return null
  const algorithmList = childrenOf(der, digestAlgorithms)
  const certificateList = childrenOf(der, certificates)
  const signerList = childrenOf(der, signerInfos)
  if (!algorithmList || !certificateList || signerList?.length !== 1) return null
  if (![...algorithmList, ...certificateList, ...signerList].every((part) => part.tag === tag.sequence)) return null
  const bytesOf = (part: Tlv) => der.subarray(part.start, part.end)
  return {
    version: der[version.valueStart]!,
    digestAlgorithms: algorithmList.map(bytesOf),
    encapContentInfo: bytesOf(encapContentInfo),
    certificates: certificateList.map(bytesOf),
    signerInfo: bytesOf(signerList[0]!),
  }
}

// One part through asn1js: exactly one value, nothing after it.
function asn1Of(bytes: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(toArrayBuffer(bytes))
  if (parsed.offset !== bytes.length) throw new Error('not one DER value')
  return parsed.result
}

// Certificates parsed by pkijs, by their DER: a batch's signatures all carry the signer's certificate.
const parsedCertificates = new Map<string, pkijs.Certificate>()
const maxParsedCertificates = 1000

function certificateOf(bytes: Uint8Array): pkijs.Certificate {
  const key = Buffer.from(bytes).toString('base64')
  let certificate = parsedCertificates.get(key)
  if (!certificate) {
    certificate = new pkijs.Certificate({ schema: asn1Of(bytes) })
    if (parsedCertificates.size >= maxParsedCertificates) parsedCertificates.clear()
    parsedCertificates.set(key, certificate)
  }
  return certificate
}

function parsedFromParts(der: Uint8Array, parts: SignedDataParts): ParsedSignature | null {
  try {
    return described(
      der,
      new pkijs.SignedData({
        version: parts.version,
        digestAlgorithms: parts.digestAlgorithms.map((bytes) => new pkijs.AlgorithmIdentifier({ schema: asn1Of(bytes) })),
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ schema: asn1Of(parts.encapContentInfo) }),
        certificates: parts.certificates.map(certificateOf),
        signerInfos: [new pkijs.SignerInfo({ schema: asn1Of(parts.signerInfo) })],
      }),
    )
  } catch {
    return null
  }
}

function findSignerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): pkijs.Certificate | null {
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
  const sid = signerInfo.sid
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null
  }
  // subjectKeyIdentifier [0]: match the certificate's SubjectKeyIdentifier extension.
  const keyId = Buffer.from((sid as asn1js.Primitive).valueBlock.valueHexView).toString('hex')
  return (
    certificates.find((c) => {
      const extension = c.extensions?.find((e) => e.extnID === '2.5.29.14')
      if (!extension) return false
      const value = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result as asn1js.OctetString
      return Buffer.from(value.valueBlock.valueHexView).toString('hex') === keyId
    }) ?? null
  )
}

function signingTimeOf(signerInfo: pkijs.SignerInfo): Date | null {
  const attribute = signerInfo.signedAttrs?.attributes.find((a) => a.type === attributeOid.signingTime)
  const value = attribute?.values[0]
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate()
  return null
}

const nameOids: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SURNAME',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.42': 'GIVENNAME',
  '1.2.840.113549.1.9.1': 'E',
}

function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock
  return typeof block?.value === 'string' ? block.value : ''
}

function nameText(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((entry) => `${nameOids[entry.type] ?? entry.type}=${attributeText(entry.value).replace(/([,+"\\<>;])/g, '\\$1')}`)
    .join(', ')
}

function nameValue(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const entry = name.typesAndValues.find((e) => e.type === oid)
  return entry ? attributeText(entry.value) : null
}

// The national CA's policy for a legal entity's certificates (its employees', first heads', …), in the extended key
// usage of every organization certificate it issues (1.2.398.3.3.4.1.2.x narrow it to a role); 1.2.398.3.3.4.1.1 is
// a person's own.
export const legalEntityPolicy = '1.2.398.3.3.4.1.2'
export const individualPolicy = '1.2.398.3.3.4.1.1'

export function extendedKeyUsages(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((e) => e.extnID === '2.5.29.37')
  if (!extension) return []
  if (extension.parsedValue instanceof pkijs.ExtKeyUsage) return extension.parsedValue.keyPurposes
  try {
    const asn1 = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView)
    return new pkijs.ExtKeyUsage({ schema: asn1.result }).keyPurposes
  } catch {
    return []
  }
}

// The organization an employee's certificate names: OU "BIN" + 12 digits with the legal-entity policy, as the
// national CA writes it. An OU that merely looks like a BIN in a person's certificate names no organization.
export function certificateOrganization(certificate: pkijs.Certificate): CertificateOrganization | null {
  const bin = /^BIN([0-9]{12})$/.exec(nameValue(certificate.subject, '2.5.4.11') ?? '')?.[1]
  if (!bin || !extendedKeyUsages(certificate).includes(legalEntityPolicy)) return null
  return { name: nameValue(certificate.subject, '2.5.4.10') ?? '', bin }
}

export function signerIdentity(certificate: pkijs.Certificate): SignerIdentity {
  const serialNumber = nameValue(certificate.subject, '2.5.4.5')
  return {
    commonName: nameValue(certificate.subject, '2.5.4.3') ?? '',
    iin: /^IIN([0-9]{12})$/.exec(serialNumber ?? '')?.[1] ?? null,
    organization: certificateOrganization(certificate),
    subject: nameText(certificate.subject),
    issuer: nameText(certificate.issuer),
    certificateSerial: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
  }
}

export type CmsVerificationInput = ExpectedSigner & {
  hash: Uint8Array // the 32 snapshot-hash bytes the signature must cover
  trustedRoots: readonly pkijs.Certificate[]
  now: Date
}

const invalid = (reason: InvalidReason, signer?: SignerIdentity): SignatureCheck =>
  signer ? { status: 'invalid', reason, signer } : { status: 'invalid', reason }

// RSA or ECDSA signatures (pkijs): signature, hash equality, chain to a trusted root and validity at signing time,
// then the signer's IIN and, for a document signed on behalf of the clinic, the clinic's BIN.
export async function verifyCms(parsed: ParsedSignature, input: CmsVerificationInput): Promise<SignatureCheck> {
  const certificate = parsed.signerCertificate
  if (!certificate) return invalid('malformed')
  const signer = signerIdentity(certificate)

  // An attached content must be exactly the hash: otherwise the signature covers some other bytes.
  const eContent = parsed.signedData.encapContentInfo.eContent
  if (eContent && !Buffer.from(eContent.getValue()).equals(Buffer.from(input.hash))) return invalid('hash_mismatch', signer)

  try {
    const result = await parsed.signedData.verify({
      signer: 0,
      data: toArrayBuffer(input.hash),
      checkChain: false,
      extendedMode: true,
    })
    if (!result.signatureVerified) return invalid('signature', signer)
  } catch (error) {
    if (error instanceof pkijs.SignedDataVerifyError) {
      if (error.code === 15 && /digest doesn't match/i.test(error.message)) return invalid('hash_mismatch', signer)
      if (error.code === 15 || error.code === 7) return invalid('signature', signer)
    }
    return invalid('malformed', signer)
  }

  // The signer claims the signing time (there is no time-stamp); a time in the future is not taken.
  const checkDate = parsed.signingTime && parsed.signingTime <= input.now ? parsed.signingTime : input.now
  const chainCertificates = (parsed.signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  )
  if (!(await chainIsValid(certificate, chainCertificates, input.trustedRoots, checkDate))) {
    const validThen = checkDate >= signer.notBefore && checkDate <= signer.notAfter
    if (validThen) return invalid('untrusted', signer)
    // Out of its validity: "expired" when the chain itself holds within the certificate's own lifetime.
    const within = new Date((signer.notBefore.getTime() + signer.notAfter.getTime()) / 2)
    return (await chainIsValid(certificate, chainCertificates, input.trustedRoots, within))
      ? invalid('expired', signer)
      : invalid('untrusted', signer)
  }

  const mismatch = signerMismatch(signer, input)
  if (mismatch) return invalid(mismatch, signer)
  return { status: 'valid', signer, signedAt: parsed.signingTime }
}

// A chain once found valid stays valid for any date inside every certificate's validity: the CA signatures in it do
// not change. So a success is remembered by the exact certificates (their TBS bytes and signatures, hashed) and the
// roots, with the window of dates where all of them are valid; a date outside the window, or anything never seen,
// runs the full validation. Nothing is remembered for failures. Signing a batch verifies the same signer's chain
// again and again; this takes it from about a third of a verification to nothing.
const validChains = new Map<string, { from: number; to: number }>()
const maxRememberedChains = 1000
const fingerprints = new WeakMap<pkijs.Certificate, string>()

function fingerprint(certificate: pkijs.Certificate): string {
  let value = fingerprints.get(certificate)
  if (!value) {
    value = createHash('sha256')
      .update(certificate.tbsView)
      .update(certificate.signatureValue.valueBlock.valueHexView)
      .digest('hex')
    fingerprints.set(certificate, value)
  }
  return value
}

async function chainIsValid(
  signerCertificate: pkijs.Certificate,
  certificates: readonly pkijs.Certificate[],
  trustedRoots: readonly pkijs.Certificate[],
  checkDate: Date,
): Promise<boolean> {
  if (trustedRoots.length === 0) return false
  const chain = [...certificates.filter((c) => c !== signerCertificate), signerCertificate]
  const all = [...chain, ...trustedRoots]
  const key = `${chain.map(fingerprint).join(',')}|${trustedRoots.map(fingerprint).sort().join(',')}`
  const remembered = validChains.get(key)
  const at = checkDate.getTime()
  if (remembered && at >= remembered.from && at <= remembered.to) return true

  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: [...trustedRoots], certs: chain, checkDate })
  try {
    const result = await engine.verify()
    if (result.result) {
      if (validChains.size >= maxRememberedChains) validChains.clear()
      validChains.set(key, {
        from: Math.max(...all.map((c) => c.notBefore.value.getTime())),
        to: Math.min(...all.map((c) => c.notAfter.value.getTime())),
      })
    }
    return result.result
  } catch {
    return false
  }
}

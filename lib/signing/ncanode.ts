import 'server-only'
import { z } from 'zod'
import { signerMismatch, type ExpectedSigner, type InvalidReason, type SignatureCheck, type SignerIdentity } from './types'

// NCANode 3.x (github.com/malikzh/NCANode), the verifier built on the national CA's Kalkan library, for GOST
// signatures pkijs cannot check. `POST {NCANODE_URL}/cms/verify` with `{ cms, data, revocationCheck }` (cms and
// the detached data in base64) answers `{ status, message, valid, signers: [{ certificates: [CertificateInfo] }] }`.
// `valid` is false when a signature fails or a certificate is not valid now (expired, revoked, unknown issuer);
// a certificate's own `valid` covers only the certificate. Verification errors come back as HTTP 400.

const subjectSchema = z
  .object({
    commonName: z.string().optional(),
    surName: z.string().optional(),
    iin: z.string().optional(),
    // An employee's certificate: the organization's BIN and name (NCANode's subject fields `bin`, `organization`).
    bin: z.string().optional(),
    organization: z.string().optional(),
    dn: z.string().optional(),
  })
  .partial()

const certificateSchema = z.object({
  valid: z.boolean(),
  notBefore: z.coerce.date(),
  notAfter: z.coerce.date(),
  serialNumber: z.string().optional(),
  signAlg: z.string().optional(),
  subject: subjectSchema.optional(),
  issuer: subjectSchema.optional(),
  // Whom the certificate is for, from its policies: INDIVIDUAL, ORGANIZATION (1.2.398.3.3.4.1.2), CEO, EMPLOYEE, …
  keyUser: z.array(z.string()).optional(),
})

const answerSchema = z.object({
  valid: z.boolean(),
  signers: z.array(z.object({ certificates: z.array(certificateSchema) })),
})

export type NcanodeAnswer = z.infer<typeof answerSchema>

export type NcanodeResponse =
  | { kind: 'answer'; answer: NcanodeAnswer }
  | { kind: 'rejected'; message: string } // HTTP 400: NCANode could not verify the CMS
  | { kind: 'unavailable'; detail: string } // network, timeout, 5xx, an answer we cannot read

export type NcanodeOptions = { timeoutMs?: number; revocationCheck?: ('OCSP' | 'CRL')[] }

export async function ncanodeVerifyCms(
  baseUrl: string,
  request: { cms: string; data: string },
  options: NcanodeOptions = {},
): Promise<NcanodeResponse> {
  const url = `${baseUrl.replace(/\/+$/, '')}/cms/verify`
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ cms: request.cms, data: request.data, revocationCheck: options.revocationCheck ?? ['OCSP'] }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    })
  } catch (error) {
    return { kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.status === 400) {
    const message = z.object({ message: z.string() }).safeParse(body)
    return { kind: 'rejected', message: message.success ? message.data.message : '' }
  }
  if (!response.ok) return { kind: 'unavailable', detail: `HTTP ${response.status}` }
  const parsed = answerSchema.safeParse(body)
  return parsed.success ? { kind: 'answer', answer: parsed.data } : { kind: 'unavailable', detail: 'unreadable answer' }
}

const stripIin = (value: string | undefined) => {
  const digits = value?.replace(/^IIN/i, '') ?? ''
  return /^[0-9]{12}$/.test(digits) ? digits : null
}

type NcanodeCertificate = z.infer<typeof certificateSchema>

const stripBin = (value: string | undefined) => {
  const digits = value?.replace(/^BIN/i, '') ?? ''
  return /^[0-9]{12}$/.test(digits) ? digits : null
}

function identity(certificate: NcanodeCertificate): SignerIdentity {
  const bin = stripBin(certificate.subject?.bin)
  const legalEntity = certificate.keyUser?.includes('ORGANIZATION') ?? false
  return {
    commonName: certificate.subject?.commonName ?? '',
    iin: stripIin(certificate.subject?.iin),
    organization: bin && legalEntity ? { name: certificate.subject?.organization ?? '', bin } : null,
    subject: certificate.subject?.dn ?? '',
    issuer: certificate.issuer?.dn ?? certificate.issuer?.commonName ?? '',
    certificateSerial: (certificate.serialNumber ?? '').toLowerCase(),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  }
}

export type NcanodeContext = ExpectedSigner & { signingTime: Date | null; now: Date }

export function signatureCheckFromNcanode(response: NcanodeResponse, context: NcanodeContext): SignatureCheck {
  if (response.kind === 'unavailable') return { status: 'unavailable', reason: 'ncanode_error' }
  if (response.kind === 'rejected') {
    const reason: InvalidReason = /digest/i.test(response.message) ? 'hash_mismatch' : 'signature'
    return { status: 'invalid', reason }
  }
  const certificate = response.answer.signers[0]?.certificates[0]
  if (response.answer.signers.length !== 1 || !certificate) return { status: 'invalid', reason: 'malformed' }
  const signer = identity(certificate)
  const outOfValidity = (at: Date) => at < signer.notBefore || at > signer.notAfter
  if (!response.answer.valid) {
    if (certificate.valid) return { status: 'invalid', reason: 'signature', signer }
    if (outOfValidity(context.now)) return { status: 'invalid', reason: 'expired', signer }
    return { status: 'invalid', reason: 'untrusted', signer } // revoked, or not issued by a trusted CA
  }
  const checkDate = context.signingTime && context.signingTime <= context.now ? context.signingTime : context.now
  if (outOfValidity(checkDate)) return { status: 'invalid', reason: 'expired', signer }
  const mismatch = signerMismatch(signer, context)
  if (mismatch) return { status: 'invalid', reason: mismatch, signer }
  return { status: 'valid', signer, signedAt: context.signingTime }
}

export async function verifyWithNcanode(
  baseUrl: string,
  input: { signature: string; hash: Uint8Array } & NcanodeContext,
  options: NcanodeOptions = {},
): Promise<SignatureCheck> {
  const response = await ncanodeVerifyCms(
    baseUrl,
    { cms: input.signature.replace(/\s+/g, ''), data: Buffer.from(input.hash).toString('base64') },
    options,
  )
  return signatureCheckFromNcanode(response, input)
}

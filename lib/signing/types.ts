// Shared by the server (verification) and the pages that show its outcome; no I/O here.

export type SignerIdentity = {
  commonName: string
  iin: string | null
  subject: string
  issuer: string
  certificateSerial: string
  notBefore: Date
  notAfter: Date
}

export type InvalidReason = 'malformed' | 'signature' | 'hash_mismatch' | 'untrusted' | 'expired' | 'signer_mismatch'

export type SignatureCheck =
  | { status: 'valid'; signer: SignerIdentity; signedAt: Date | null }
  | { status: 'invalid'; reason: InvalidReason; signer?: SignerIdentity }
  | { status: 'unsupported'; reason: 'gost_without_ncanode' } // GOST 34.10-2015 and no NCANODE_URL
  | { status: 'unavailable'; reason: 'ncanode_error' }

// The message key under `signing.check` that explains a check's outcome (used by the verification page).
export function signatureCheckMessageKey(check: SignatureCheck): string {
  return check.status === 'valid' ? 'signing.check.valid' : `signing.check.${check.status}.${check.reason}`
}

// The verifier's answer, as the issue 6 contract fixes it. lib/signing (h-sign) owns the type; this copy lets
// lib/documents compile on its own and is replaced by a re-export from lib/signing at merge.
export type SignerIdentity = {
  commonName: string
  iin: string | null
  subject: string
  issuer: string
  certificateSerial: string
  notBefore: Date
  notAfter: Date
}

export type SignatureCheck =
  | { status: 'valid'; signer: SignerIdentity; signedAt: Date | null }
  | {
      status: 'invalid'
      reason: 'malformed' | 'signature' | 'hash_mismatch' | 'untrusted' | 'expired' | 'signer_mismatch'
      signer?: SignerIdentity
    }
  | { status: 'unsupported'; reason: 'gost_without_ncanode' }
  | { status: 'unavailable'; reason: 'ncanode_error' }

// Shared by the server (verification) and the pages that show its outcome; no I/O here.

// The organization a certificate of a legal entity's employee names (the national CA: O = its name, OU = "BIN" + its
// BIN, and the legal-entity policy 1.2.398.3.3.4.1.2 in the extended key usage). null for a person's own certificate.
export type CertificateOrganization = { name: string; bin: string }

export type SignerIdentity = {
  commonName: string
  iin: string | null
  organization: CertificateOrganization | null
  subject: string
  issuer: string
  certificateSerial: string
  notBefore: Date
  notAfter: Date
}

// organization_missing: the document is signed on behalf of the clinic, the certificate is a person's own;
// organization_mismatch: the certificate is another organization's (or the document names no BIN to compare with).
export type InvalidReason =
  | 'malformed'
  | 'signature'
  | 'hash_mismatch'
  | 'untrusted'
  | 'expired'
  | 'signer_mismatch'
  | 'organization_missing'
  | 'organization_mismatch'

// Whom a signature must come from: the staff member the document names, by IIN, and for a document signed on behalf
// of the clinic (standard row 4) the clinic, by the BIN its snapshot names. `expectedOrganizationBin` undefined: the
// person alone; null: the clinic's signature, but the document names no BIN, so no certificate matches.
// `expectedSeal`: the signer is an organization's information system (staff.system, issue 16), which signs with the
// organization's seal: a certificate naming the organization by that BIN and no person; a person's certificate, even
// an employee's of that organization, is not its seal, and the seal is no person's signature.
export type ExpectedSigner = {
  expectedSignerIin: string | null
  expectedOrganizationBin?: string | null
  expectedSeal?: boolean
}

// Why a certificate that checks out is still not the signer the document needs, or null when it is. A signature with
// no IIN to compare against is not accepted as anyone's.
export function signerMismatch(signer: SignerIdentity, expected: ExpectedSigner): InvalidReason | null {
  if (expected.expectedSeal) {
    if (signer.iin !== null) return 'signer_mismatch'
    if (!signer.organization) return 'organization_missing'
    return expected.expectedOrganizationBin && signer.organization.bin === expected.expectedOrganizationBin
      ? null
      : 'organization_mismatch'
  }
  if (expected.expectedSignerIin === null || signer.iin !== expected.expectedSignerIin) return 'signer_mismatch'
  if (expected.expectedOrganizationBin === undefined) return null
  if (!signer.organization) return 'organization_missing'
  return signer.organization.bin === expected.expectedOrganizationBin ? null : 'organization_mismatch'
}

export type SignatureCheck =
  | { status: 'valid'; signer: SignerIdentity; signedAt: Date | null }
  | { status: 'invalid'; reason: InvalidReason; signer?: SignerIdentity }
  | { status: 'unsupported'; reason: 'gost_without_ncanode' } // GOST 34.10-2015 and no NCANODE_URL
  | { status: 'unavailable'; reason: 'ncanode_error' }

// The message key under `signing.check` that explains a check's outcome (used by the verification page).
export function signatureCheckMessageKey(check: SignatureCheck): string {
  return check.status === 'valid' ? 'signing.check.valid' : `signing.check.${check.status}.${check.reason}`
}

import 'server-only'
import type { Database } from '@/db/client'
import { parseSignature, verifyCms } from './cms'
import { signingConfig, type SigningConfig } from './config'
import { hashBytes } from './crypto'
import { verifyWithNcanode } from './ncanode'
import { trustedRoots } from './trusted-roots'
import type { ExpectedSigner, SignatureCheck } from './types'

export type VerificationOptions = Partial<SigningConfig> & { now?: Date }

// Whether `signature` (base64 CMS) is a valid signature of the document whose snapshot hash is `snapshotHash`, by
// the staff member whose IIN is `expectedSignerIin` (and, when `expectedOrganizationBin` is given, on behalf of the
// organization with that BIN; with `expectedSeal`, by that organization's seal and no person). RSA/ECDSA are checked here (pkijs) against the trusted roots
// (the demo root while DEMO_PKI is not 'off', plus TRUSTED_ROOTS_FILE); GOST goes to NCANode when NCANODE_URL is set.
export async function verifyDocumentSignature(
  input: ExpectedSigner & { signature: string; snapshotHash: string },
  db: Database,
  options: VerificationOptions = {},
): Promise<SignatureCheck> {
  const { now = new Date(), ...overrides } = options
  const config = signingConfig(overrides)
  const hash = hashBytes(input.snapshotHash)
  const parsed = parseSignature(input.signature)
  if (!parsed) return { status: 'invalid', reason: 'malformed' }
  if (parsed.gost) {
    if (!config.ncanodeUrl) return { status: 'unsupported', reason: 'gost_without_ncanode' }
    return verifyWithNcanode(config.ncanodeUrl, {
      signature: input.signature,
      hash,
      expectedSignerIin: input.expectedSignerIin,
      expectedOrganizationBin: input.expectedOrganizationBin,
      expectedSeal: input.expectedSeal,
      signingTime: parsed.signingTime,
      now,
    })
  }
  return verifyCms(parsed, {
    hash,
    expectedSignerIin: input.expectedSignerIin,
    expectedOrganizationBin: input.expectedOrganizationBin,
    expectedSeal: input.expectedSeal,
    trustedRoots: await trustedRoots(db, config),
    now,
  })
}

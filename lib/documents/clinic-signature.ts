import { documentKindOf } from '@/lib/services'
import type { ExpectedSigner } from '@/lib/signing/types'

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null

// The BIN a document's signature must carry (standard row 4: documents signed on behalf of the clinic), read from
// its frozen snapshot: undefined when the signer's own certificate is enough (the kind is signed in the person's own
// name, or the snapshot was frozen before clinics carried a BIN and is checked as it was signed); null when the kind
// needs the clinic's signature but the snapshot names no BIN (the clinic had none recorded), which no certificate
// matches. Used alike when the signature is accepted (lib/documents/sign.ts) and on every check at /verify.
export function clinicSignatureBin(kind: string, snapshot: unknown): string | null | undefined {
  if (!documentKindOf(kind)?.signedOnBehalfOfClinic) return undefined
  const clinic = record(record(snapshot)?.clinic)
  if (!clinic || !('bin' in clinic)) return undefined
  return typeof clinic.bin === 'string' ? clinic.bin : null
}

// Whom /verify and the signing checks expect a document's signature from: the staff member it names, by IIN (and the
// clinic's BIN for a kind signed on behalf of the clinic); or, when that staff row is an organization's information
// system (staff.system, issue 16), the organization's seal, by the BIN the snapshot names and no person.
export function expectedSignerOf(
  kind: string,
  snapshot: unknown,
  signer: { iin: string | null; system: boolean },
): ExpectedSigner {
  const bin = clinicSignatureBin(kind, snapshot)
  if (!signer.system) return { expectedSignerIin: signer.iin, expectedOrganizationBin: bin }
  const named = record(record(snapshot)?.clinic)?.bin
  return {
    expectedSignerIin: null,
    expectedOrganizationBin: bin ?? (typeof named === 'string' ? named : null),
    expectedSeal: true,
  }
}

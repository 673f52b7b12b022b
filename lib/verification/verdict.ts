// What /verify/<code> says about a document, from facts read and checked on the server. Pure: no I/O, no clock.
import { staffRoles, type DocumentStatus, type StaffRole } from '@/db/schema'
import type { SignatureCheck } from '@/lib/signing/types'
import { initials, maskIin } from './mask'

// `expired`: genuine, but past the validity its kind sets (lib/documents/validity.ts): it no longer holds.
export type VerificationVerdict = 'genuine' | 'expired' | 'not_genuine' | 'revoked' | 'cannot_check' | 'not_signed'

// A draft or a document awaiting its signature is not a signed document, whatever it says. A failed check (the
// snapshot changed, the signature does not hold) outweighs everything: the record itself cannot be trusted. Otherwise
// a revocation is a fact of the clinic's own records and stands even when the signature cannot be checked here. A
// genuine document past its validity (`expired`, from the day of the check) is shown as expired.
export function verdictOf(status: DocumentStatus, check: SignatureCheck | null, expired = false): VerificationVerdict {
  if (status === 'draft' || status === 'awaiting_signature' || check === null) return 'not_signed'
  if (check.status === 'invalid') return 'not_genuine'
  if (status === 'revoked') return 'revoked'
  if (check.status !== 'valid') return 'cannot_check'
  return expired ? 'expired' : 'genuine'
}

export type SnapshotFacts = {
  issuedOn: string | null
  signer: { name: string; role: StaffRole } | null
  patient: { initials: string; maskedIin: string } | null
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null)
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined
const isStaffRole = (value: unknown): value is StaffRole => (staffRoles as readonly unknown[]).includes(value)

// What the page shows from the stored snapshot. The snapshot is read defensively: a record changed in the database
// (which the check reports as not genuine) must still render rather than crash the page.
export function snapshotFacts(snapshot: unknown): SnapshotFacts {
  const issuedOn = text(field(snapshot, 'issuedOn'))
  const signer = field(snapshot, 'signer')
  const signerName = text(field(signer, 'name'))
  const signerRole = field(signer, 'role')
  const patient = field(snapshot, 'patient')
  const lastName = text(field(patient, 'lastName'))
  const firstName = text(field(patient, 'firstName'))
  const iin = text(field(patient, 'iin'))
  return {
    issuedOn: issuedOn && /^\d{4}-\d{2}-\d{2}$/.test(issuedOn) ? issuedOn : null,
    signer: signerName && isStaffRole(signerRole) ? { name: signerName, role: signerRole } : null,
    patient:
      lastName && firstName && iin
        ? { initials: initials({ lastName, firstName, middleName: text(field(patient, 'middleName')) }), maskedIin: maskIin(iin) }
        : null,
  }
}

// Rules of attachment p.6, p.7, p.27-30, p.31(4): attachment under a voluntary (ЕМС) or imposed (ЖМС) medical
// insurance contract. Pure: the day is an argument.
import type { PatientStatus, ResidenceStatus } from '@/db/schema'

// p.6, p.27 para 2, p.28: foreigners and stateless persons staying in Kazakhstan temporarily (and asylum seekers,
// whom the register records as such foreigners or stateless persons); p.7: EAEU migrant workers and their families
// (foreigners staying temporarily too). Those living here permanently attach under GVFMC/CSHI as citizens do (p.4);
// citizens, kandases and refugees cannot use the basis (docs/decisions.md, "Insurance contract", "Residence status").
export const insuranceStatuses: readonly PatientStatus[] = ['foreigner', 'stateless']

export function mayAttachByInsurance(status: PatientStatus, residence: ResidenceStatus | null): boolean {
  return insuranceStatuses.includes(status) && residence === 'temporary'
}

export type InsuranceContractTerm = { startsOn: string; endsOn: string }

export type InsuranceRefusal = {
  code: 'errors.insurance.endsBeforeStart' | 'errors.insurance.notYetInForce' | 'errors.insurance.expired'
  field: 'startsOn' | 'endsOn'
}

// A contract ends after it starts.
export function isContractTermValid(contract: InsuranceContractTerm): boolean {
  return contract.endsOn > contract.startsOn
}

// p.29 para 2: in force from its first to its last day, both included.
export function isContractInForce(contract: InsuranceContractTerm, today: string): boolean {
  return contract.startsOn <= today && today <= contract.endsOn
}

// Why this contract cannot carry an attachment applied for (or decided) today, or null when it can.
export function insuranceContractRefusal(contract: InsuranceContractTerm, today: string): InsuranceRefusal | null {
  if (!isContractTermValid(contract)) return { code: 'errors.insurance.endsBeforeStart', field: 'endsOn' }
  if (today > contract.endsOn) return { code: 'errors.insurance.expired', field: 'endsOn' }
  if (today < contract.startsOn) return { code: 'errors.insurance.notYetInForce', field: 'startsOn' }
  return null
}

// The refusal ground a contract that has run out gives (refusal-grounds.ts, a case of standard row 8(2)).
export const insuranceExpiredGround = 'insurance_expired'

// p.29 para 2: the attachment lasts for the contract's term: from the day of the decision to the contract's last day.
export function insuranceAttachmentTerm(
  contract: InsuranceContractTerm,
  decidedOn: string,
): { validFrom: string; validTo: string } {
  return { validFrom: decidedOn, validTo: contract.endsOn }
}

// An attachment with a last day has ended once that day is past.
export function hasAttachmentLapsed(validTo: string | null, today: string): boolean {
  return validTo !== null && validTo < today
}

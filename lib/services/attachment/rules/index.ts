// The Rules of attachment (order ҚР ДСМ-194/2020 as restated 12 May 2025) as pure functions: no database, no clock.
import type { PatientStatus, ResidenceStatus } from '@/db/schema'
import { deskAttachmentBases, portalAttachmentBases } from '../schema'
import { mayAttachByInsurance } from './insurance'

export type PortalBasis = (typeof portalAttachmentBases)[number]
export type DeskBasis = PortalBasis | 'insurance_contract'

// p.31(2), reading 5: free choice at most twice per calendar year, counted over approved attachments on that basis
// decided in the year (Asia/Almaty); refused and cancelled requests do not count.
export const freeChoicesPerYear = 2

export function canChooseFreely(approvedFreeChoicesThisYear: number): boolean {
  return approvedFreeChoicesThisYear < freeChoicesPerYear
}

// p.31(3), reading 6: the campaign takes requests from 1 September to 1 November inclusive.
export function isCampaignOpen(day: string): boolean {
  const monthDay = day.slice(5)
  return monthDay >= '09-01' && monthDay <= '11-01'
}

// p.32: a campaign attachment takes effect on 1 January of the year after the campaign it was submitted in, whatever
// the day it is decided; a decision made on or after that 1 January takes effect at once.
export function campaignEffectiveDay(submittedOn: string): string {
  return `${Number(submittedOn.slice(0, 4)) + 1}-01-01`
}

export function campaignStart(submittedOn: string, decidedOn: string): { day: string; waits: boolean } {
  const effective = campaignEffectiveDay(submittedOn)
  return decidedOn < effective ? { day: effective, waits: true } : { day: decidedOn, waits: false }
}

// p.4, p.27 para 1: citizens, kandases, refugees and foreigners and stateless persons living in Kazakhstan
// permanently attach by IIN through the portal on bases (1), (2), (3), (5). Those staying temporarily attach only
// under an insurance contract, at the desk or through their insurer (p.6, p.27 para 2, p.28): no other basis is
// theirs, on the portal or at the desk.
export function mayUsePortalBases(status: PatientStatus, residence: ResidenceStatus | null): boolean {
  if (status === 'citizen' || status === 'kandas' || status === 'refugee') return true
  return residence === 'permanent'
}

export type PortalBasisContext = {
  status: PatientStatus
  residence: ResidenceStatus | null
  today: string
  approvedFreeChoicesThisYear: number
  // The day the person's current attachment, made by a commission's or the Fund's protocol, took effect; or null.
  placedByProtocolOn: string | null
}

// p.31(5), p.36 para 2: disagreeing with the clinic a regional commission (or the Fund's protocol, p.35) placed the
// person at. Reading (docs/decisions.md): only while that placement is the person's current attachment, and within a
// year of the day it took effect.
export function mayDisagreeWithPlacement(placedByProtocolOn: string | null, today: string): boolean {
  if (!placedByProtocolOn || placedByProtocolOn > today) return false
  return today < `${Number(placedByProtocolOn.slice(0, 4)) + 1}${placedByProtocolOn.slice(4)}`
}

export type BasisRefusal =
  | 'errors.attachment.freeChoiceLimit'
  | 'errors.attachment.campaignClosed'
  | 'errors.attachment.commissionDisagreementNotPlaced'
  | 'errors.attachment.notEligible'
  | 'errors.attachment.temporaryResidentInsuranceOnly'
  | 'errors.desk.insuranceOnlyForCategory'
  | 'errors.insurance.statusNotEligible'

// Why a basis cannot be used today, or null when it can.
export function portalBasisRefusal(basis: PortalBasis, context: PortalBasisContext): BasisRefusal | null {
  if (!mayUsePortalBases(context.status, context.residence)) return 'errors.attachment.temporaryResidentInsuranceOnly'
  if (basis === 'free_choice' && !canChooseFreely(context.approvedFreeChoicesThisYear)) return 'errors.attachment.freeChoiceLimit'
  if (basis === 'campaign' && !isCampaignOpen(context.today)) return 'errors.attachment.campaignClosed'
  if (basis === 'commission_disagreement' && !mayDisagreeWithPlacement(context.placedByProtocolOn, context.today))
    return 'errors.attachment.commissionDisagreementNotPlaced'
  return null
}

// At the desk (p.23, p.28-30) the same limits apply; the insurance basis is for the insurance-contract category and
// for the people p.6 names.
export function deskBasisRefusal(basis: DeskBasis, context: PortalBasisContext & { category: string }): BasisRefusal | null {
  if (basis === 'insurance_contract') {
    if (context.category !== 'insurance_contract') return 'errors.desk.insuranceOnlyForCategory'
    return mayAttachByInsurance(context.status, context.residence) ? null : 'errors.insurance.statusNotEligible'
  }
  if (!mayUsePortalBases(context.status, context.residence)) return 'errors.attachment.temporaryResidentInsuranceOnly'
  if (basis === 'free_choice' && !canChooseFreely(context.approvedFreeChoicesThisYear)) return 'errors.attachment.freeChoiceLimit'
  if (basis === 'campaign' && !isCampaignOpen(context.today)) return 'errors.attachment.campaignClosed'
  if (basis === 'commission_disagreement' && !mayDisagreeWithPlacement(context.placedByProtocolOn, context.today))
    return 'errors.attachment.commissionDisagreementNotPlaced'
  return null
}

// The form offers only the bases that apply to this person today; the server checks again.
export function applicablePortalBases(context: PortalBasisContext): PortalBasis[] {
  return portalAttachmentBases.filter((basis) => portalBasisRefusal(basis, context) === null)
}

// The desk's form likewise offers only what applies: the campaign only while it runs, the insurance basis only to a
// temporary resident, the portal's bases only to those who may use them.
export function applicableDeskBases(context: PortalBasisContext): DeskBasis[] {
  return deskAttachmentBases.filter((basis) =>
    basis === 'insurance_contract'
      ? mayAttachByInsurance(context.status, context.residence)
      : deskBasisRefusal(basis, { ...context, category: '' }) === null,
  )
}

// p.2(3), p.30 para 3: a person under 18 is a child and is attached only with a legal representative's identity.
export function isChild(birthDate: string, today: string): boolean {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
  return age < 18
}

// p.9: a child up to 5 is attached no later than 3 days (calendar days, reading 12) after discharge from the
// maternity ward.
export function newbornAttachmentDeadline(dischargedOn: string): string {
  const date = new Date(`${dischargedOn}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 3)
  return date.toISOString().slice(0, 10)
}

export function isNewbornLate(dischargedOn: string, submittedOn: string): boolean {
  return submittedOn > newbornAttachmentDeadline(dischargedOn)
}

// Days from discharge to the application, for the registrar's "late newborn" flag (p.9), or null when not late.
export function newbornLateDays(dischargedOn: string | undefined | null, submittedOn: string): number | null {
  if (!dischargedOn || !isNewbornLate(dischargedOn, submittedOn)) return null
  return Math.round((Date.parse(`${submittedOn}T00:00:00Z`) - Date.parse(`${dischargedOn}T00:00:00Z`)) / 86_400_000)
}

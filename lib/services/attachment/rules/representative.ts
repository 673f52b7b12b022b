// p.30 para 3, p.2(3)-(4): a person under 18 is attached through a legal representative: a parent, adoptive parent,
// guardian or trustee, that is, another person, of full age. Pure: the day is an argument.
import { ageOn } from '@/lib/calendar'
import { parseIin } from '@/lib/iin'

export type RepresentativeRefusal =
  | 'errors.desk.representativeRequired'
  | 'errors.iin.length'
  | 'errors.iin.digits'
  | 'errors.iin.checksum'
  | 'errors.desk.representativeIsThePerson'
  | 'errors.desk.representativeUnderage'

export function representativeRefusal(input: {
  representativeIin: string | undefined
  personIin: string
  today: string
}): RepresentativeRefusal | null {
  if (!input.representativeIin) return 'errors.desk.representativeRequired'
  const parsed = parseIin(input.representativeIin)
  if (!parsed.valid) return `errors.iin.${parsed.reason}`
  if (input.representativeIin === input.personIin) return 'errors.desk.representativeIsThePerson'
  // The IIN carries the date of birth (a few old IINs do not: they pass, and the document presented decides).
  if (parsed.birthDate && ageOn(parsed.birthDate, input.today) < 18) return 'errors.desk.representativeUnderage'
  return null
}

export type RepresentationDocumentKind =
  | 'birth_certificate'
  | 'adoption_decision'
  | 'guardianship_decision'
  | 'trusteeship_decision'
  | 'foster_agreement'
  | 'organization_act'

export type RepresentationRefusal = {
  code:
    | 'errors.desk.representation.issuedOnInvalid'
    | 'errors.desk.representation.guardianshipFrom14'
    | 'errors.desk.representation.trusteeshipUnder14'
    | 'errors.desk.representation.notForAdult'
  field: 'documentKind' | 'documentIssuedOn'
}

// What may prove that someone represents a person of full age under guardianship or trusteeship (p.9 para 2): the
// guardianship authority's decision made after the court's, or the act of the medical-social institution (p.10).
const adultRepresentationDocuments: readonly RepresentationDocumentKind[] = [
  'guardianship_decision',
  'trusteeship_decision',
  'organization_act',
]

// p.2(8): guardianship protects a child under 14; a child of 14 to 18 has a trustee instead. A guardianship set up
// before 14 carries on as trusteeship by law, so the decision is judged by the child's age on the day it was made.
// Pure: the day is an argument.
export function representationDocumentRefusal(input: {
  kind: RepresentationDocumentKind
  issuedOn: string
  personBirthDate: string
  today: string
}): RepresentationRefusal | null {
  if (input.issuedOn > input.today || input.issuedOn < input.personBirthDate)
    return { code: 'errors.desk.representation.issuedOnInvalid', field: 'documentIssuedOn' }
  if (ageOn(input.personBirthDate, input.today) >= 18)
    return adultRepresentationDocuments.includes(input.kind)
      ? null
      : { code: 'errors.desk.representation.notForAdult', field: 'documentKind' }
  const ageWhenMade = ageOn(input.personBirthDate, input.issuedOn)
  if (input.kind === 'guardianship_decision' && ageWhenMade >= 14)
    return { code: 'errors.desk.representation.guardianshipFrom14', field: 'documentKind' }
  if (input.kind === 'trusteeship_decision' && ageWhenMade < 14)
    return { code: 'errors.desk.representation.trusteeshipUnder14', field: 'documentKind' }
  return null
}

// p.2(8): the register's guardian of a child who has turned 14 is that child's trustee, and is shown as such.
export function representativeRoleOn<Basis extends string>(
  basis: Basis,
  personBirthDate: string,
  today: string,
): Basis | 'trustee' | 'guardian' {
  const age = ageOn(personBirthDate, today)
  if (basis === 'guardian' && age >= 14 && age < 18) return 'trustee'
  if (basis === 'trustee' && age < 14) return 'guardian'
  return basis
}

// p.9 para 2: guardianship and trusteeship are the forms that make a person of full age a ward.
export function isGuardianship(basis: string): boolean {
  return basis === 'guardian' || basis === 'trustee'
}

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

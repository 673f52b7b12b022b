import type { Sex } from '@/db/schema'
import { parseIin } from '@/lib/iin'

// An IIN issued before 2013 encodes the birth date and sex (digits 1-7); what the registrar records must agree with
// them. An IIN whose digits encode no date (issued later, or to a foreigner) binds neither.
export function iinDisagreements(iin: string, person: { birthDate: string; sex: Sex }): { birthDate: boolean; sex: boolean } {
  const parsed = parseIin(iin)
  if (!parsed.valid || parsed.birthDate === null || parsed.sex === null) return { birthDate: false, sex: false }
  return { birthDate: parsed.birthDate !== person.birthDate, sex: parsed.sex !== person.sex }
}

// The earliest birth date the desk accepts: older is a typing mistake.
export const earliestBirthDate = '1900-01-01'

// A birth date after `today` (Asia/Almaty) is a typing mistake.
export function isBirthDateAfter(birthDate: string, today: string): boolean {
  return birthDate > today
}

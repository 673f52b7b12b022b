// How long a document holds after its date of issue (DocumentKindDefinition.validity). Pure: the day is an argument.
import { addDays, type Day } from '@/lib/calendar'

export type DocumentValidity = { calendarDays: number }
export type ValidityState = { validThrough: Day; expired: boolean }

// Counted in calendar days from the day after the date of issue (registry certificates, List row 11 «Қолданылу
// мерзімі – күнтізбелік 10 күн»; digest rule 27, reading B3): issued on D, valid through D + n, expired from D + n + 1.
export function validThrough(issuedOn: Day, validity: DocumentValidity): Day {
  if (!Number.isInteger(validity.calendarDays) || validity.calendarDays < 0)
    throw new Error('A validity is a whole number of calendar days')
  return addDays(issuedOn, validity.calendarDays)
}

// Whether the document still holds on `today` (the Almaty calendar day of the moment asked about). null: the kind
// sets no validity, or the document names no date of issue.
export function validityOn(issuedOn: Day | null, validity: DocumentValidity | undefined, today: Day): ValidityState | null {
  if (!validity || !issuedOn) return null
  const through = validThrough(issuedOn, validity)
  return { validThrough: through, expired: today > through }
}

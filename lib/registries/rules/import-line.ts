import { normalizeIin, parseIin } from '@/lib/iin'
import { parseBirthDate } from '@/lib/patients/search-query'
import { hasUnstorableCharacters } from '@/lib/text/text-schema'
import { birthDateRefusal, observedSinceRefusal } from './record-days'

// Issue 16: the CSV a centre imports its existing records from (README, "Registry CSV import"). The header names the
// columns, in this order; `;` or `,` separates them; UTF-8, with or without a BOM.
export const importColumns = ['iin', 'last_name', 'first_name', 'middle_name', 'birth_date', 'group', 'observed_since'] as const
export type ImportColumn = (typeof importColumns)[number]

// The separator of a file: the one its header line uses.
export function separatorOf(headerLine: string): ';' | ',' {
  return headerLine.includes(';') ? ';' : ','
}

// Null when the header names exactly the expected columns (any case, spaces around), else the message key.
export function headerRefusal(cells: readonly string[]): string | null {
  const names = cells.map((cell) => cell.trim().toLowerCase())
  const same = names.length === importColumns.length && importColumns.every((column, index) => names[index] === column)
  return same ? null : 'centre.import.errors.header'
}

// A day as the file writes it: 2024-03-01, or 01.03.2024 (also with / or -).
export function parseFileDay(text: string): string | null {
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text)
  if (iso) return parseBirthDate(`${iso[3]}.${iso[2]}.${iso[1]}`)
  return parseBirthDate(text)
}

export type CheckedLine = {
  line: number
  iin: string | null
  lastName: string | null
  firstName: string | null
  middleName: string | null
  birthDate: string | null
  observationGroup: string | null
  observedSince: string | null
  // The first thing wrong with the line (a message key) and its column; null when the file's text is fine (the IIN
  // is then still looked up, and the line compared with the file's other lines and the registry).
  error: string | null
  errorField: ImportColumn | null
}

const maxCell = 100
const namePattern = /^\p{L}[\p{L}\p{M}'’\- ]*$/u

// One line of the file, as far as its own text tells: the IIN's checksum, the names without an IIN, the days (real,
// not in the future, observation not before birth), the group. What needs the database comes later.
export function checkImportLine(line: number, cells: readonly string[], today: string): CheckedLine {
  const text = cells.map((cell) => cell.trim().normalize('NFC'))
  const [iinText = '', last = '', first = '', middle = '', birth = '', group = '', since = ''] = text
  const iin = normalizeIin(iinText)
  const birthDate = parseFileDay(birth)
  const observedSince = parseFileDay(since)
  const checked: CheckedLine = {
    line,
    iin: iin === '' ? null : iin,
    lastName: last || null,
    firstName: first || null,
    middleName: middle || null,
    birthDate,
    observationGroup: group || null,
    observedSince,
    error: null,
    errorField: null,
  }
  const refuse = (error: string, errorField: ImportColumn | null): CheckedLine => ({
    ...checked,
    // What cannot be stored is not kept; the line is shown by its number and error.
    ...(error === 'centre.import.errors.characters' || error === 'centre.import.errors.tooLong'
      ? { iin: null, lastName: null, firstName: null, middleName: null, observationGroup: null }
      : {}),
    error,
    errorField,
  })
  if (cells.length !== importColumns.length) return refuse('centre.import.errors.columns', null)
  for (const [index, cell] of text.entries()) {
    if (hasUnstorableCharacters(cell)) return refuse('centre.import.errors.characters', importColumns[index]!)
    if (cell.length > maxCell) return refuse('centre.import.errors.tooLong', importColumns[index]!)
  }
  if (iin !== '' && !parseIin(iin).valid) return refuse('centre.import.errors.iin', 'iin')
  if (iin === '') {
    if (!last) return refuse('centre.import.errors.nameRequired', 'last_name')
    if (!first) return refuse('centre.import.errors.nameRequired', 'first_name')
  }
  for (const [column, value] of [
    ['last_name', last],
    ['first_name', first],
    ['middle_name', middle],
  ] as const)
    if (value && !namePattern.test(value)) return refuse('centre.import.errors.nameLetters', column)
  if (iin === '' || birth !== '') {
    if (!birthDate) return refuse('centre.import.errors.badDate', 'birth_date')
    const refusal = birthDateRefusal(birthDate, today)
    if (refusal) return refuse(importErrorOf(refusal), 'birth_date')
  }
  if (!group) return refuse('centre.import.errors.groupRequired', 'group')
  if (group.length > 20) return refuse('centre.import.errors.tooLong', 'group')
  if (!observedSince) return refuse('centre.import.errors.badDate', 'observed_since')
  if (observedSince > today) return refuse('centre.import.errors.futureDate', 'observed_since')
  if (birthDate) {
    const refusal = observedSinceRefusal(observedSince, birthDate, today)
    if (refusal) return refuse(importErrorOf(refusal), 'observed_since')
  }
  return checked
}

const importErrorOf = (key: string) => key.replace('centre.errors.', 'centre.import.errors.')

// A person the file names by IIN, as the records know her: the file's birth date, when it gives one, must agree.
export function identityRefusal(line: CheckedLine, known: { birthDate: string }): CheckedLine {
  if (line.birthDate && line.birthDate !== known.birthDate)
    return { ...line, error: 'centre.import.errors.birthDateMismatch', errorField: 'birth_date' }
  if (line.observedSince && line.observedSince < known.birthDate)
    return { ...line, error: 'centre.import.errors.beforeBirth', errorField: 'observed_since' }
  return line
}

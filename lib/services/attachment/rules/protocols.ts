import { addWorkingDays, almatyInstant, CALENDAR_DEFAULTS, type CalendarOptions, type Day } from '@/lib/calendar'
import { normalizeIin, parseIin } from '@/lib/iin'

// Rules of attachment p.16, p.35: people attached on the grounds of p.31(6)-(8) are attached within 1 working day of
// receiving the Fund's placement results protocol. Reading 2: the day of receipt is not counted, and the day ends at
// the clinic's closing time (20:00 Almaty). A protocol received on Monday is due by Tuesday 20:00.
export function protocolDue(receivedOn: Day, options?: CalendarOptions): Date {
  return almatyInstant(addWorkingDays(receivedOn, 1, options), options?.dueTime ?? CALENDAR_DEFAULTS.dueTime)
}

// Applied after its due instant, a protocol still takes effect at once; the board shows it as late.
export function isProtocolLate(dueAt: Date, appliedAt: Date): boolean {
  return appliedAt.getTime() > dueAt.getTime()
}

export type ProtocolLine = { line: number; iin: string; section: string | null }

export const lineErrorCodes = [
  'errors.protocol.line.iinLength',
  'errors.protocol.line.iinDigits',
  'errors.protocol.line.iinChecksum',
  'errors.protocol.line.duplicate',
  'errors.protocol.line.unknownPerson',
  'errors.protocol.line.alreadyAttached',
  'errors.protocol.line.foreignSection',
  'errors.protocol.line.sectionAgeBand',
  'errors.protocol.line.noSectionForAge',
] as const
export type LineErrorCode = (typeof lineErrorCodes)[number]

// `first`: for a duplicate, the line where the IIN first appears.
export type LineError = { line: number; code: LineErrorCode; first?: number }

export const maxProtocolPeople = 5000

const iinErrors = {
  length: 'errors.protocol.line.iinLength',
  digits: 'errors.protocol.line.iinDigits',
  checksum: 'errors.protocol.line.iinChecksum',
} as const

function unquote(field: string): string {
  const trimmed = field.trim()
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).replaceAll('""', '"').trim()
    : trimmed
}

// The protocol's people as typed or pasted: one per line, `IIN` or `IIN;section number`; a CSV pasted from a
// spreadsheet (comma, semicolon or tab, quoted fields, a header line) reads the same. Lines are numbered as typed, blank
// ones included, so an error points at the line the chief sees.
export function parseProtocolPeople(text: string): { people: ProtocolLine[]; errors: LineError[] } {
  const people: ProtocolLine[] = []
  const errors: LineError[] = []
  const firstLineOf = new Map<string, number>()
  let seenContent = false
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = index + 1
      if (!raw.trim()) return
      const fields = raw.split(/[;,\t]/).map(unquote)
      const first = normalizeIin(fields[0] ?? '')
      const header = !seenContent && !/\d/.test(first)
      seenContent = true
      if (header) return
      const parsed = parseIin(first)
      if (!parsed.valid) {
        errors.push({ line, code: iinErrors[parsed.reason] })
        return
      }
      const earlier = firstLineOf.get(first)
      if (earlier != null) {
        errors.push({ line, code: 'errors.protocol.line.duplicate', first: earlier })
        return
      }
      firstLineOf.set(first, line)
      people.push({ line, iin: first, section: fields[1] ? fields[1] : null })
    })
  return { people, errors }
}

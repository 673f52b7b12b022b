import { normalizeIin, parseIin } from '@/lib/iin'
import { hasUnstorableCharacters, invalidCharactersKey } from '@/lib/text/text-schema'

export type SearchQuery =
  | { kind: 'empty' }
  | { kind: 'iin'; iin: string }
  // Name words, and the birth date when one was typed beside them («Нурлан 12.03.1985»).
  | { kind: 'name'; words: string[]; birthDate?: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'birthDate'; birthDate: string }
  | { kind: 'invalid'; error: string }

// The longest search the box takes. A longer text (a paste gone wrong) is refused next to the field and kept in it;
// pages read up to `searchEchoLimit` characters of the address so the text comes back as it was typed.
export const searchTextLimit = 100
export const searchEchoLimit = 10_000

// A birth date as typed in Kazakhstan: dd.mm.yyyy (also with / or -, one-digit day and month).
const datePattern = /^([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})$/

export function parseBirthDate(text: string): string | null {
  const match = datePattern.exec(text)
  if (!match) return null
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > days) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

// A Kazakhstan mobile number in any common spelling (+7 701 234 56 78, 8 (701) 234-56-78, 87012345678, 7012345678),
// as the database stores it: +7 and ten digits. Null when it is not one.
export function parsePhone(text: string): string | null {
  if (!/^[+0-9\s()\-.]+$/.test(text)) return null
  const digits = text.replace(/[^0-9]/g, '')
  const plus = text.trim().startsWith('+')
  if (plus) return /^7[0-9]{10}$/.test(digits) ? `+${digits}` : null
  if (/^[78]7[0-9]{9}$/.test(digits)) return `+7${digits.slice(1)}`
  if (/^7[0-9]{9}$/.test(digits)) return `+7${digits}`
  return null
}

// What staff typed in a search box: twelve digits are an IIN (checked like every IIN field), a mobile number in any
// common spelling is a phone, dd.mm.yyyy a birth date, letters a name (optionally with a birth date).
export function parseSearchQuery(text: string): SearchQuery {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'empty' }
  if (trimmed.length > searchTextLimit) return { kind: 'invalid', error: 'errors.search.tooLong' }
  // A NUL byte or a lone surrogate (a URL can carry both) would fail the query instead of finding nobody.
  if (hasUnstorableCharacters(trimmed)) return { kind: 'invalid', error: invalidCharactersKey }
  const birthDate = parseBirthDate(trimmed)
  if (birthDate) return { kind: 'birthDate', birthDate }
  const digits = normalizeIin(trimmed)
  if (!/^[0-9]{12}$/.test(digits)) {
    const phone = parsePhone(trimmed)
    if (phone) return { kind: 'phone', phone }
  }
  if (/^[0-9]+$/.test(digits)) {
    const parsed = parseIin(digits)
    return parsed.valid ? { kind: 'iin', iin: digits } : { kind: 'invalid', error: `errors.iin.${parsed.reason}` }
  }
  if (/^[+0-9\s()\-]+$/.test(trimmed)) return { kind: 'invalid', error: 'errors.search.phone' }
  const tokens = trimmed.split(/\s+/)
  const dates = tokens.filter((token) => /^[0-9]/.test(token))
  const words = tokens.filter((token) => !/^[0-9]/.test(token))
  if (dates.length > 1 || words.some((word) => /[0-9]/.test(word))) return { kind: 'invalid', error: 'errors.search.mixed' }
  const date = dates[0] === undefined ? undefined : parseBirthDate(dates[0])
  if (date === null) return { kind: 'invalid', error: /[./]/.test(dates[0]!) ? 'errors.search.birthDate' : 'errors.search.mixed' }
  if (words.join('').length < 2) return { kind: 'invalid', error: 'errors.search.tooShort' }
  return { kind: 'name', words: words.slice(0, 3), ...(date ? { birthDate: date } : {}) }
}

// The search as applied, for the audit of a list: the IIN, phone or birth date typed, or the words a name was searched by.
export function searchTextOf(query: SearchQuery | undefined): string | null {
  if (query?.kind === 'iin') return query.iin
  if (query?.kind === 'phone') return query.phone
  if (query?.kind === 'birthDate') return query.birthDate
  if (query?.kind === 'name') return [...query.words, ...(query.birthDate ? [query.birthDate] : [])].join(' ')
  return null
}

import { normalizeIin, parseIin } from '@/lib/iin'
import { hasUnstorableCharacters, invalidCharactersKey } from '@/lib/text/text-schema'

export type SearchQuery =
  { kind: 'empty' } | { kind: 'iin'; iin: string } | { kind: 'name'; words: string[] } | { kind: 'invalid'; error: string }

// What a registrar typed in the one search box: digits are an IIN (checked like every IIN field), letters a name.
export function parseSearchQuery(text: string): SearchQuery {
  const trimmed = text.trim().slice(0, 100)
  if (trimmed === '') return { kind: 'empty' }
  // A NUL byte or a lone surrogate (a URL can carry both) would fail the query instead of finding nobody.
  if (hasUnstorableCharacters(trimmed)) return { kind: 'invalid', error: invalidCharactersKey }
  const digits = normalizeIin(trimmed)
  if (/^[0-9]+$/.test(digits)) {
    const parsed = parseIin(digits)
    return parsed.valid ? { kind: 'iin', iin: digits } : { kind: 'invalid', error: `errors.iin.${parsed.reason}` }
  }
  if (/[0-9]/.test(trimmed)) return { kind: 'invalid', error: 'errors.search.mixed' }
  if (trimmed.length < 2) return { kind: 'invalid', error: 'errors.search.tooShort' }
  return { kind: 'name', words: trimmed.split(/\s+/).slice(0, 3) }
}

// The search as applied, for the audit of a list: the IIN typed, or the words a name was searched by.
export function searchTextOf(query: SearchQuery | undefined): string | null {
  if (query?.kind === 'iin') return query.iin
  if (query?.kind === 'name') return query.words.join(' ')
  return null
}

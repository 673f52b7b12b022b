// What a URL brings (a path segment, a search parameter) is checked here before it goes near a query: PostgreSQL
// answers a malformed uuid or an out-of-range bigint with an error, and a page must answer "not found" instead.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return uuidPattern.test(value)
}

// A bigint row id as the URL writes it: decimal digits, 1 to 2^53-1 (ids are read as JavaScript numbers).
export function rowIdParam(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || !/^[0-9]{1,16}$/.test(value)) return null
  const id = Number(value)
  return id >= 1 && id <= Number.MAX_SAFE_INTEGER ? id : null
}

// A text search parameter: the first one when the URL repeats it, cut to `max` characters without splitting a
// surrogate pair. Whether it can be searched for is the parser's question (lib/patients/search-query).
export function searchParamText(value: string | string[] | undefined, max: number): string {
  const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
  const cut = text.slice(0, max)
  return cut.length < text.length && /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

// A keyset cursor of an instant and a row id, as a list's "next page" link writes it: `<UTC instant to the
// microsecond>_<id>` (PostgreSQL keeps microseconds; a cursor cut to milliseconds would skip rows).
export type InstantCursor = { at: string; id: number }

export function instantIdParam(value: string | null | undefined): InstantCursor | null {
  if (typeof value !== 'string') return null
  const match = /^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z)_([0-9]{1,16})$/.exec(value)
  if (!match || Number.isNaN(Date.parse(match[1]!))) return null
  const id = rowIdParam(match[2])
  return id === null ? null : { at: match[1]!, id }
}

export const instantIdText = (cursor: InstantCursor) => `${cursor.at}_${cursor.id}`

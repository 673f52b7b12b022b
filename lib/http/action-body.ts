// A server action's body as this app's forms send it: React's reply encoding of the argument list, which for plain
// data is one JSON array (`encodeReply` returns a string). Next hands anything else to React's decoder, and a body that
// is not JSON, or that points at parts a one-part body does not have (a Map `$Q1`, a FormData `$K1`, a promise `$@1`),
// throws inside Next and answers HTTP 500. These are refused before Next reads them.
export const maxActionBodyBytes = 1024 * 1024

export type ActionBodyProblem = 'tooLarge' | 'notText' | 'malformed'

// The `$` values a one-part reply may hold: an escaped `$`, undefined, the special numbers, a date, a bigint.
const allowedReference = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/

function holdsOnlyPlainValues(value: unknown, depth: number): boolean {
  if (depth > 64) return false
  if (typeof value === 'string') return !value.startsWith('$') || allowedReference.test(value)
  if (value === null || typeof value !== 'object') return true
  if (Array.isArray(value)) return value.every((item) => holdsOnlyPlainValues(item, depth + 1))
  return Object.values(value).every((item) => holdsOnlyPlainValues(item, depth + 1))
}

export function actionContentProblem(contentType: string | null): ActionBodyProblem | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return type === 'text/plain' || type === '' ? null : 'notText'
}

export function actionBodyProblem(bytes: Uint8Array): ActionBodyProblem | null {
  if (bytes.byteLength > maxActionBodyBytes) return 'tooLarge'
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return 'malformed'
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return 'malformed'
  }
  return Array.isArray(parsed) && holdsOnlyPlainValues(parsed, 0) ? null : 'malformed'
}

import { createHash } from 'node:crypto'

// The snapshot as it is hashed and signed: keys sorted by UTF-16 code unit, strings in Unicode NFC, no whitespace,
// `undefined` dropped (as JSON.stringify drops it), numbers as JSON writes them. The same snapshot always gives the same
// text, whichever order its keys were built in and whether a letter such as «қ» came composed or decomposed.
export function canonicalJson(value: unknown): string {
  const text = canonicalValue(value)
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form')
  return text
}

function canonicalValue(value: unknown): string | undefined {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.normalize('NFC'))
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`)
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
    case 'bigint':
      throw new TypeError('canonicalJson: bigint has no JSON form')
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalValue(item) ?? 'null').join(',')}]`
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => [key.normalize('NFC'), canonicalValue(item)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    // Code-unit order (what `<` on strings compares), not the locale's.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${item}`).join(',')}}`
}

// SHA-256 of the canonical snapshot, lowercase hex: `documents.snapshot_hash`.
export function snapshotHash(snapshot: unknown): string {
  return sha256Hex(canonicalJson(snapshot))
}

// SHA-256 of a text already canonical (canonicalJson's output), lowercase hex.
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

// The 32 raw bytes that are signed (the detached CMS content).
export function snapshotHashBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError('snapshotHashBytes: expected 64 lowercase hex digits')
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

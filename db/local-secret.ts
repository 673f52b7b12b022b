import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// A secret generated on this machine on first use and kept in a file only its owner reads (.data/: the session key,
// the embedded database's passwords). Nothing secret is written in the code.
export function localSecret(file: string): { value: string; created: boolean } {
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false }
  mkdirSync(path.dirname(file), { recursive: true })
  const value = randomBytes(32).toString('base64url')
  writeFileSync(file, value, { mode: 0o600 })
  return { value, created: true }
}

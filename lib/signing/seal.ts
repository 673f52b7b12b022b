// Private keys at rest: AES-256-GCM, iv ‖ ciphertext ‖ tag in base64. The AAD binds a sealed key to its row
// (a key copied onto another staff member's row does not open).
import { createCipheriv, createDecipheriv, hkdf, randomBytes, scrypt } from 'node:crypto'
import type { PinKeyDerivation } from '@/db/schema'

// scrypt N = 2^14, r = 8 (16 MiB): one unseal takes about 45 ms on the 2-core box (docs/performance.md). A six-digit
// PIN cannot resist an offline search by itself; the server secret mixed in (HKDF salt) and the online lockout
// (5 wrong PINs → 15 minutes) are what protect it. Parameters are stored per row, so they can be raised later.
export const pinKeyDerivation: PinKeyDerivation = { algorithm: 'scrypt', N: 2 ** 14, r: 8, p: 1 }

export function serverSecret(): string {
  const secret = process.env.AUTH_SECRET
  if (!secret) throw new Error('AUTH_SECRET is not set')
  return secret
}

function hkdfKey(material: Buffer | string, salt: Buffer | string, info: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    hkdf('sha256', material, salt, info, 32, (error, key) => (error ? reject(error) : resolve(Buffer.from(key)))),
  )
}

function scryptKey(pin: string, salt: Buffer, params: PinKeyDerivation): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

// The key that seals the demo CA's private key: HKDF(AUTH_SECRET, salt).
export function authorityKey(salt: Buffer): Promise<Buffer> {
  return hkdfKey(serverSecret(), salt, 'tirkeu demo CA key')
}

// The key that seals an organization's seal (an information system's key, issue 16): HKDF(AUTH_SECRET, salt), like the
// CA's, under its own label. No PIN is involved: nobody types one at 3 a.m. when a certificate is issued automatically.
export function organizationSealKey(salt: Buffer): Promise<Buffer> {
  return hkdfKey(serverSecret(), salt, 'tirkeu organization seal key')
}

// The key that seals a staff member's private key: HKDF(scrypt(PIN, salt), AUTH_SECRET).
export async function pinKey(pin: string, salt: Buffer, params: PinKeyDerivation): Promise<Buffer> {
  return hkdfKey(await scryptKey(pin, salt, params), serverSecret(), 'tirkeu staff signing key')
}

export function newSalt(): Buffer {
  return randomBytes(16)
}

export function seal(key: Buffer, plaintext: Uint8Array, associatedData: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')
}

// null when the key is wrong (wrong PIN) or the sealed bytes were altered.
export function unseal(key: Buffer, sealed: string, associatedData: string): Uint8Array | null {
  const bytes = Buffer.from(sealed, 'base64')
  if (bytes.length < 12 + 16 + 1) return null
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
  decipher.setAAD(Buffer.from(associatedData, 'utf8'))
  decipher.setAuthTag(bytes.subarray(bytes.length - 16))
  try {
    return Uint8Array.from(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]))
  } catch {
    return null
  }
}

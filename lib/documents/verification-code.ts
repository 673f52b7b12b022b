import { randomBytes } from 'node:crypto'

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not mistaken.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const verificationCodeLength = 10

// 10 characters = 50 bits from the system's CSPRNG (256 is a multiple of 32, so `byte & 31` is unbiased). The unique
// index documents_verification_code_unique backs it; a collision among a clinic system's documents is ~n²/2⁵¹.
export function newVerificationCode(random: (size: number) => Uint8Array = randomBytes): string {
  return Array.from(random(verificationCodeLength), (byte) => alphabet[byte & 31]).join('')
}

// What a person typed or a QR carried, in canonical form, or null when it cannot be a code (Crockford: O → 0, I/L → 1,
// case and hyphens ignored).
export function normalizeVerificationCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[-\s]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return code.length === verificationCodeLength && [...code].every((char) => alphabet.includes(char)) ? code : null
}

import { randomBytes } from 'node:crypto'
import { verificationCodeAlphabet as alphabet, verificationCodeLength } from './verification-code-format'

export { normalizeVerificationCode, verificationCodeLength } from './verification-code-format'

// 10 characters = 50 bits from the system's CSPRNG (256 is a multiple of 32, so `byte & 31` is unbiased). The unique
// index documents_verification_code_unique backs it; a collision among a clinic system's documents is ~n²/2⁵¹.
export function newVerificationCode(random: (size: number) => Uint8Array = randomBytes): string {
  return Array.from(random(verificationCodeLength), (byte) => alphabet[byte & 31]).join('')
}

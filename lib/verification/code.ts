// A verification code as printed under the QR code: 10 Crockford base32 characters. People type it from paper, so
// lower case is accepted, and the letters Crockford folds (O→0, I/L→1) are folded; anything else is not a code.
const alphabet = /^[0-9A-HJKMNP-TV-Z]{10}$/

export function normalizeVerificationCode(input: string): string | null {
  const folded = input
    .trim()
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return alphabet.test(folded) ? folded : null
}

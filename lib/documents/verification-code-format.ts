// The shape of a verification code, without I/O: shared by the server and the verification form in the browser.

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not mistaken.
export const verificationCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const verificationCodeLength = 10

// What a person typed or a QR carried, in canonical form, or null when it cannot be a code (Crockford: O → 0, I/L → 1,
// case and hyphens ignored).
export function normalizeVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[-\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return code.length === verificationCodeLength && [...code].every((char) => verificationCodeAlphabet.includes(char))
    ? code
    : null
}

// Public verification is open to anyone, so guessing codes must be slow (issue 6): an address that asks for 10
// unknown or malformed codes within 10 minutes is answered "try later" for 15 minutes, for every code, known or not.
// Known codes never count, so a clinic's own desk printing many documents is not slowed down.
import { lockedUntil, type Attempt } from '@/lib/auth/lockout'

export const verificationPolicy = { maxFailures: 10, windowMs: 10 * 60_000, lockMs: 15 * 60_000 } as const

export function verificationLockedUntil(attempts: readonly Attempt[], now: Date): Date | null {
  return lockedUntil(attempts, now, verificationPolicy)
}

export const verificationKey = (address: string | null) => `verify:${address ?? 'unknown'}`

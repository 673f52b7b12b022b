// Public verification is open to anyone, so guessing codes must be slow (issue 6): an address that asks for 10
// unknown or malformed codes within 10 minutes is answered "try later" for 15 minutes, for every code, known or not.
// Known codes never count, so a clinic's own desk printing many documents is not slowed down.
import type { AttemptRequest } from '@/lib/auth/attempts'
import { blockedUntil, limitRules, type Attempt } from '@/lib/auth/lockout'

export const verificationPolicy = limitRules.verification

export function verificationLockedUntil(attempts: readonly Attempt[], now: Date): Date | null {
  return blockedUntil(verificationPolicy, attempts, now)
}

export const verificationKey = (address: string | null) => `verify:${address ?? 'unknown'}`

export const verificationLimits = (address: string | null, now: Date): AttemptRequest => ({
  subject: verificationKey(address),
  limits: [{ key: verificationKey(address), rule: verificationPolicy }],
  now,
  address,
})

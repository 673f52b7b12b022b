// Five failed sign-ins within 15 minutes lock that login or IIN for 15 minutes from the fifth failure.
// Attempts made while locked are not recorded, so they neither extend the lock nor count afterwards.
export type LockoutPolicy = { readonly maxFailures: number; readonly windowMs: number; readonly lockMs: number }
export const lockoutPolicy: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }

export type Attempt = { at: Date; succeeded: boolean }

export function lockedUntil(attempts: readonly Attempt[], now: Date, policy = lockoutPolicy): Date | null {
  const sorted = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime())
  const lastSuccess = sorted.findLastIndex((attempt) => attempt.succeeded)
  const failures = sorted.slice(lastSuccess + 1).map((attempt) => attempt.at.getTime())
  let until: number | null = null
  for (let i = policy.maxFailures - 1; i < failures.length; i++) {
    const last = failures[i]!
    const first = failures[i - policy.maxFailures + 1]!
    if (last - first <= policy.windowMs) until = last + policy.lockMs
  }
  return until !== null && until > now.getTime() ? new Date(until) : null
}

// How far back attempts matter: a lock can start no earlier than window + lock before now.
export function attemptsSince(now: Date, policy = lockoutPolicy): Date {
  return new Date(now.getTime() - policy.windowMs - policy.lockMs)
}

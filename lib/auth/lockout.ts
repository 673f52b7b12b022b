// Limits on attempts (sign-in, codes, signing PINs, public verification, lookups by IIN). Pure: the attempts and the
// time are passed in; lib/auth/attempts.ts counts and decides each attempt atomically in the database.
// `order` breaks ties between attempts made at the same instant (the database's row id: the order they were counted).
export type Attempt = { at: Date; succeeded: boolean; order?: number }

// `lockout`: so many failures within the window lock for `lockMs` from the last of them. Attempts made while locked are
// not recorded, so they neither extend the lock nor count afterwards. Where `successClears`, a success forgets the
// failures before it; elsewhere (public verification) a success neither counts nor clears, so a guesser cannot reset
// the count by asking for one real code between guesses.
// `window`: at most `max` attempts of any outcome within the window; a full window refuses until its oldest attempt
// leaves it (an SMS costs money and floods the phone, whatever the IIN).
export type LimitRule =
  | {
      readonly kind: 'lockout'
      readonly maxFailures: number
      readonly windowMs: number
      readonly lockMs: number
      readonly successClears: boolean
    }
  | { readonly kind: 'window'; readonly max: number; readonly windowMs: number }

const minutes = (count: number) => count * 60_000

export const limitRules = {
  // Five failures in 15 minutes lock a login (or IIN) for 15 minutes, from one address.
  signInFromAddress: { kind: 'lockout', maxFailures: 5, windowMs: minutes(15), lockMs: minutes(15), successClears: true },
  // From every address together a staff login takes 20 failures in 15 minutes, then stays open only to the addresses it
  // signed in from correctly (docs/decisions.md: "Lockouts by login and address").
  staffSignIn: { kind: 'lockout', maxFailures: 20, windowMs: minutes(15), lockMs: minutes(15), successClears: true },
  // A 6-digit code is easier to guess than a password: 10 wrong codes for one IIN from all addresses together.
  patientSignIn: { kind: 'lockout', maxFailures: 10, windowMs: minutes(15), lockMs: minutes(15), successClears: true },
  codeRequests: { kind: 'window', max: 3, windowMs: minutes(15) },
  signingPin: { kind: 'lockout', maxFailures: 5, windowMs: minutes(15), lockMs: minutes(15), successClears: true },
  // Public verification: 10 unknown or malformed codes in 10 minutes from one address, then "try later" for 15.
  verification: { kind: 'lockout', maxFailures: 10, windowMs: minutes(10), lockMs: minutes(15), successClears: false },
  // The desk finds anyone in the country by full IIN: 60 lookups in 10 minutes per staff member is a busy desk.
  deskLookups: { kind: 'window', max: 60, windowMs: minutes(10) },
} as const satisfies Record<string, LimitRule>

// An address a login signed in from correctly within this time stays open when the login is locked for everyone else.
export const knownAddressMs = 30 * 24 * 60 * 60_000

export function blockedUntil(rule: LimitRule, attempts: readonly Attempt[], now: Date): Date | null {
  const sorted = attempts
    .map((attempt) => ({ at: attempt.at.getTime(), succeeded: attempt.succeeded, order: attempt.order ?? 0 }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
  if (rule.kind === 'window') {
    const recent = sorted.filter((attempt) => attempt.at > now.getTime() - rule.windowMs)
    return recent.length >= rule.max ? new Date(recent[recent.length - rule.max]!.at + rule.windowMs) : null
  }
  const lastSuccess = rule.successClears ? sorted.findLastIndex((attempt) => attempt.succeeded) : -1
  const failures = sorted
    .slice(lastSuccess + 1)
    .filter((attempt) => !attempt.succeeded)
    .map((attempt) => attempt.at)
  let until: number | null = null
  for (let i = rule.maxFailures - 1; i < failures.length; i++) {
    const last = failures[i]!
    const first = failures[i - rule.maxFailures + 1]!
    if (last - first <= rule.windowMs) until = last + rule.lockMs
  }
  return until !== null && until > now.getTime() ? new Date(until) : null
}

// How far back attempts matter: a lock can start no earlier than window + lock before now.
export function lookbackOf(rule: LimitRule, now: Date): Date {
  return new Date(now.getTime() - rule.windowMs - (rule.kind === 'lockout' ? rule.lockMs : 0))
}

// The sign-in lock of one login or IIN from one address (the first of the rules above), for the tests of its shape.
export function lockedUntil(attempts: readonly Attempt[], now: Date): Date | null {
  return blockedUntil(limitRules.signInFromAddress, attempts, now)
}

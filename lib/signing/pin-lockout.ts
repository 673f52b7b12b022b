import 'server-only'
import type { Database } from '@/db/client'
import { blockedBy, claimAttempt, type AttemptRequest } from '@/lib/auth/attempts'
import { limitRules } from '@/lib/auth/lockout'

// Signing PINs: 5 wrong PINs within 15 minutes lock signing for 15 minutes (lib/auth/lockout.ts), counted in
// login_attempts under `pin:<staffId>` before the PIN is tried; a correct PIN settles its attempt and clears the count.
export const pinAttemptKey = (staffId: number) => `pin:${staffId}`

const pinLimits = (staffId: number, now: Date): AttemptRequest => ({
  subject: pinAttemptKey(staffId),
  limits: [{ key: pinAttemptKey(staffId), rule: limitRules.signingPin }],
  now,
  address: null,
})

export const claimPinAttempt = (db: Database, staffId: number, now: Date) => claimAttempt(db, pinLimits(staffId, now))
export const pinLockedUntil = (db: Database, staffId: number, now: Date) => blockedBy(db, pinLimits(staffId, now))

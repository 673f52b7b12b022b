import 'server-only'
import { and, asc, eq, gt } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { loginAttempts } from '@/db/schema'
import { attemptsSince, lockedUntil } from '@/lib/auth/lockout'

// Signing PINs share sign-in's lockout (lib/auth/lockout.ts): 5 wrong PINs within 15 minutes lock signing for
// 15 minutes, counted in login_attempts under the key `pin:<staffId>`. A correct PIN clears the count.
export const pinAttemptKey = (staffId: number) => `pin:${staffId}`

export async function pinLockedUntil(db: Database, staffId: number, now: Date): Promise<Date | null> {
  const rows = await db
    .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, pinAttemptKey(staffId)), gt(loginAttempts.at, attemptsSince(now))))
    .orderBy(asc(loginAttempts.at))
  return lockedUntil(rows, now)
}

export async function recordPinAttempt(
  db: Pick<Database, 'insert'>,
  staffId: number,
  succeeded: boolean,
  now: Date,
): Promise<void> {
  await db.insert(loginAttempts).values({ key: pinAttemptKey(staffId), succeeded, at: now, address: null })
}

import 'server-only'
import { sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { blockedUntil, knownAddressMs, lookbackOf, type Attempt, type LimitRule } from './lockout'

type Executor = Pick<Database, 'execute'>

export type AttemptLimit = {
  key: string
  rule: LimitRule
  // A limit on a whole login that an address the login signed in from correctly does not feel.
  unlessKnownAddress?: boolean
}

export type AttemptRequest = {
  // The one lock every attempt on this subject takes (a login, an IIN, a staff member's PIN, an address).
  subject: string
  limits: readonly AttemptLimit[]
  now: Date
  address: string | null
  // The key whose successful attempts make `address` known (the login from this address).
  knownAddressKey?: string
}

export type AttemptClaim = { ids: number[] }

// An attempt is counted before it is checked. Under one lock per subject (a transaction-level advisory lock, so
// parallel attempts on one login queue up and attempts on different logins do not wait for each other), the limits are
// read and, when none refuses, one row per limit is written as a failure; the check then runs outside the lock, and a
// success is settled afterwards. So a burst of 50 parallel attempts gets exactly as many checks as the limit allows,
// never more, whatever the order in which they finish.
export async function claimAttempt(
  db: Database,
  request: AttemptRequest,
): Promise<{ ok: true; claim: AttemptClaim } | { ok: false; until: Date }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${request.subject}, 0))`)
    const until = await blockedBy(tx, request)
    if (until) return { ok: false as const, until }
    const keys = request.limits.map((limit) => limit.key)
    const rows = await tx.execute<{ id: string }>(sql`
      insert into login_attempts (key, succeeded, at, address)
      select key, false, ${request.now.toISOString()}::timestamptz, ${request.address} from unnest(${sql.param(keys)}::text[]) as key
      returning id`)
    return { ok: true as const, claim: { ids: rows.map((row) => Number(row.id)) } }
  })
}

// The check succeeded: the attempt's rows say so (a success clears a lockout's count; it never counts in a window).
export async function settleAttempt(db: Executor, claim: AttemptClaim): Promise<void> {
  if (claim.ids.length === 0) return
  await db.execute(sql`update login_attempts set succeeded = true where id = any(${sql.param(claim.ids)}::bigint[])`)
}

// Until when the subject is refused now, read without taking the lock (to tell a person that their failure locked it).
export async function blockedBy(db: Executor, request: Omit<AttemptRequest, 'subject'>): Promise<Date | null> {
  const { now } = request
  const since = new Date(Math.min(...request.limits.map((limit) => lookbackOf(limit.rule, now).getTime())))
  const keys = request.limits.map((limit) => limit.key)
  const rows = await db.execute<{ id: string; key: string; at: Date | string; succeeded: boolean; known: boolean }>(sql`
    select a.id, a.key, a.at, a.succeeded,
           ${request.knownAddressKey ?? null}::text is not null and exists (
             select 1 from login_attempts k
             where k.key = ${request.knownAddressKey ?? null} and k.succeeded and k.at > ${new Date(now.getTime() - knownAddressMs).toISOString()}::timestamptz
           ) as known
    from (select 1) one
    left join login_attempts a on a.key = any(${sql.param(keys)}::text[]) and a.at > ${since.toISOString()}::timestamptz`)
  const known = rows[0]?.known ?? false
  let until: Date | null = null
  for (const limit of request.limits) {
    if (limit.unlessKnownAddress && known) continue
    const attempts: Attempt[] = rows
      .filter((row) => row.key === limit.key)
      .map((row) => ({ at: new Date(row.at), succeeded: row.succeeded, order: Number(row.id) }))
    const blocked = blockedUntil(limit.rule, attempts, now)
    if (blocked && (!until || blocked > until)) until = blocked
  }
  return until
}

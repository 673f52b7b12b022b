// Direct access to the app's database for the security harness: finding the resources the sweep needs, reading the
// patients' sign-in codes, and fingerprinting every table to prove that a refused call wrote nothing.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { e2eDataPath, e2ePgPort } from '../server-env'

/** The URL of an e2e server's database, as the owner of the tables (scripts/start.ts generated its password). */
export function ownerDatabaseUrl(dataPath = e2eDataPath, pgPort = e2ePgPort): string {
  const password = readFileSync(path.join(dataPath, 'postgres-password'), 'utf8').trim()
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/tirkeu`
}

/** The URL of the e2e server's database: the one place the sweep reaches it from. */
export function securityDatabaseUrl(): string {
  return process.env.SECURITY_DATABASE_URL || ownerDatabaseUrl()
}

/**
 * The e2e server's AUTH_SECRET (scripts/start.ts generates it into the data directory), or null. Used only as the
 * last resort of actors.ts, when a patient can get no sign-in code (3 per 15 minutes, spent by the e2e flows).
 */
export function securityAuthSecret(): string | null {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET
  const file = path.join(e2eDataPath, 'auth-secret')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

let client: postgres.Sql | null = null

export function db(): postgres.Sql {
  client ??= postgres(securityDatabaseUrl(), { max: 2, onnotice: () => {}, idle_timeout: 20 })
  return client
}

export async function closeDb(): Promise<void> {
  const open = client
  client = null
  await open?.end({ timeout: 5 })
}

// ---------------------------------------------------------------------------------------------
// Fingerprint: "0 rows written by a refused call"
//
// Every table of schema `public`, a partitioned one as a whole (pg-boss keeps its queue in schema `pgboss`, which is not looked at), by row count
// and an md5 over its rows' text, order-independent. Exceptions, because something other than the call under test
// changes them legitimately while the harness runs:
// - notifications: the outbox worker (lib/jobs/deliver-notifications.ts) sets status, attempts and sent_at of rows
//   queued earlier at any moment, so the table is fingerprinted by row count and max(id) only: a refused call must not
//   queue an SMS, but delivery may go on.
// Writes that a refused call may legitimately make are not excluded here but allowed per endpoint in the sweep's
// table (`mayWrite`): a failed sign-in records a login_attempts row and an audit_log row (auth.signInFailed); an
// unknown verification code records a login_attempts row (the /verify rate limit). A refused business action (a
// foreign id, a role without the right) must write nothing at all, audit_log included.

export type Fingerprint = Map<string, string>

const countAndMaxId = new Set(['notifications'])

let fingerprintQuery: string | null = null

async function buildFingerprintQuery(sql: postgres.Sql): Promise<string> {
  // A partitioned table (audit_log, request_events, notifications: by month) is read through its parent, once.
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`
  if (tables.length === 0) throw new Error('No tables in schema public: is this the app database?')
  return tables
    .map(({ name }) => {
      const quoted = `public."${name.replaceAll('"', '""')}"`
      const literal = `'${name.replaceAll("'", "''")}'`
      return countAndMaxId.has(name)
        ? `select ${literal} as t, count(*)::text || ':' || coalesce(max(id)::text, '-') as f from ${quoted}`
        : `select ${literal} as t, count(*)::text || ':' || md5(coalesce(string_agg(md5(x::text), '' order by md5(x::text)), '')) as f from ${quoted} x`
    })
    .join(' union all ')
}

export async function fingerprint(): Promise<Fingerprint> {
  const sql = db()
  fingerprintQuery ??= await buildFingerprintQuery(sql)
  const rows = await sql.unsafe<{ t: string; f: string }[]>(fingerprintQuery)
  return new Map(rows.map((row) => [row.t, row.f]))
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()])
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort()
}

/** Newest rows of a table (by id) for a readable failure message. */
export async function newestRows(table: string, limit = 3): Promise<unknown[]> {
  try {
    return await db().unsafe(`select * from public."${table.replaceAll('"', '""')}" order by id desc limit ${limit}`)
  } catch {
    return []
  }
}

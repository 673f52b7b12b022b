import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { redactQueryErrors } from './query-errors'
import { statementTimeoutMs } from './statement-budget'
import * as schema from './schema'

export type Sql = postgres.Sql
export type Database = ReturnType<typeof createDatabase>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

// No logger: a query's parameters are a person's data; a failed statement's error is stripped of them too.
export function createDatabase(sql: Sql) {
  redactQueryErrors()
  return drizzle(sql, { schema })
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.')
  return url
}

const globalForDb = globalThis as unknown as { tirkeuSql?: Sql; tirkeuDb?: Database }

// One pool per server process; small, since PostgreSQL here shares 2 cores with the app (docs/performance.md).
// TIRKEU_PG_SOCKET (set by `npm start` for its embedded server): the directory of the server's Unix socket, used
// instead of the address's host and with its port, user and password.
export function getSql(): Sql {
  const socket = process.env.TIRKEU_PG_SOCKET
  globalForDb.tirkeuSql ??= postgres(databaseUrl(), {
    ...(socket ? { host: socket } : {}),
    max: Number(process.env.PG_POOL_MAX ?? 10),
    onnotice: () => {},
    connection: { statement_timeout: statementTimeoutMs },
  })
  return globalForDb.tirkeuSql
}

export function getDb(): Database {
  globalForDb.tirkeuDb ??= createDatabase(getSql())
  return globalForDb.tirkeuDb
}

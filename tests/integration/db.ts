import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, inject } from 'vitest'
import { createDatabase, type Database } from '@/db/client'

const opened: postgres.Sql[] = []
afterAll(async () => {
  await Promise.all(opened.splice(0).map((sql) => sql.end()))
})

// A new database with every migration applied, copied from the template the global set-up prepared.
// `debug` sees every statement sent, with its parameters (to EXPLAIN what a query function ran).
export async function freshDatabase(
  options: { max?: number; debug?: (connection: number, query: string, parameters: unknown[]) => void } = {},
): Promise<postgres.Sql> {
  const adminUrl = inject('adminUrl')
  const name = `tirkeu_test_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const sql = postgres(url.toString(), { max: options.max ?? 5, onnotice: () => {}, debug: options.debug })
  opened.push(sql)
  return sql
}

export async function freshDb(options: { max?: number } = {}): Promise<{ sql: postgres.Sql; db: Database }> {
  const sql = await freshDatabase(options)
  return { sql, db: createDatabase(sql) }
}

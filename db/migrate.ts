import path from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { grantAppRole } from './app-role'
import { installJobs } from './job-queues'

export const migrationsFolder = path.resolve(import.meta.dirname, 'migrations')

// Run by the owner of the tables: the schema, the job queues, then what the app's role may do (db/app-role.ts).
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await migrate(drizzle(sql), { migrationsFolder })
    await installJobs(url)
    await grantAppRole(sql)
  } finally {
    await sql.end()
  }
}

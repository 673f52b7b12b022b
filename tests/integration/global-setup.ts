import { existsSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import postgres from 'postgres'
import { startEmbeddedPostgres, type EmbeddedServer } from '../../db/embedded'
import { removeEmbeddedData } from '../../db/embedded-place'
import { migrateDatabase } from '../../db/migrate'
import { ensureTestMonths } from './test-partitions'

export const templateDatabase = 'tirkeu_test_template'

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string
    templateDatabase: string
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

// Integration tests run against a real PostgreSQL: DATABASE_URL's server when set, otherwise an embedded one.
// Migrations are applied once to a template database; each test file copies it into a database of its own.
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | null = null
  let adminUrl: string
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL
  } else {
    const root = path.resolve(import.meta.dirname, '../../.data')
    if (existsSync(root)) {
      for (const name of readdirSync(root)) {
        const pid = Number(/^test-pg-(\d+)$/.exec(name)?.[1])
        if (pid && !isAlive(pid)) removeEmbeddedData(path.join(root, name))
      }
    }
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(root, `test-pg-${process.pid}`),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    })
    adminUrl = embedded.url
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists ${templateDatabase}`)
  await admin.unsafe(`create database ${templateDatabase}`)
  await migrateDatabase(withDatabase(adminUrl, templateDatabase))
  const template = postgres(withDatabase(adminUrl, templateDatabase), { max: 1, onnotice: () => {} })
  try {
    await ensureTestMonths(template)
  } finally {
    await template.end()
  }
  project.provide('adminUrl', adminUrl)
  project.provide('templateDatabase', templateDatabase)

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'tirkeu_test_%'`
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`)
    await admin.end()
    await embedded?.stop()
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

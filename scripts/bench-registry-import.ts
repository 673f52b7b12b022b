// `npm run bench:registry-import`: a registry centre's CSV import of N lines (default 100,000) through the real check
// (streamed, a batch of 1000 lines at a time into dispensary_import_lines) and the real confirmation (one transaction
// under the registry's import lock), then the hourly job's removal of the staged lines (lib/registries/import-cleanup.ts),
// on a throwaway embedded PostgreSQL. Prints the preview's, the commit's and the removal's seconds,
// lines/s and the peak RSS growth of each, and the same measured, in the same run, for a baseline that reads the whole
// file into memory and parses it at once (csv-parse/sync), with nothing checked or stored. Talks only to 127.0.0.1.
import { createReadStream, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import postgres from 'postgres'
import { parse } from 'csv-parse/sync'
import { makeIin } from '../lib/iin'
import { allowServerOnlyImports, positiveInt, throwawayDatabase } from './bench-db'

const lines = positiveInt('lines', process.argv.find((arg) => arg.startsWith('--lines='))?.slice('--lines='.length) ?? '100000')

allowServerOnlyImports()

function iins(count: number): string[] {
  const out = new Set<string>()
  for (let serial = 0; out.size < count; serial++) {
    const day = new Date(Date.UTC(1940, 0, 1) + (serial % 29_000) * 86_400_000).toISOString().slice(0, 10)
    out.add(makeIin({ birthDate: day, sex: serial % 2 ? 'male' : 'female', serial: Math.floor(serial / 29_000) }))
  }
  return [...out]
}

async function measure<T>(label: string, run: () => Promise<T>): Promise<{ value: T; seconds: number; rss: number }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const started = performance.now()
  const value = await run()
  const seconds = (performance.now() - started) / 1000
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  const rss = peak - before
  console.log(
    `[bench] ${label}: ${seconds.toFixed(2)} s, ${Math.round(lines / seconds)} lines/s, peak RSS +${(rss / 1024 / 1024).toFixed(1)} MB`,
  )
  return { value, seconds, rss }
}

async function main() {
  global.gc?.()
  console.log(`heap_at_start_mb ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)}`)
  const database = await throwawayDatabase('bench-registry-import', { seed: false })
  const file = path.resolve(import.meta.dirname, '..', '.data', `bench-registry-import-${process.pid}.csv`)
  try {
    const sql = postgres(database.url, { max: 4, onnotice: () => {} })
    const [centre] = await sql<{ id: string }[]>`
      insert into organizations (code, type, name_kk, name_ru, region, city, address_kk, address_ru, working_hours)
      values ('bench-tb', 'tb_centre', 'Бенч орталығы', 'Бенч центр', 'Маңғыстау облысы', 'Ақтау', 'Ақтау', 'Актау', '{}')
      returning id`
    const [doctor] = await sql<{ id: string }[]>`
      insert into staff (organization_id, role, login, password_hash, last_name, first_name)
      values (${centre!.id}, 'dispensary_doctor', 'bench-tb', 'x', 'Бенч', 'Дәрігер') returning id`
    const all = iins(lines)
    const started = performance.now()
    for (let i = 0; i < all.length; i += 20_000)
      await sql`
        insert into patients (iin, last_name, first_name, middle_name, birth_date, sex, status, address)
        select iin, 'Тегі' || n, 'Аты', 'Әкесінің аты', ('1940-01-01'::date + ((substr(iin, 1, 6))::int % 29000)), 'male',
               'citizen', 'Ақтау қ.'
        from unnest(${all.slice(i, i + 20_000)}::text[]) with ordinality as t(iin, n)`
    await sql`analyze`
    console.log(`[bench] ${lines} patients inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    // The file a centre exports from its old system: every person by IIN, the names left to the records.
    writeFileSync(
      file,
      `iin;last_name;first_name;middle_name;birth_date;group;observed_since\n${all.map((iin) => `${iin};;;;;IA;2024-03-01`).join('\n')}\n`,
    )
    const { createDatabase } = await import('../db/client')
    const { checkImport, commitImport, getImportPreview } = await import('../lib/registries/import')
    const db = createDatabase(sql)
    const actor = {
      kind: 'staff' as const,
      id: Number(doctor!.id),
      role: 'dispensary_doctor' as const,
      organizationId: Number(centre!.id),
      departmentId: null,
      name: 'Бенч',
      locale: 'kk' as const,
    }
    const context = { now: new Date(), address: '127.0.0.1' }
    const baseline = await measure('baseline: the whole file read and parsed at once, nothing checked', async () => {
      const records = parse(await readFile(file, 'utf8'), { delimiter: ';' }) as string[][]
      return records.length
    })
    const preview = await measure('preview: streamed, checked and stored line by line', async () => {
      const checked = await checkImport(
        db,
        actor,
        { fileName: 'bench.csv', body: createReadStream(file, { highWaterMark: 64 * 1024 }) },
        context,
      )
      if (!checked.ok) throw new Error(checked.code)
      return checked.data.importId
    })
    global.gc?.()
    const retained = process.memoryUsage().heapUsed
    const shown = await getImportPreview(db, actor, preview.value, null, { address: null, now: new Date() })
    if (!shown || shown.lines !== lines || shown.errorLines !== 0)
      throw new Error(`unexpected preview: ${JSON.stringify(shown?.lines)}`)
    const commit = await measure('commit: one transaction under the import lock', async () => {
      const committed = await commitImport(db, actor, { importId: preview.value, version: shown.version }, context)
      if (!committed.ok) throw new Error(committed.code)
      return committed.data.records
    })
    const [counted] = await sql<{ n: number }[]>`select count(*)::int as n from dispensary_records`
    if (counted!.n !== lines || commit.value !== lines) throw new Error(`committed ${counted!.n} of ${lines}`)
    // The hourly job's removal of the staged lines (the same batches as an expired preview's): the whole run, and its
    // longest transaction, which holds the import's row lock.
    const { removeExpiredImports, importCleanupBounds } = await import('../lib/registries/import-cleanup')
    const cleanup = await measure('cleanup: staged lines removed in batches', async () => {
      const report = await removeExpiredImports(db, new Date())
      if (report.lines !== lines) throw new Error(`removed ${report.lines} of ${lines}`)
      return report
    })
    const [left] = await sql<{ n: number }[]>`select count(*)::int as n from dispensary_import_lines`
    if (left!.n !== 0) throw new Error(`${left!.n} staged lines left`)
    console.log(`preview_seconds ${preview.seconds.toFixed(2)}`)
    console.log(`commit_seconds ${commit.seconds.toFixed(2)}`)
    console.log(`cleanup_seconds ${cleanup.seconds.toFixed(2)}`)
    console.log(
      `cleanup_batch_ms ${((cleanup.seconds * 1000 * importCleanupBounds.batch) / lines).toFixed(0)} (mean, ${importCleanupBounds.batch} lines)`,
    )
    console.log(`preview_lines_per_second ${Math.round(lines / preview.seconds)}`)
    console.log(`commit_lines_per_second ${Math.round(lines / commit.seconds)}`)
    console.log(`preview_peak_rss_mb ${(preview.rss / 1024 / 1024).toFixed(1)}`)
    // What the preview keeps once its garbage is collected: the lines live in the database, not in the process.
    console.log(`heap_after_preview_mb ${(retained / 1024 / 1024).toFixed(1)}`)
    console.log(
      `rss ratio ${(Math.max(preview.rss, 0) / Math.max(baseline.rss, 1)).toFixed(3)} (streamed preview ÷ whole-file baseline, peak RSS growth)`,
    )
    console.log(`time ratio ${(preview.seconds / baseline.seconds).toFixed(1)} (preview ÷ baseline parse)`)
    await sql.end()
  } finally {
    rmSync(file, { force: true })
    await database.stop()
  }
}

void main()

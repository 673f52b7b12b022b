// `npm run bench:sign`: how long one document takes to render, sign and verify, and documents per second for a
// batch signed with one PIN entry. See docs/performance.md for the figures.
//
// One run: a throwaway embedded PostgreSQL (.data/bench-sign-<pid>) with the migrations and the demo data → a demo
// doctor given an IIN → one warm-up signing (creates the demo CA and issues the doctor's certificate) → N single
// documents, each: render (slot below) → signHashesWithDemoPki (lockout check, PIN unseal with scrypt, CMS sign,
// attempt row) → verifyDocumentSignature (parse, signature, digest, chain to the demo root, IIN) → a batch of B
// hashes signed in one call (one PIN unseal) and then each verified → figures, and as the last line
// `median_ms <x>` (median of render + sign + verify for one document).
//
// Flags: --runs 200 (single documents), --batch 1000 (documents in the batch), --warmup 5.
import { createHash, randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { register } from 'node:module'
import { createServer } from 'node:net'
import { cpus } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded'
import { migrateDatabase } from '../db/migrate'
import { seedIfEmpty } from '../db/seed'

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    batch: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '5' },
  },
  strict: true,
})

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`)
  return n
}

const runs = positiveInt('runs', flags.runs)
const batchSize = positiveInt('batch', flags.batch)
const warmupRuns = Number(flags.warmup)

const root = path.resolve(import.meta.dirname, '..')
const dataDir = path.join(root, '.data', `bench-sign-${process.pid}`)
const log = (line: string) => console.log(`[bench] ${line}`)
let embedded: EmbeddedServer | null = null

async function cleanup(): Promise<void> {
  if (embedded) {
    const server = embedded
    embedded = null
    await server.stop().catch((error) => console.error('[bench] stopping PostgreSQL:', error))
  }
  rmSync(dataDir, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`)
    void cleanup().finally(() => process.exit(130))
  })
}
process.on('exit', () => {
  try {
    rmSync(dataDir, { recursive: true, force: true })
  } catch {}
})

function freePort(): Promise<number> {
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
const ms = (value: number) => value.toFixed(2)

// A 064/e coupon's snapshot, numbered `i`. The real snapshot comes from lib/documents (h-docs); its shape does not
// change what is signed: always the 32 bytes of SHA-256 over the canonical JSON.
function couponSnapshot(i: number): Record<string, unknown> {
  return {
    kind: 'coupon_064e',
    number: `064-${String(i).padStart(6, '0')}`,
    clinic: { nameKk: 'Ақтау қалалық №1 емханасы', nameRu: 'Городская поликлиника №1 г. Актау' },
    patient: { name: 'Серікова Әсел Болатқызы', iin: '900101400123', birthDate: '1990-01-01' },
    section: { number: '7', doctor: 'Оспанов Ерлан' },
    attachedFrom: '2026-11-20',
  }
}

// ---- PDF render slot ------------------------------------------------------------------------------------------
// The lead adds the PDF render step here (lib/pdf, h-docs): render the coupon from its snapshot and return the
// PDF bytes. Until then it renders nothing and its time is ~0. Returns the snapshot hash to sign.
async function renderCouponPdf(snapshot: Record<string, unknown>): Promise<{ pdf: Uint8Array | null; snapshotHash: string }> {
  const canonical = JSON.stringify(snapshot, Object.keys(snapshot).sort()) // stand-in for lib/documents/canonical
  return { pdf: null, snapshotHash: createHash('sha256').update(canonical, 'utf8').digest('hex') }
}
// ----------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  process.env.AUTH_SECRET ??= randomBytes(32).toString('hex') // seals the throwaway CA and keys of this run
  const pin = process.env.DEMO_SIGNING_PIN || '123456'
  log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); runs ${runs}, batch ${batchSize}`)

  const pgPort = await freePort()
  embedded = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'tirkeu', persistent: false })
  await migrateDatabase(embedded.url)
  await seedIfEmpty(embedded.url)

  // `import 'server-only'` throws outside a react-server bundle; resolve it to an empty module (as vitest does).
  register(
    `data:text/javascript,${encodeURIComponent(
      `export async function resolve(specifier, context, next) {
         if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true }
         return next(specifier, context)
       }`,
    )}`,
  )
  const { createDatabase } = await import('../db/client')
  const { signHashesWithDemoPki } = await import('../lib/signing/demo-pki')
  const { verifyDocumentSignature } = await import('../lib/signing/verify')
  const { pinKeyDerivation } = await import('../lib/signing/seal')

  const sql = postgres(embedded.url, { max: 4, onnotice: () => {} })
  const db = createDatabase(sql)
  const [doctor] = await sql<{ id: string; iin: string | null }[]>`
    select id, iin from staff where role = 'doctor' and active order by id limit 1`
  if (!doctor) throw new Error('the demo data has no doctor')
  const staffId = Number(doctor.id)
  const iin = doctor.iin ?? '850101300111'
  if (!doctor.iin) await sql`update staff set iin = ${iin} where id = ${staffId}`

  const signOne = async (i: number) => {
    const t0 = performance.now()
    const { snapshotHash } = await renderCouponPdf(couponSnapshot(i))
    const t1 = performance.now()
    const signed = await signHashesWithDemoPki(db, { staffId, pin, snapshotHashes: [snapshotHash] }, new Date())
    if (!signed.ok) throw new Error(signed.error)
    const t2 = performance.now()
    const check = await verifyDocumentSignature({ signature: signed.signatures[0]!, snapshotHash, expectedSignerIin: iin }, db)
    if (check.status !== 'valid') throw new Error(`verification: ${JSON.stringify(check)}`)
    const t3 = performance.now()
    return { render: t1 - t0, sign: t2 - t1, verify: t3 - t2, total: t3 - t0 }
  }

  const tFirst = performance.now()
  await signOne(0)
  log(`first signing (creates the demo CA, issues the certificate): ${ms(performance.now() - tFirst)} ms`)
  for (let i = 1; i <= warmupRuns; i++) await signOne(i)

  const single = []
  for (let i = 0; i < runs; i++) single.push(await signOne(1000 + i))
  const totals = single.map((s) => s.total)
  log(
    `one document (render + sign + verify), ${runs} runs: median ${ms(median(totals))} ms, p95 ${ms(percentile(totals, 95))} ms`,
  )
  log(
    `  median per step: render ${ms(median(single.map((s) => s.render)))} ms (slot: no PDF yet), sign ${ms(median(single.map((s) => s.sign)))} ms` +
      ` (incl. one PIN unseal, scrypt N=${pinKeyDerivation.N} r=${pinKeyDerivation.r}), verify ${ms(median(single.map((s) => s.verify)))} ms`,
  )

  const rendered = []
  const tRender = performance.now()
  for (let i = 0; i < batchSize; i++) rendered.push(await renderCouponPdf(couponSnapshot(100_000 + i)))
  const renderMs = performance.now() - tRender
  const hashes = rendered.map((r) => r.snapshotHash)
  const tSign = performance.now()
  const batch = await signHashesWithDemoPki(db, { staffId, pin, snapshotHashes: hashes }, new Date())
  if (!batch.ok) throw new Error(batch.error)
  const signMs = performance.now() - tSign
  const tVerify = performance.now()
  for (const [i, signature] of batch.signatures.entries()) {
    const check = await verifyDocumentSignature({ signature, snapshotHash: hashes[i]!, expectedSignerIin: iin }, db)
    if (check.status !== 'valid') throw new Error(`verification: ${JSON.stringify(check)}`)
  }
  const verifyMs = performance.now() - tVerify
  const perSecond = (count: number, elapsed: number) => ((count * 1000) / elapsed).toFixed(0)
  log(
    `batch of ${batchSize} (one PIN unseal): render ${ms(renderMs)} ms, sign ${ms(signMs)} ms (${perSecond(batchSize, signMs)} docs/s),` +
      ` verify ${ms(verifyMs)} ms (${perSecond(batchSize, verifyMs)} docs/s)`,
  )
  log(`batch render + sign + verify: ${perSecond(batchSize, renderMs + signMs + verifyMs)} docs/s`)
  await sql.end()
  console.log(`median_ms ${ms(median(totals))}`)
}

let exitCode = 0
try {
  await main()
} catch (error) {
  console.error('[bench] failed:', error)
  exitCode = 1
} finally {
  await cleanup()
}
process.exit(exitCode)

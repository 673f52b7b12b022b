// `npm run bench:certificates`: 1,000 registry certificates issued automatically (issue 16), the patients asking in a
// row, each through submitRegistryCertificate as the patient's action calls it: the engine accepts the request and
// hands it to the centre's information system, and the answer goes back to the patient; the system decides what was
// handed over off the request path, in batches per centre (decideSoon → decideMany: the registry read under its
// advisory locks, the engine's approvals in one transaction with their documents, events and audit rows), and seals
// the batch's documents with the centre's organization seal (sign, check each signature as /verify will, issue, SMS).
// See docs/performance.md ("Registry certificates").
//
// One run: a throwaway embedded PostgreSQL (.data/bench-certificates-<pid>), or a throwaway database created on the
// server of DATABASE_URL when it is set (its owner must be allowed to create databases), with the migrations → the
// three centres of the test set-up (tests/integration/registry-certificate.test.ts: a BIN, an information system's
// staff row, a doctor) → distinct patients, a share of them on a registry → a warm-up (which issues each centre's seal)
// → the baseline, then the certificates:
//   baseline: the engine's submitRequest() of the same payload (self-request, same centre), which accepts the request
//             (request row, event, audit row, receipt SMS) and decides nothing: what any portal submit costs;
//   measured: submitRegistryCertificate() for each patient in turn, and the clock stops when the last certificate is
//             issued. Printed: the patients' waits (the submits), and each certificate's latency from its submit's
//             start to its seal.
// Then every certificate is checked: one document per request, issued, numbers unique, the result «состоит» exactly
// for the patients on that registry, verifyByCode (the public /verify) says genuine, and verifyDocumentSignature
// accepts the stored signature as the centre's seal.
//
// The last line is `per_second <x>` (certificates issued per second, end to end).
// Flags: --count 1000 (certificates), --baseline 1000 (baseline submits), --warmup 30, --registered 4 (every Nth
// patient is on the registry asked about), --concurrency 1 (patients asking at the same time; 1 = in a row; the
// baseline runs at the same concurrency), --cpu-profile <file> (a V8 CPU profile of the measured certificates only,
// for Chrome DevTools), --trace (prints the SQL statements of the first measured certificate and its decision), --tcp
// (the embedded server over TCP instead of its Unix socket, as the app reaches a server on another machine).
import { randomBytes, randomUUID } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import path from 'node:path'
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { migrateDatabase } from '../db/migrate'
import { allowServerOnlyImports, positiveInt, throwawayDatabase } from './bench-db'

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    baseline: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '30' },
    registered: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '1' },
    'cpu-profile': { type: 'string' },
    trace: { type: 'boolean', default: false },
    tcp: { type: 'boolean', default: false },
  },
  strict: true,
})
const count = positiveInt('count', flags.count)
const baselineCount = positiveInt('baseline', flags.baseline)
const warmupCount = positiveInt('warmup', flags.warmup)
const registeredEvery = positiveInt('registered', flags.registered)
const concurrency = positiveInt('concurrency', flags.concurrency)

const log = (line: string) => console.log(`[bench] ${line}`)
let stop: () => Promise<void> = () => Promise.resolve()
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`)
    void stop().finally(() => process.exit(130))
  })
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
const ms = (value: number) => value.toFixed(2)

// A throwaway database: embedded, or created on DATABASE_URL's server and dropped at the end.
async function database(): Promise<{ url: string; postmaster: number | null; socket: string | null }> {
  const external = process.env.DATABASE_URL
  if (!external) {
    const embedded = await throwawayDatabase('bench-certificates', { seed: false })
    stop = embedded.stop
    const postmaster = Number(readFileSync(path.join(embedded.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    // As `npm start` serves the app: through the embedded server's Unix socket (TIRKEU_PG_SOCKET), unless --tcp.
    return { url: embedded.url, postmaster, socket: flags.tcp ? null : embedded.server.socketDirectory }
  }
  const name = `tirkeu_bench_certificates_${randomBytes(4).toString('hex')}`
  const admin = postgres(external, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  let stopped: Promise<void> | null = null
  stop = () =>
    (stopped ??= (async () => {
      const owner = postgres(external, { max: 1, onnotice: () => {} })
      try {
        await owner.unsafe(`drop database if exists ${name} with (force)`)
      } catch (error) {
        console.error(`[bench] dropping ${name}:`, error)
      } finally {
        await owner.end()
      }
    })())
  const url = new URL(external)
  url.pathname = `/${name}`
  await migrateDatabase(url.toString())
  return { url: url.toString(), postmaster: null, socket: null }
}

// The 1-minute load average, sampled every second while the certificates are issued.
function loadSampler() {
  const samples: number[] = []
  const timer = setInterval(() => samples.push(loadavg()[0]!), 1000)
  return {
    stop() {
      clearInterval(timer)
      samples.push(loadavg()[0]!)
      return {
        min: Math.min(...samples),
        max: Math.max(...samples),
        mean: samples.reduce((a, b) => a + b, 0) / samples.length,
      }
    },
  }
}

// CPU time, in ms, of this process, of PostgreSQL (the postmaster and its children; embedded only) and of the whole
// machine (busy, all cores), from /proc: what one certificate costs, apart from the waiting a busy box adds.
const tickMs = 10 // USER_HZ = 100 on Linux
function cpuNow(postmaster: number | null) {
  let postgresTicks = 0
  if (postmaster) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        if (Number(entry) === postmaster || Number(fields[1]) === postmaster)
          postgresTicks += Number(fields[11]) + Number(fields[12])
      } catch {
        // the process ended meanwhile
      }
    }
  }
  const usage = process.cpuUsage()
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number)
  return {
    node: (usage.user + usage.system) / 1000,
    postgres: postgresTicks * tickMs,
    machine: (cpu.reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!) * tickMs,
  }
}

const surnames = [
  ['Серікова', 'Әсел', 'Болатқызы', 'female'],
  ['Қуанышбаев', 'Ерлан', 'Ғалымжанұлы', 'male'],
  ['Иванова', 'Татьяна', 'Сергеевна', 'female'],
  ['Өтебаев', 'Нұрсұлтан', null, 'male'],
  ['Ким', 'Виктор', 'Алексеевич', 'male'],
  ['Жақсылықова', 'Гүлжан', 'Төлеуқызы', 'female'],
] as const

async function main(): Promise<void> {
  process.env.AUTH_SECRET ??= randomBytes(32).toString('hex') // seals the throwaway CA and the centres' seals
  log(
    `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); loadavg ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  log(
    `certificates ${count}, baseline ${baselineCount}, warm-up ${warmupCount}, every ${registeredEvery}th on the registry, ` +
      (concurrency === 1 ? 'one at a time' : `${concurrency} patients at a time`),
  )
  const { url, postmaster, socket } = await database()
  allowServerOnlyImports()
  const { createDatabase } = await import('../db/client')
  const schema = await import('../db/schema')
  const { makeIin } = await import('../lib/iin')
  const { makeBin } = await import('../lib/iin/bin')
  const { submitRequest } = await import('../lib/requests/engine')
  const { loadCalendarOverrides } = await import('../lib/requests/context')
  const { submitRegistryCertificate } = await import('../lib/services/registry-certificate/submit')
  const { registryCertificateVariants } = await import('../lib/services/registry-certificate/registries')
  const { verifyByCode } = await import('../lib/verification/lookup')
  const { verifyDocumentSignature } = await import('../lib/signing/verify')
  const { expectedSignerOf } = await import('../lib/documents/clinic-signature')
  type PatientActor = import('../lib/auth/actor').PatientActor
  type Registry = import('../db/schema').DispensaryRegistry

  // Every statement sent is counted: the round trips per certificate are most of its time on a busy box.
  let statements = 0
  let tracing = false
  const sql = postgres(url, {
    ...(socket ? { host: socket } : {}),
    max: concurrency + 3,
    onnotice: () => {},
    debug: (_connection: number, query: string) => {
      statements++
      if (tracing) log(`SQL ${query.replace(/\s+/g, ' ').slice(0, 200)}`)
    },
  })
  const db = createDatabase(sql)
  const [{ version } = { version: '?' }] = await sql<{ version: string }[]>`select current_setting('server_version') as version`
  log(`PostgreSQL ${version}, ${socket ? `through its Unix socket in ${socket}` : `over TCP (${new URL(url).host})`}`)

  // The three centres, as the integration test sets them up.
  const centres = new Map<Registry, { id: number; systemId: number; doctorId: number; segment: string; service: string }>()
  for (const [index, variant] of registryCertificateVariants.entries()) {
    const [organization] = await db
      .insert(schema.organizations)
      .values({
        code: `bench-${variant.registry}`,
        bin: makeBin({ yearMonth: '0106', serial: 8001 + index }),
        type: variant.centreType,
        nameKk: `Бенч ${variant.registry} орталығы`,
        nameRu: `Бенч центр ${variant.registry}`,
        region: 'Маңғыстау облысы',
        city: 'Ақтау',
        addressKk: 'Ақтау қ., 31 шағын аудан',
        addressRu: 'г. Актау, 31 мкр.',
        workingHours: { mon: { from: '08:00', to: '17:00' } },
      })
      .returning({ id: schema.organizations.id })
    const member = async (system: boolean) => {
      const [row] = await db
        .insert(schema.staff)
        .values({
          organizationId: organization!.id,
          role: 'dispensary_doctor',
          system,
          login: `bench-${variant.registry}-${system ? 'system' : 'doctor'}`,
          passwordHash: '!',
          lastName: system ? 'АЖ' : 'Дәрігер',
          firstName: variant.registry,
        })
        .returning({ id: schema.staff.id })
      return row!.id
    }
    centres.set(variant.registry, {
      id: organization!.id,
      systemId: await member(true),
      doctorId: await member(false),
      segment: variant.segment,
      service: variant.service,
    })
  }
  const registries = registryCertificateVariants.map((variant) => variant.registry)

  // Distinct patients: a distinct birth date each (so no record is an uncertain match by name and birth date).
  type Person = { actor: PatientActor; iin: string; registry: Registry; onRegistry: boolean }
  const total = warmupCount + baselineCount + count
  const rows = Array.from({ length: total }, (_, i) => {
    const [lastName, firstName, middleName, sex] = surnames[i % surnames.length]!
    const birthDate = new Date(Date.UTC(1950, 0, 1) + i * 3 * 86_400_000).toISOString().slice(0, 10)
    return {
      iin: makeIin({ birthDate, sex, serial: 100 + (i % 800) }),
      lastName,
      firstName,
      middleName,
      birthDate,
      sex,
      status: 'citizen' as const,
      address: `Ақтау қ., ${1 + (i % 30)} шағын аудан, ${1 + (i % 60)} үй, ${1 + (i % 90)} пәтер`,
      phone: `+7701${String(1_000_000 + i).padStart(7, '0')}`,
      locale: i % 2 ? ('ru' as const) : ('kk' as const),
    }
  })
  const inserted: { id: number; iin: string }[] = []
  for (let i = 0; i < rows.length; i += 500)
    inserted.push(
      ...(await db
        .insert(schema.patients)
        .values(rows.slice(i, i + 500))
        .returning({ id: schema.patients.id, iin: schema.patients.iin })),
    )
  const people: Person[] = inserted.map((row, i) => ({
    actor: {
      kind: 'patient',
      id: row.id,
      role: 'patient',
      representedPatientIds: [],
      name: `${rows[i]!.lastName} ${rows[i]!.firstName}`,
      locale: rows[i]!.locale,
      phone: rows[i]!.phone,
    },
    iin: row.iin,
    registry: registries[i % registries.length]!,
    onRegistry: i % registeredEvery === 0,
  }))
  // On the registry asked about: every Nth. On another registry only (must read «не состоит», rule 26): every 7th.
  const records = people.flatMap((person, i) => {
    const row = rows[i]!
    const record = (registry: Registry) => ({
      organizationId: centres.get(registry)!.id,
      registry,
      iin: person.iin,
      lastName: row.lastName,
      firstName: row.firstName,
      middleName: row.middleName,
      birthDate: row.birthDate,
      observationGroup: 'I',
      observedSince: '2024-03-01',
      addedBy: centres.get(registry)!.doctorId,
    })
    if (person.onRegistry) return [record(person.registry)]
    if (i % 7 === 3) return [record(registries[(i + 1) % registries.length]!)]
    return []
  })
  for (let i = 0; i < records.length; i += 500) await db.insert(schema.dispensaryRecords).values(records.slice(i, i + 500))
  await sql`analyze`
  log(`3 centres, ${people.length} patients, ${records.length} registry records`)

  const context = async () => {
    const now = new Date()
    return { now, address: '127.0.0.1', overrides: await loadCalendarOverrides(db, now) }
  }
  const certificate = async (person: Person) => {
    const result = await submitRegistryCertificate(db, person.actor, {
      segment: centres.get(person.registry)!.segment,
      idempotencyKey: randomUUID(),
      form: { patientId: person.actor.id, about: 'self' },
      context: await context(),
    })
    if (!result.ok) throw new Error(`certificate: ${JSON.stringify(result)}`)
    return { requestId: result.data.requestId, decided: result.data.decided }
  }
  // The patient's wait is the submit; the certificate is issued after it, off the request path (decideSoon): its
  // latency runs from the submit's start to its batch's seal, and it must come out issued.
  const issueLatencies: number[] = []
  const decisions: Promise<void>[] = []
  const handOver = async (person: Person) => {
    const t = performance.now()
    const { requestId, decided } = await certificate(person)
    decisions.push(
      decided.then((outcome) => {
        if (outcome !== 'issued') throw new Error(`certificate ${requestId}: ${outcome}`)
        issueLatencies.push(performance.now() - t)
      }),
    )
    return requestId
  }
  // What submitRegistryCertificate hands the engine, without the decision and the seal after it.
  const baseline = async (person: Person) => {
    const centre = centres.get(person.registry)!
    const result = await submitRequest(
      db,
      person.actor,
      {
        service: centre.service,
        channel: 'portal',
        idempotencyKey: randomUUID(),
        payload: { centreId: centre.id, patientId: person.actor.id, about: 'self', subjectIin: person.iin },
      },
      await context(),
    )
    if (!result.ok) throw new Error(`baseline: ${JSON.stringify(result)}`)
  }
  // `settle`: what must finish before the clock stops (the certificates handed over).
  const measure = async (
    group: readonly Person[],
    fn: (person: Person) => Promise<unknown>,
    settle: () => Promise<unknown> = () => Promise.resolve(),
  ) => {
    const latencies: number[] = []
    const c0 = cpuNow(postmaster)
    const t0 = performance.now()
    const s0 = statements
    let next = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < group.length) {
          const person = group[next++]!
          const t = performance.now()
          await fn(person)
          latencies.push(performance.now() - t)
        }
      }),
    )
    const submitted = (performance.now() - t0) / 1000
    await settle()
    const seconds = (performance.now() - t0) / 1000
    const c1 = cpuNow(postmaster)
    latencies.sort((a, b) => a - b)
    const each = (key: keyof typeof c0) => (c1[key] - c0[key]) / group.length
    return {
      seconds,
      submitted,
      perSecond: group.length / seconds,
      latencies,
      statements: (statements - s0) / group.length,
      cpu: { node: each('node'), postgres: postmaster ? each('postgres') : null, machine: each('machine') },
    }
  }
  const describe = (figures: Awaited<ReturnType<typeof measure>>) =>
    `${figures.latencies.length} in ${figures.seconds.toFixed(2)} s, ${figures.perSecond.toFixed(1)}/s; ` +
    `p50 ${ms(percentile(figures.latencies, 50))} ms, p95 ${ms(percentile(figures.latencies, 95))} ms, ` +
    `p99 ${ms(percentile(figures.latencies, 99))} ms, max ${ms(figures.latencies.at(-1)!)} ms; ` +
    `${figures.statements.toFixed(1)} SQL statements each; CPU each: bench ${ms(figures.cpu.node)} ms, PostgreSQL ` +
    `${figures.cpu.postgres === null ? '?' : ms(figures.cpu.postgres)} ms, whole machine ${ms(figures.cpu.machine)} ms`

  const warmPeople = people.slice(0, warmupCount)
  const basePeople = people.slice(warmupCount, warmupCount + baselineCount)
  const certPeople = people.slice(warmupCount + baselineCount)

  // Warm-up: the first certificate of each centre issues its seal (and the first one the demo CA).
  const tWarm = performance.now()
  for (const person of warmPeople) await handOver(person)
  await Promise.all(decisions.splice(0))
  issueLatencies.length = 0
  log(`warm-up: ${warmPeople.length} certificates in ${ms(performance.now() - tWarm)} ms (the demo CA and 3 seals issued)`)
  await sql`checkpoint`

  const baseFigures = await measure(basePeople, baseline)
  log(`baseline (engine submitRequest, nothing decided): ${describe(baseFigures)}`)
  await sql`checkpoint`

  const loadBefore = loadavg()
  const sampler = loadSampler()
  const issued: string[] = []
  const profiler = flags['cpu-profile'] ? new Session() : null
  if (profiler) {
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.start')
  }
  let first = true
  const certFigures = await measure(
    certPeople,
    async (person) => {
      tracing = first && flags.trace
      first = false
      issued.push(await handOver(person))
      if (tracing) await decisions.at(-1)
      tracing = false
    },
    () => Promise.all(decisions),
  )
  issueLatencies.sort((a, b) => a - b)
  const load = sampler.stop()
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop')
    writeFileSync(flags['cpu-profile']!, JSON.stringify(profile))
    profiler.disconnect()
    log(`CPU profile of the certificates: ${flags['cpu-profile']}`)
  }
  log(`certificates (submit; the automatic decision and seal after it): ${describe(certFigures)}`)
  log(
    `  the patients' submits took ${certFigures.submitted.toFixed(2)} s (latencies above); each certificate was ` +
      `issued after its submit's start in p50 ${ms(percentile(issueLatencies, 50))} ms, p95 ` +
      `${ms(percentile(issueLatencies, 95))} ms, p99 ${ms(percentile(issueLatencies, 99))} ms, max ` +
      `${ms(issueLatencies.at(-1)!)} ms`,
  )
  log(
    `load average (1 min) during the run: ${load.min.toFixed(2)}-${load.max.toFixed(2)}, mean ${load.mean.toFixed(2)} ` +
      `(before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ${cpus().length} cores)`,
  )
  log(
    `ratio to the baseline: throughput ${(certFigures.perSecond / baseFigures.perSecond).toFixed(2)}, ` +
      `p50 latency ×${(percentile(certFigures.latencies, 50) / percentile(baseFigures.latencies, 50)).toFixed(2)}`,
  )

  // The checks: every measured request has exactly one issued, sealed, verifiable certificate.
  const tCheck = performance.now()
  const docs = await sql<
    {
      requestId: string
      status: string
      requestStatus: string
      kind: string
      number: string
      organizationId: string
      verificationCode: string
      signature: string | null
      snapshotHash: string
      snapshot: unknown
      result: string
      patientId: string
    }[]
  >`
    select r.id as "requestId", d.status, r.status as "requestStatus", d.kind, d.number,
           d.organization_id as "organizationId", d.verification_code as "verificationCode", d.signature,
           d.snapshot_hash as "snapshotHash", d.snapshot, r.payload ->> 'result' as result, r.patient_id as "patientId"
    from requests r left join documents d on d.request_id = r.id
    where r.id = any(${issued}::uuid[])`
  const failures: string[] = []
  const fail = (line: string) => {
    if (failures.length < 20) failures.push(line)
    else if (failures.length === 20) failures.push('…')
  }
  const byRequest = new Map<string, (typeof docs)[number][]>()
  for (const row of docs) byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), row])
  const numbers = new Set<string>()
  const personOf = new Map(certPeople.map((person) => [person.actor.id, person]))
  let registered = 0
  let notRegistered = 0
  for (const requestId of issued) {
    const found = byRequest.get(requestId) ?? []
    if (found.length !== 1 || !found[0]!.kind) {
      fail(`request ${requestId}: ${found.filter((row) => row.kind).length} documents`)
      continue
    }
    const row = found[0]!
    if (row.requestStatus !== 'approved') fail(`request ${requestId}: ${row.requestStatus}`)
    if (row.status !== 'issued' || !row.signature) fail(`document ${row.kind} ${row.number}: ${row.status}`)
    const key = `${row.organizationId}/${row.kind}/${row.number}`
    if (numbers.has(key)) fail(`number ${key} twice`)
    numbers.add(key)
    const person = personOf.get(Number(row.patientId))
    const expected = person?.onRegistry ? 'registered' : 'not_registered'
    if (row.result !== expected) fail(`request ${requestId}: ${row.result}, expected ${expected}`)
    if (row.result === 'registered') registered++
    else notRegistered++
  }
  // The public /verify, one address per lookup (a known code never counts against its address anyway).
  let genuine = 0
  let signatureValid = 0
  for (const [i, row] of docs.entries()) {
    if (!row.signature) continue
    const now = new Date()
    const verified = await verifyByCode(db, row.verificationCode, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, now)
    if (verified.state === 'found' && verified.document.verdict === 'genuine' && verified.document.number === row.number)
      genuine++
    else fail(`verifyByCode ${row.number}: ${JSON.stringify(verified).slice(0, 200)}`)
    const check = await verifyDocumentSignature(
      {
        signature: row.signature,
        snapshotHash: row.snapshotHash,
        ...expectedSignerOf(row.kind, row.snapshot, { iin: null, system: true }),
      },
      db,
      { now },
    )
    if (check.status === 'valid') signatureValid++
    else fail(`verifyDocumentSignature ${row.number}: ${JSON.stringify(check)}`)
  }
  const [counts] = await sql<{ documents: number; waiting: number }[]>`
    select count(*)::int as documents, count(*) filter (where status <> 'issued')::int as waiting from documents`
  log(
    `checked in ${((performance.now() - tCheck) / 1000).toFixed(1)} s: ${issued.length} requests, ${numbers.size} unique numbers, ` +
      `«состоит» ${registered}, «не состоит» ${notRegistered}, /verify genuine ${genuine}, signature valid ${signatureValid}; ` +
      `documents in the database ${counts?.documents} (warm-up included), not issued ${counts?.waiting}`,
  )
  await sql.end()
  if (issued.length !== count || numbers.size !== count || genuine !== count || signatureValid !== count || counts?.waiting)
    failures.push('counts do not add up')
  if (registered === 0 || notRegistered === 0) failures.push('both «состоит» and «не состоит» must occur')
  if (failures.length) throw new Error(`checks failed:\n${failures.join('\n')}`)
  console.log(`per_second ${certFigures.perSecond.toFixed(1)}`)
}

let exitCode = 0
try {
  await main()
} catch (error) {
  console.error('[bench] failed:', error)
  exitCode = 1
} finally {
  await stop()
}
process.exit(exitCode)

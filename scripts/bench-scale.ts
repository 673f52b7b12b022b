// `npm run bench:scale`: a large region (60 clinics, --patients N people, about N/2 requests over two years with their
// events, documents and audit rows) generated inside a throwaway embedded PostgreSQL (.data/bench-scale-<pid>), then
// the app's own query functions timed for a registrar, a doctor, a head and a patient of the largest clinic, each with
// the plan of its statements (EXPLAIN ANALYZE, BUFFERS). Results and plans: docs/scaling.md. Talks only to 127.0.0.1.
//
// Flags: --patients N (2000000), --runs N (20 timed runs per query, after --warmup 2), --budget S (40: a query's runs
// stop after S seconds, at least 3 taken), --timeout S (30: statement_timeout while measuring), --no-plans.
// The last line is `queue_p95_ms <x>`: the registrar's default queue.
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { allowServerOnlyImports, positiveInt, throwawayDatabase, type BenchDatabase } from './bench-db'
import { loadRegion } from './bench-scale-load'
import { parseIin } from '../lib/iin'

const { values: flags } = parseArgs({
  options: {
    patients: { type: 'string', default: '2000000' },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    budget: { type: 'string', default: '40' },
    timeout: { type: 'string', default: '30' },
    'no-plans': { type: 'boolean', default: false },
  },
  strict: true,
})
const patients = positiveInt('patients', flags.patients)
const runs = positiveInt('runs', flags.runs)
const warmup = Number(flags.warmup)
if (!Number.isInteger(warmup) || warmup < 0) throw new Error('--warmup must be an integer >= 0')
// Seconds a query may take in all before its runs stop (at least 3): a 10-second queue would otherwise take minutes.
const budget = positiveInt('budget', flags.budget)
// statement_timeout of the measuring pool: a query past it is reported as "> timeout" after one try, with the planner's
// estimated plan (EXPLAIN without ANALYZE) instead of the measured one.
const timeout = positiveInt('timeout', flags.timeout)

allowServerOnlyImports()

const log = (line: string) => console.log(`[bench] ${line}`)
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1))

let database: BenchDatabase | null = null
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`)
    void (database?.stop() ?? Promise.resolve()).finally(() => process.exit(130))
  })
}

// Statements postgres.js sends while `capturing` is set, with their parameters, for EXPLAIN.
type Statement = { text: string; parameters: unknown[] }
let capturing: Statement[] | null = null

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Parent Relationship'?: string
  'Subplan Name'?: string
  'Actual Rows'?: number
  'Plan Rows'?: number
  'Actual Loops'?: number
  'Actual Total Time'?: number
  'Shared Hit Blocks'?: number
  'Shared Read Blocks'?: number
  'Temp Written Blocks'?: number
  'Rows Removed by Filter'?: number
  'Sort Method'?: string
  Plans?: PlanNode[]
}

// The plan's main nodes, one line each: scans with their relation and index, joins, sorts, sub-plans.
function planLines(root: PlanNode, executionMs: number): string[] {
  const lines: string[] = [executionMs < 0 ? 'not executed: the estimated plan' : `execution ${ms(executionMs)} ms`]
  const walk = (node: PlanNode, depth: number) => {
    const skip = ['Result', 'Limit', 'Materialize', 'Memoize', 'Hash', 'Gather', 'Gather Merge', 'Incremental Sort'].includes(
      node['Node Type'],
    )
    if (!skip || depth === 0) {
      const parts = [
        `${'  '.repeat(Math.min(depth, 8))}${node['Subplan Name'] ? `${node['Subplan Name']}: ` : ''}${node['Node Type']}`,
        node['Relation Name'] ? `on ${node['Relation Name']}` : '',
        node['Index Name'] ? `using ${node['Index Name']}` : '',
        node['Actual Rows'] === undefined
          ? `estimated rows=${node['Plan Rows'] ?? 0}`
          : `rows=${node['Actual Rows']}${(node['Actual Loops'] ?? 1) > 1 ? `×${node['Actual Loops']} loops` : ''}`,
        node['Rows Removed by Filter'] ? `removed=${node['Rows Removed by Filter']}` : '',
        node['Actual Rows'] === undefined ? '' : `time=${ms(node['Actual Total Time'] ?? 0)}ms`,
        node['Actual Rows'] === undefined ? '' : `hit=${node['Shared Hit Blocks'] ?? 0} read=${node['Shared Read Blocks'] ?? 0}`,
        node['Temp Written Blocks'] ? `temp=${node['Temp Written Blocks']}` : '',
        node['Sort Method'] ? `(${node['Sort Method']})` : '',
      ]
      lines.push(parts.filter(Boolean).join(' '))
    }
    for (const child of node.Plans ?? []) walk(child, skip && depth > 0 ? depth : depth + 1)
  }
  walk(root, 0)
  return lines
}

// Drizzle wraps the driver's error: the code is on its cause.
function isTimeout(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } }
  return e.code === '57014' || e.cause?.code === '57014'
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

type Figure = {
  name: string
  rows: number
  runs: number
  timedOut: boolean
  p50: number
  p95: number
  max: number
  plans: string[][]
}

async function main() {
  const started = performance.now()
  database = await throwawayDatabase('bench-scale', { seed: false })
  const admin = postgres(database.url, { max: 1, onnotice: () => {} })
  // Load settings: no wait for the WAL flush per statement, fewer checkpoints; reset before measuring.
  await admin`alter system set max_wal_size = '16GB'`
  await admin`alter system set checkpoint_timeout = '30min'`
  await admin`select pg_reload_conf()`
  await admin`set synchronous_commit = off`
  await admin`set maintenance_work_mem = '512MB'`
  await admin`set work_mem = '256MB'`
  const loadStarted = performance.now()
  const shape = await loadRegion(admin, patients, log)
  const loadSeconds = (performance.now() - loadStarted) / 1000
  await admin`alter system reset max_wal_size`
  await admin`alter system reset checkpoint_timeout`
  await admin`select pg_reload_conf()`
  await admin`checkpoint`
  // A partitioned table is the sum of its monthly partitions.
  const counts = await admin<{ name: string; rows: string; size: string; partitions: number }[]>`
    select coalesce(p.relname, c.relname) as name, sum(greatest(c.reltuples, 0))::bigint::text as rows,
           pg_size_pretty(sum(pg_total_relation_size(c.oid))::bigint) as size, count(p.oid)::int as partitions
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    left join pg_inherits i on i.inhrelid = c.oid left join pg_class p on p.oid = i.inhparent
    where n.nspname = 'public' and c.relkind = 'r'
    group by 1 having sum(greatest(c.reltuples, 0)) > 1000 order by sum(greatest(c.reltuples, 0)) desc`
  const [databaseSize] = await admin<{ size: string }[]>`select pg_size_pretty(pg_database_size(current_database())) as size`
  log(`loaded in ${loadSeconds.toFixed(1)} s: ${databaseSize?.size}; largest clinic ${shape.largestAttached} attached`)
  for (const row of counts)
    log(
      `  ${row.name.padEnd(22)} ${row.rows.padStart(10)} rows  ${row.size}${row.partitions ? ` (${row.partitions} monthly partitions)` : ''}`,
    )
  const sample = await admin<{ iin: string }[]>`select iin from patients tablesample system (1) limit 2000`
  const invalid = sample.filter((row) => !parseIin(row.iin).valid)
  log(`IIN sample: ${sample.length} checked with parseIin, ${invalid.length} invalid`)
  if (invalid.length > 0)
    throw new Error(
      `invalid IINs generated: ${invalid
        .slice(0, 3)
        .map((r) => r.iin)
        .join(', ')}`,
    )
  await admin.end()

  // The app's pool, with postgres.js's debug hook recording statements for the plans.
  const sql = postgres(database.url, {
    max: 10,
    onnotice: () => {},
    connection: { statement_timeout: timeout * 1000 },
    debug: (_connection, text, parameters) => {
      capturing?.push({ text, parameters: parameters as unknown[] })
    },
  })
  const { createDatabase } = await import('../db/client')
  const db = createDatabase(sql)
  const { listQueue, listOverdue, getRequestForStaff, listMyRequests } = await import('../lib/requests/queries')
  const { searchPatients, searchBeyondClinic, listMyPeople } = await import('../lib/patients/queries')
  const { foldName } = await import('../lib/text/fold')
  const { listSectionLoad, listSectionPatients } = await import('../lib/organizations/queries')
  const { parseSearchQuery } = await import('../lib/patients/search-query')
  const { listRegister, registerCsv, listOwnSection, ownSectionCsv } = await import('../lib/services/attachment/register/queries')
  const { listComplaintBoard } = await import('../lib/services/complaint/queries')
  const { listDocumentsAwaitingSignature } = await import('../lib/documents/inbox')
  const { listMyMessages } = await import('../lib/notifications/queries')
  const { listClinicChoices } = await import('../lib/services/attachment/queries')
  const { messagesFor } = await import('../lib/i18n/messages')
  const { requestStatuses } = await import('../db/schema')
  const { correctionFormOf } = await import('../lib/requests/correct')
  const { getSectionChangeForm } = await import('../lib/services/attachment/correction/section-change')
  const { almatyDay } = await import('../lib/calendar')
  // A search or a page cut short by its own statement budget (db/statement-budget.ts) is reported as a timeout.
  const found = <T>(outcome: { state: 'done'; value: T } | { state: 'refine' }): T => {
    if (outcome.state === 'refine') throw Object.assign(new Error('statement budget ran out'), { code: '57014' })
    return outcome.value
  }

  // The people of the largest clinic (clinic 1).
  const clinic = 1
  const staffOf = async (role: string, extra = sql``) => {
    const [row] = await sql<{ id: string; department_id: string | null }[]>`
      select s.id, s.department_id from staff s where s.organization_id = ${clinic} and s.role = ${role} ${extra} order by s.id limit 1`
    if (!row) throw new Error(`no ${role} in clinic ${clinic}`)
    return {
      kind: 'staff' as const,
      id: Number(row.id),
      organizationId: clinic,
      departmentId: row.department_id ? Number(row.department_id) : null,
      name: role,
      locale: 'kk' as const,
    }
  }
  const registrar = { ...(await staffOf('registrar')), role: 'registrar' as const }
  const doctor = {
    ...(await staffOf(
      'doctor',
      sql`and exists (select 1 from documents d where d.signer_id = s.id and d.status = 'awaiting_signature')`,
    )),
    role: 'doctor' as const,
  }
  const head = { ...(await staffOf('head', sql`and s.login like '%therapy'`)), role: 'head' as const }
  // A parent attached to the clinic, with children and a request of their own.
  const [parent] = await sql<{ id: string; children: string[] }[]>`
    select p.id, array_agg(r.child_id::text) as children
    from attachments a join patients p on p.id = a.patient_id join representatives r on r.representative_id = p.id
    where a.organization_id = ${clinic} and a.status = 'active' and exists (select 1 from requests q where q.patient_id = p.id)
    group by p.id order by p.id limit 1`
  if (!parent) throw new Error('no parent with a request in the largest clinic')
  const patient = {
    kind: 'patient' as const,
    id: Number(parent.id),
    role: 'patient' as const,
    representedPatientIds: parent.children.map(Number),
    name: 'patient',
    locale: 'kk' as const,
    phone: null,
  }
  const [issued] = await sql<{ id: string }[]>`
    select id from requests where organization_id = ${clinic} and status = 'issued' order by number desc limit 1`
  const [someone] = await sql<{ iin: string; last_name: string; first_name: string; phone: string; birth: string }[]>`
    select p.iin, p.last_name, p.first_name, p.phone, to_char(p.birth_date, 'DD.MM.YYYY') as birth
    from attachments a join patients p on p.id = a.patient_id
    where a.organization_id = ${clinic} and a.status = 'active' and p.phone is not null order by a.id limit 1 offset 1000`
  // Someone of another clinic, for the desk's search beyond its own.
  const [stranger] = await sql<{ phone: string; last_name: string; birth: string }[]>`
    select p.phone, p.last_name, to_char(p.birth_date, 'DD.MM.YYYY') as birth
    from attachments a join patients p on p.id = a.patient_id
    where a.organization_id <> ${clinic} and a.status = 'active' and p.phone is not null order by a.id limit 1 offset 1000`
  // A doctor of the clinic and the section they serve.
  const [served] = await sql<{ staff_id: string; section_id: string }[]>`
    select d.staff_id, d.section_id from section_doctors d join sections s on s.id = d.section_id
    where s.organization_id = ${clinic} order by s.id, d.staff_id limit 1`
  const sectionDoctor = {
    kind: 'staff' as const,
    id: Number(served!.staff_id),
    organizationId: clinic,
    departmentId: null,
    name: 'doctor',
    locale: 'kk' as const,
    role: 'doctor' as const,
  }
  const servedSection = Number(served!.section_id)
  const [sectionPerson] = await sql<{ last_name: string; patient_id: string }[]>`
    select last_name, patient_id from register_entries where section_id = ${servedSection}
    order by last_name, first_name, patient_id offset 100 limit 1`
  const [largest] = await sql<{ attached: number }[]>`
    select count(*)::int as attached from attachments where organization_id = ${clinic} and status = 'active'`
  const attached = largest?.attached ?? 0
  const view = () => ({ address: '127.0.0.1', now: new Date() })
  // The register's middle person (a deep page's cursor), the first person of a common prefix's second page, a section.
  const [mid] = await sql<{ patient_id: string }[]>`
    select patient_id from register_entries where organization_id = ${clinic}
    order by last_name, first_name, patient_id offset ${Math.floor(attached / 2)} limit 1`
  const middle = Number(mid!.patient_id)
  const [section] = await sql<{ id: string }[]>`select id from sections where organization_id = ${clinic} order by id limit 1`
  const firstSection = Number(section!.id)
  const csvLabels = {
    header: ['iin', 'last', 'first', 'middle', 'birth', 'section', 'since', 'basis'],
    basis: messagesFor('kk').patient.attachment.bases,
  }
  const common = 'Ахметов'
  const prefix = 'Нұр'
  const firstPage = found(await listRegister(db, registrar, { query: parseSearchQuery(prefix) }, { limit: 50 }, view()))
  const prefixCursor = firstPage.rows.at(-1)?.patientId ?? null

  // Issue 16: a TB centre's registry of one in 40 people of the region (a mental-health centre's of as many, interleaved),
  // made here from the loaded patients, once per database.
  const { listRegistry, getPersonHistory } = await import('../lib/registries/queries')
  const { activeRecordsFor } = await import('../lib/services/registry-certificate/queries')
  const { listMyConsentRequests, countPendingConsents } = await import('../lib/services/registry-certificate/consent')
  const centreOf = async (type: string, code: string) => {
    const [existing] = await sql<{ id: string }[]>`select id from organizations where code = ${code}`
    if (existing) return Number(existing.id)
    const [created] = await sql<{ id: string }[]>`
      insert into organizations (code, type, name_kk, name_ru, region, city, address_kk, address_ru, working_hours)
      values (${code}, ${type}, ${code}, ${code}, 'Маңғыстау облысы', 'Ақтау', 'Ақтау', 'Актау', '{}') returning id`
    await sql`insert into staff (organization_id, role, login, password_hash, last_name, first_name)
              values (${created!.id}, 'dispensary_doctor', ${code}, 'x', 'Бенч', 'Дәрігер')`
    await sql`
      insert into dispensary_records (organization_id, registry, patient_id, iin, last_name, first_name, middle_name, birth_date,
                                      observation_group, observed_since, added_by)
      select ${created!.id}, ${type === 'tb_centre' ? 'tb' : 'mental_health'}, p.id, p.iin, p.last_name, p.first_name,
             p.middle_name, p.birth_date, 'IA', greatest(p.birth_date, date '2020-01-01'),
             (select id from staff where login = ${code})
      from patients p where p.id % 40 = ${type === 'tb_centre' ? 0 : 1} order by p.id`
    await sql`analyze dispensary_records`
    return Number(created!.id)
  }
  // Consents asked of people for certificates about them: one request in five of the region's carries one (the
  // person's list and her home's count read them by subject).
  await sql`
    insert into certificate_consents (request_id, subject_patient_id, requester_patient_id, expires_at, status, created_at)
    select r.id, r.patient_id, r.patient_id, r.submitted_at + interval '25 minutes',
           case when r.number % 97 = 0 then 'pending' else 'expired' end, r.submitted_at
    from requests r where r.number % 5 = 0`
  await sql`analyze certificate_consents`
  const tbCentre = await centreOf('tb_centre', 'bench-scale-tb')
  await centreOf('mental_health_centre', 'bench-scale-mh')
  const [tbDoctorRow] = await sql<{ id: string }[]>`select id from staff where login = 'bench-scale-tb'`
  const tbDoctor = {
    kind: 'staff' as const,
    id: Number(tbDoctorRow!.id),
    role: 'dispensary_doctor' as const,
    organizationId: tbCentre,
    departmentId: null,
    name: 'tb',
    locale: 'kk' as const,
  }
  const [onRegistry] = await sql<{ id: string; iin: string; birth: string }[]>`
    select id, iin, to_char(birth_date, 'DD.MM.YYYY') as birth from dispensary_records
    where organization_id = ${tbCentre} order by id offset 1000 limit 1`
  const registryList = (text: string, before: number | null = null) =>
    listRegistry(db, tbDoctor, { status: 'active', query: parseSearchQuery(text), before }, view())

  const cases: { name: string; run: () => Promise<number> }[] = [
    { name: 'queue: registrar, default', run: async () => (await listQueue(db, registrar, {}, view())).length },
    ...requestStatuses.map((status) => ({
      name: `queue: registrar, status ${status}`,
      run: async () => (await listQueue(db, registrar, { status }, view())).length,
    })),
    { name: 'queue: registrar, mine', run: async () => (await listQueue(db, registrar, { mine: true }, view())).length },
    {
      name: `queue: registrar, name «${common}»`,
      run: async () => (await listQueue(db, registrar, { query: parseSearchQuery(common) }, view())).length,
    },
    { name: 'queue: doctor, default', run: async () => (await listQueue(db, doctor, {}, view())).length },
    { name: 'queue: head, default', run: async () => (await listQueue(db, head, {}, view())).length },
    {
      name: 'request page (getRequestForStaff)',
      run: async () => ((await getRequestForStaff(db, registrar, issued!.id, '127.0.0.1')) ? 1 : 0),
    },
    {
      name: 'request page: correction form (correctionFormOf)',
      run: async () => ((await correctionFormOf(db, registrar, issued!.id, 'kk')) ? 1 : 0),
    },
    {
      name: 'section change page (getSectionChangeForm)',
      run: async () =>
        (await getSectionChangeForm(db, registrar, middle, { locale: 'kk', today: almatyDay(new Date()), address: null }))
          ?.history.length ?? 0,
    },
    {
      name: 'search: IIN',
      run: async () => found(await searchPatients(db, registrar, parseSearchQuery(someone!.iin), view())).length,
    },
    {
      name: `search: name «${someone!.last_name} ${someone!.first_name}»`,
      run: async () =>
        found(await searchPatients(db, registrar, parseSearchQuery(`${someone!.last_name} ${someone!.first_name}`), view()))
          .length,
    },
    {
      name: `search: prefix «${prefix}»`,
      run: async () => found(await searchPatients(db, registrar, parseSearchQuery(prefix), view())).length,
    },
    {
      name: `search: Russian keyboard «${foldName(`${someone!.last_name} ${someone!.first_name}`)}»`,
      run: async () =>
        found(
          await searchPatients(db, registrar, parseSearchQuery(foldName(`${someone!.last_name} ${someone!.first_name}`)), view()),
        ).length,
    },
    {
      name: `search: Russian keyboard prefix «${foldName(prefix)}»`,
      run: async () => found(await searchPatients(db, registrar, parseSearchQuery(foldName(prefix)), view())).length,
    },
    {
      name: 'search: phone (8 7xx …)',
      run: async () => found(await searchPatients(db, registrar, parseSearchQuery(`8${someone!.phone.slice(2)}`), view())).length,
    },
    {
      name: `search: birth date ${someone!.birth}`,
      run: async () => found(await searchPatients(db, registrar, parseSearchQuery(someone!.birth), view())).length,
    },
    {
      name: 'search: name and birth date',
      run: async () =>
        found(await searchPatients(db, registrar, parseSearchQuery(`${someone!.last_name} ${someone!.birth}`), view())).length,
    },
    {
      name: 'search beyond the clinic: phone',
      run: async () => {
        const outcome = await searchBeyondClinic(db, registrar, parseSearchQuery(stranger!.phone), view())
        return outcome.state === 'done' ? outcome.rows.length : 0
      },
    },
    {
      name: 'search beyond the clinic: name and birth date',
      run: async () => {
        const typed = `${foldName(stranger!.last_name)} ${stranger!.birth}`
        const outcome = await searchBeyondClinic(db, registrar, parseSearchQuery(typed), view())
        return outcome.state === 'done' ? outcome.rows.length : 0
      },
    },
    {
      name: 'register: first page',
      run: async () => found(await listRegister(db, registrar, {}, { limit: 50 }, view())).rows.length,
    },
    {
      name: `register: deep page (after the ${Math.floor(attached / 2)}th person)`,
      run: async () => found(await listRegister(db, registrar, {}, { after: middle, limit: 50 }, view())).rows.length,
    },
    {
      name: `register: page before the ${Math.floor(attached / 2)}th person`,
      run: async () => found(await listRegister(db, registrar, {}, { before: middle, limit: 50 }, view())).rows.length,
    },
    {
      name: `register: name «${common}»`,
      run: async () =>
        found(await listRegister(db, registrar, { query: parseSearchQuery(common) }, { limit: 50 }, view())).rows.length,
    },
    {
      name: `register: prefix «${prefix}», next page`,
      run: async () =>
        found(await listRegister(db, registrar, { query: parseSearchQuery(prefix) }, { after: prefixCursor, limit: 50 }, view()))
          .rows.length,
    },
    {
      name: 'register: one section',
      run: async () => found(await listRegister(db, registrar, { sectionId: firstSection }, { limit: 50 }, view())).rows.length,
    },
    {
      name: 'register CSV: first 1,000 rows',
      run: async () => {
        let lines = 0
        for await (const chunk of registerCsv(sql, registrar, null, csvLabels)) {
          lines += chunk.split('\r\n').length - 1
          if (lines > 1000) break
        }
        return lines - 1
      },
    },
    { name: 'overdue board: head', run: async () => (await listOverdue(db, head, view())).length },
    { name: 'complaints board: head', run: async () => (await listComplaintBoard(db, head, view())).length },
    { name: 'signing inbox: doctor', run: async () => (await listDocumentsAwaitingSignature(db, doctor, view())).length },
    { name: 'my requests: patient', run: async () => (await listMyRequests(db, patient)).length },
    { name: 'new request page: listClinicChoices', run: async () => (await listClinicChoices(db)).length },
    { name: 'sections and their load: registrar', run: async () => (await listSectionLoad(db, registrar)).length },
    {
      name: 'section patients: doctor',
      run: async () => (await listSectionPatients(db, doctor, firstSection, view())).length,
    },
    {
      name: "doctor's section: first page",
      run: async () =>
        found((await listOwnSection(db, sectionDoctor, servedSection, parseSearchQuery(''), { limit: 50 }, view()))!).rows.length,
    },
    {
      name: "doctor's section: next page",
      run: async () =>
        found(
          (await listOwnSection(
            db,
            sectionDoctor,
            servedSection,
            parseSearchQuery(''),
            { after: Number(sectionPerson!.patient_id), limit: 50 },
            view(),
          ))!,
        ).rows.length,
    },
    {
      name: `doctor's section: Russian keyboard «${foldName(sectionPerson!.last_name.slice(0, 3))}»`,
      run: async () =>
        found(
          (await listOwnSection(
            db,
            sectionDoctor,
            servedSection,
            parseSearchQuery(foldName(sectionPerson!.last_name.slice(0, 3))),
            { limit: 50 },
            view(),
          ))!,
        ).rows.length,
    },
    {
      name: "doctor's section: CSV of the whole section",
      run: async () => {
        const exported = (await ownSectionCsv(db, sql, sectionDoctor, servedSection, csvLabels))!
        let lines = 0
        for await (const chunk of exported.lines) lines += chunk.split('\r\n').length - 1
        return lines - 1
      },
    },
    { name: 'my people: patient', run: async () => (await listMyPeople(db, patient)).length },
    { name: 'my SMS: patient', run: async () => (await listMyMessages(db, patient, null)).rows.length },
    { name: 'centre registry: first page', run: async () => (await registryList(''))!.rows.length },
    {
      name: 'centre registry: deep page',
      run: async () => (await registryList('', Number(onRegistry!.id)))!.rows.length,
    },
    { name: 'centre registry: IIN', run: async () => (await registryList(onRegistry!.iin))!.rows.length },
    { name: `centre registry: surname «${prefix}»`, run: async () => (await registryList(prefix))!.rows.length },
    { name: 'centre registry: birth date', run: async () => (await registryList(onRegistry!.birth))!.rows.length },
    {
      name: "centre registry: a person's history",
      run: async () => (await getPersonHistory(db, tbDoctor, Number(onRegistry!.id), null))!.records.length,
    },
    // The certificate's match (inside the deciding transaction), the person's consent requests and her home's count.
    {
      name: 'certificate: registry match',
      run: async () =>
        (await activeRecordsFor(db, 'tb', { iin: onRegistry!.iin, birthDate: onRegistry!.birth.split('.').reverse().join('-') }))
          .length,
    },
    { name: 'consent requests: patient', run: async () => (await listMyConsentRequests(db, patient)).length },
    { name: 'pending consents: patient home', run: async () => countPendingConsents(db, patient, new Date()) },
    {
      name: 'centre queue: uncertain matches',
      run: async () => (await listQueue(db, tbDoctor, { status: 'in_review' }, view())).length,
    },
  ]

  const figures: Figure[] = []
  for (const item of cases) {
    const caseStarted = performance.now()
    const times: number[] = []
    let rows = 0
    let timedOut = false
    // Each attempt records its statements; the last attempt's are explained.
    const attempt = async () => {
      capturing = []
      const t0 = performance.now()
      try {
        rows = await item.run()
      } catch (error) {
        if (!isTimeout(error)) throw error
        timedOut = true
      }
      return performance.now() - t0
    }
    for (let i = 0; i < warmup && !timedOut; i++) await attempt()
    for (let i = 0; i < runs && !timedOut; i++) {
      const took = await attempt()
      if (!timedOut) times.push(took)
      if (i >= 2 && performance.now() - caseStarted > budget * 1000) break
    }
    const statements: Statement[] = capturing ?? []
    capturing = null
    const sorted = [...times].sort((a, b) => a - b)
    const limit = timeout * 1000
    const figure: Figure = timedOut
      ? { name: item.name, rows: 0, runs: 0, timedOut, p50: limit, p95: limit, max: limit, plans: [] }
      : {
          name: item.name,
          rows,
          runs: times.length,
          timedOut,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          max: sorted.at(-1) ?? 0,
          plans: [],
        }
    log(
      timedOut
        ? `${item.name}: past the ${timeout} s statement_timeout`
        : `${item.name}: ${rows} rows, ${times.length} runs; p50 ${ms(figure.p50)} ms, p95 ${ms(figure.p95)} ms, max ${ms(figure.max)} ms`,
    )
    if (!flags['no-plans']) {
      // Reads only: the audit rows the lists write are not explained (EXPLAIN ANALYZE would insert them).
      const reads = statements.filter((s) => /^\s*(select|with|declare)/i.test(s.text) && !/^\s*(fetch|close)/i.test(s.text))
      const seen = new Set<string>()
      for (const statement of reads) {
        const text = statement.text.replace(/^\s*declare\s+\S+\s+cursor\s+for\s+/i, '')
        if (seen.has(text)) continue
        seen.add(text)
        const explain = (options: string) =>
          sql.unsafe<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time'?: number }] }[]>(
            `explain (${options}) ${text}`,
            statement.parameters as postgres.ParameterOrJSON<never>[],
          )
        let result
        try {
          result = await explain(timedOut ? 'format json' : 'analyze, buffers, format json')
        } catch (error) {
          if (!isTimeout(error)) throw error
          result = await explain('format json')
        }
        const plan = result[0]!['QUERY PLAN'][0]
        const lines = planLines(plan.Plan, plan['Execution Time'] ?? -1)
        figure.plans.push(lines)
        console.log(`    ${text.replace(/\s+/g, ' ').slice(0, 110)}…`)
        for (const line of lines.slice(0, 16)) console.log(`      ${line}`)
      }
    }
    figures.push(figure)
  }
  await sql.end()

  const [l1, l5, l15] = loadavg()
  console.log('')
  console.log(`| query | rows | runs | p50 ms | p95 ms | max ms |`)
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`)
  for (const f of figures)
    console.log(
      f.timedOut
        ? `| ${f.name} | – | 0 | > ${timeout * 1000} | > ${timeout * 1000} | > ${timeout * 1000} |`
        : `| ${f.name} | ${f.rows} | ${f.runs} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.max)} |`,
    )
  console.log('')
  log(
    `patients ${patients}, load ${loadSeconds.toFixed(1)} s, whole run ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${l1!.toFixed(2)} ${l5!.toFixed(2)} ${l15!.toFixed(2)}`,
  )
  await database.stop()
  // A queue past the statement timeout prints the timeout: a lower bound.
  if (figures[0]!.timedOut) log(`the registrar's queue ran past the ${timeout} s statement_timeout: its p95 is at least that`)
  console.log(`queue_p95_ms ${ms(figures[0]!.p95)}`)
}

main().catch(async (error: unknown) => {
  console.error(error)
  await database?.stop()
  process.exit(1)
})

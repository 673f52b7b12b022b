import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { appRole, setAppRolePassword } from '@/db/app-role'
import { createDatabase, type Database } from '@/db/client'
import { migrationsFolder } from '@/db/migrate'
import { requests } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { ensurePartitions, listPartitions, planRetirement, retirePartitions } from '@/lib/jobs/partitions'
import { retention } from '@/lib/partitions'
import { freshDb } from './db'
import { makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let owner: postgres.Sql
let db: Database
let clinic: TestClinic

beforeAll(async () => {
  ;({ sql: owner, db } = await freshDb())
  clinic = await makeClinic(db, 'Partitions clinic')
})

// Which partition a row went to.
const partitionOf = async (table: string, where: string) =>
  (await owner.unsafe<{ name: string }[]>(`select tableoid::regclass::text as name from ${table} where ${where}`)).map(
    (row) => row.name,
  )

const names = (months: string[], table: string) => months.map((month) => `${table}_${month.replace('-', '_')}`)

describe('Partitions job (issue 13): next months created ahead, idempotently, across a year boundary', () => {
  // Far from the months the tests' clock uses (test-partitions.ts) and from today's, so nothing exists yet.
  const december = '2040-12-15'
  const months = ['2040-11', '2040-12', '2041-01', '2041-02', '2041-03']

  it('on 15 December creates the previous month through March of the next year, for each table', async () => {
    const created = await ensurePartitions(db, december)
    expect(created.sort()).toEqual(
      [...names(months, 'audit_log'), ...names(months, 'request_events'), ...names(months, 'notifications')].sort(),
    )
  })

  it('a second run creates nothing, fails on nothing and changes nothing', async () => {
    const before = await Promise.all(['audit_log', 'request_events', 'notifications'].map(partitionsOf))
    expect(await ensurePartitions(db, december)).toEqual([])
    expect(await ensurePartitions(db, '2040-12-31')).toEqual([])
    expect(await Promise.all(['audit_log', 'request_events', 'notifications'].map(partitionsOf))).toEqual(before)
  })

  it('the next day after the year turns adds only April', async () => {
    expect((await ensurePartitions(db, '2041-01-01')).sort()).toEqual([
      'audit_log_2041_04',
      'notifications_2041_04',
      'request_events_2041_04',
    ])
  })

  it('a month runs from 00:00 Almaty: 31 December 19:00 UTC is already January', async () => {
    await owner`insert into audit_log (at, actor_kind, action) values
      ('2040-12-31T18:59:59Z', 'system', 'test.boundary.december'), ('2040-12-31T19:00:00Z', 'system', 'test.boundary.january')`
    expect(await partitionOf('audit_log', `action = 'test.boundary.december'`)).toEqual(['audit_log_2040_12'])
    expect(await partitionOf('audit_log', `action = 'test.boundary.january'`)).toEqual(['audit_log_2041_01'])
  })

  it("runs as the app's own role, which owns none of what it creates", async () => {
    const password = randomBytes(16).toString('hex')
    await setAppRolePassword(owner, password)
    const url = new URL(inject('adminUrl'))
    url.pathname = `/${owner.options.database}`
    url.username = appRole
    url.password = password
    const app = postgres(url.toString(), { max: 1, onnotice: () => {} })
    try {
      expect(await ensurePartitions(createDatabase(app), '2042-06-10')).toHaveLength(15)
      const [owned] = await owner<{ count: number }[]>`
        select count(*)::int as count from pg_class where relowner = ${appRole}::regrole`
      expect(owned!.count).toBe(0)
    } finally {
      await app.end()
    }
  })

  it('a partition the job created keeps the history append-only: UPDATE, DELETE, TRUNCATE refused', async () => {
    await expect(owner`update audit_log_2040_12 set action = 'changed'`).rejects.toThrow(/append-only/)
    await expect(owner`delete from audit_log_2041_01`).rejects.toThrow(/append-only/)
    await expect(owner`truncate audit_log_2041_03`).rejects.toThrow(/append-only/)
    await expect(owner`truncate request_events_2041_02`).rejects.toThrow(/append-only/)
    expect(await partitionOf('audit_log', `action like 'test.boundary.%'`)).toHaveLength(2)
  })
})

async function partitionsOf(table: string) {
  return (await listPartitions(db, table as 'audit_log')).map((partition) => partition.name)
}

describe('No default partition: a row with no month to go to is refused, and its transaction with it', () => {
  it('an audit row dated in a month without a partition fails loudly', async () => {
    await expect(
      owner`insert into audit_log (at, actor_kind, action) values ('2051-05-05T10:00:00Z', 'system', 'test.nowhere')`,
    ).rejects.toMatchObject({ code: '23514', message: expect.stringMatching(/no partition/) })
  })

  it('a request submitted on a day with no partition for its events writes nothing: no request, no audit row', async () => {
    const patient = await makePatient(db)
    const context = { now: new Date('2051-05-05T05:00:00Z'), address: '127.0.0.1', overrides: [] }
    await expect(submitAttachment(db, patient.actor, { clinic }, context)).rejects.toThrow()
    const [rows] = await db.select({ count: count() }).from(requests).where(eq(requests.patientId, patient.id))
    expect(rows!.count).toBe(0)
    const [audit] = await owner<
      { count: number }[]
    >`select count(*)::int as count from audit_log where patient_id = ${patient.id}`
    expect(audit!.count).toBe(0)
  })
})

describe('The history stays append-only through the table and on each partition by name', () => {
  let requestId: string

  beforeAll(async () => {
    const patient = await makePatient(db)
    const context = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
    const submitted = await submitAttachment(db, patient.actor, { clinic }, context)
    if (!submitted.ok) throw new Error(submitted.code)
    requestId = submitted.data.requestId
  })

  it.each([
    ['request_events', 'request_id'],
    ['audit_log', 'entity_id'],
  ])('%s: UPDATE and DELETE refused through the table and on its partition by name', async (table, column) => {
    const condition = `${column} = '${requestId}'`
    const [partition] = await partitionOf(table, condition)
    expect(partition).toMatch(new RegExp(`^${table}_\\d{4}_\\d{2}$`))
    for (const target of [table, partition!]) {
      await expect(owner.unsafe(`update ${target} set actor_kind = 'anonymous' where ${condition}`)).rejects.toThrow(
        /append-only/,
      )
      await expect(owner.unsafe(`delete from ${target} where ${condition}`)).rejects.toThrow(/append-only/)
    }
  })

  it.each(['audit_log', 'request_events', 'audit_log_2026_11', 'request_events_2026_11', 'audit_log_2027_01'])(
    'TRUNCATE %s refused',
    async (table) => {
      await expect(owner.unsafe(`truncate ${table}`)).rejects.toThrow(/append-only/)
    },
  )

  it('the rows are still there', async () => {
    const [events] = await owner<{ count: number }[]>`
      select count(*)::int as count from request_events where request_id = ${requestId}`
    expect(events!.count).toBe(1)
  })

  it('the outbox is not append-only: delivery updates its rows', async () => {
    const updated = await owner`update notifications set attempts = attempts where request_id = ${requestId}`
    expect(updated.count).toBe(1)
  })
})

describe("Retention: old months are moved out whole (detached), never edited; the outbox's are dropped", () => {
  // A test database's own rules, passed on purpose: history kept 12 months, the outbox 10, on 10 February 2027.
  const today = '2027-02-10'
  const rules = {
    audit_log: { keepMonths: 12, then: 'detach' },
    request_events: { keepMonths: 12, then: 'detach' },
    notifications: { keepMonths: 10, then: 'drop' },
  } as const
  let requestId: string
  let auditIds: number[]

  beforeAll(async () => {
    const patient = await makePatient(db)
    const january = { now: new Date('2026-01-20T05:00:00Z'), address: '127.0.0.1', overrides: [] }
    const submitted = await submitAttachment(db, patient.actor, { clinic }, january)
    if (!submitted.ok) throw new Error(submitted.code)
    requestId = submitted.data.requestId
    await writeAudit(db, { actor: null, action: 'test.retention', patientId: patient.id })
    const rows = await owner<{ id: number }[]>`
      insert into audit_log (at, actor_kind, action, patient_id) values
        ('2026-01-05T10:00:00Z', 'system', 'test.retention.january', ${patient.id}),
        ('2026-01-31T18:30:00Z', 'system', 'test.retention.january', ${patient.id})
      returning id::int as id`
    auditIds = rows.map((row) => row.id)
    await owner`insert into notifications (channel, recipient, template, locale, body, created_at)
      values ('sms', '+77010000000', 'signInCode', 'kk', 'code', '2026-03-10T10:00:00Z')`
  })

  it('plans months older than the rules, and the period is an argument', async () => {
    const plans = await planRetirement(db, today, rules)
    const plan = (table: string) => plans.find((candidate) => candidate.table === table)!
    expect(plan('audit_log').before).toBe('2026-02')
    expect(plan('audit_log').partitions.map((partition) => partition.name)).toEqual(['audit_log_2026_01'])
    expect(plan('notifications').partitions.map((partition) => partition.name)).toEqual([
      'notifications_2026_01',
      'notifications_2026_02',
      'notifications_2026_03',
    ])
    // The rules of lib/partitions keep five years: nothing of 2026 is due in 2027.
    for (const due of await planRetirement(db, today, retention)) {
      if (due.table !== 'notifications') expect(due.partitions).toEqual([])
    }
  })

  it('a month of the outbox with a pending message is not dropped; nothing is retired', async () => {
    const plans = await planRetirement(db, today, rules)
    await expect(
      retirePartitions(
        db,
        plans.filter((plan) => plan.table === 'notifications'),
      ),
    ).rejects.toMatchObject({
      cause: { code: '55006', message: expect.stringMatching(/pending/) },
    })
    expect(await partitionsOf('notifications')).toContain('notifications_2026_03')
  })

  it('detaches the history into schema archive with every row; the table no longer has them', async () => {
    await owner`update notifications set status = 'sent', sent_at = '2026-03-10T10:01:00Z' where created_at < '2026-04-01'`
    const retired = await retirePartitions(db, await planRetirement(db, today, rules))
    expect(retired).toEqual([
      'archive.audit_log_2026_01',
      'archive.request_events_2026_01',
      'notifications_2026_01',
      'notifications_2026_02',
      'notifications_2026_03',
    ])
    const archived = await owner<{ id: number }[]>`
      select id::int as id from archive.audit_log_2026_01 where action = 'test.retention.january' order by id`
    expect(archived.map((row) => row.id)).toEqual(auditIds)
    const [gone] = await owner<{ count: number }[]>`
      select count(*)::int as count from audit_log where action = 'test.retention.january'`
    expect(gone!.count).toBe(0)
    const events = await owner`select type from archive.request_events_2026_01 where request_id = ${requestId}`
    expect(events.map((row) => row.type)).toEqual(['submitted'])
    const [left] = await owner<{ count: number }[]>`
      select count(*)::int as count from request_events where request_id = ${requestId}`
    expect(left!.count).toBe(0)
    // The request itself and the newer audit rows stay.
    const [request] = await db.select({ id: requests.id }).from(requests).where(eq(requests.id, requestId))
    expect(request).toBeDefined()
    const [recent] = await owner<{ count: number }[]>`
      select count(*)::int as count from audit_log where action = 'test.retention'`
    expect(recent!.count).toBe(1)
    expect(await partitionsOf('notifications')).not.toContain('notifications_2026_03')
    const [dropped] = await owner<{ present: boolean }[]>`select to_regclass('notifications_2026_03') is not null as present`
    expect(dropped!.present).toBe(false)
  })

  it('a detached month still refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const table of ['archive.audit_log_2026_01', 'archive.request_events_2026_01']) {
      await expect(owner.unsafe(`update ${table} set actor_kind = 'anonymous'`)).rejects.toThrow(/append-only/)
      await expect(owner.unsafe(`delete from ${table}`)).rejects.toThrow(/append-only/)
      await expect(owner.unsafe(`truncate ${table}`)).rejects.toThrow(/append-only/)
    }
  })

  it('the history is never dropped, even when asked', async () => {
    await expect(owner`select retire_monthly_partitions('audit_log', '2026-06-01', 'drop')`).rejects.toThrow(/never dropped/)
    await expect(owner`select retire_monthly_partitions('request_events', '2026-06-01', 'drop')`).rejects.toThrow(/never dropped/)
  })

  it('a second run retires nothing more', async () => {
    expect(await retirePartitions(db, await planRetirement(db, today, rules))).toEqual([])
  })
})

describe('Migration partitions: rows written before it survive, ids go on after them', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tirkeu-migrations-'))
  let sql: postgres.Sql | null = null

  afterAll(async () => {
    await sql?.end()
    rmSync(scratch, { recursive: true, force: true })
  })

  // The migrations before it (found by name: its number may change when branches merge), then its statements in one
  // transaction, as the migrator runs them.
  function migrationsBefore(tag: RegExp): { folder: string; statements: string[] } {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string }[]
    }
    const index = journal.entries.findIndex((entry) => tag.test(entry.tag))
    if (index < 0) throw new Error(`no migration ${tag}`)
    const entries = journal.entries.slice(0, index)
    mkdirSync(path.join(scratch, 'meta'), { recursive: true })
    writeFileSync(path.join(scratch, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }))
    for (const entry of entries) cpSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(scratch, `${entry.tag}.sql`))
    const text = readFileSync(path.join(migrationsFolder, `${journal.entries[index]!.tag}.sql`), 'utf8')
    return { folder: scratch, statements: text.split('--> statement-breakpoint') }
  }

  it('moves every row of audit_log, request_events and notifications into monthly partitions', async () => {
    const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} })
    const name = `tirkeu_test_${randomBytes(6).toString('hex')}`
    try {
      await admin.unsafe(`create database ${name}`)
    } finally {
      await admin.end()
    }
    const url = new URL(inject('adminUrl'))
    url.pathname = `/${name}`
    sql = postgres(url.toString(), { max: 2, onnotice: () => {} })
    const before = createDatabase(sql)
    const migration = migrationsBefore(/^\d+_partitions$/)
    await migrate(drizzle(sql), { migrationsFolder: migration.folder })

    // Written as the schema stood then: the columns later migrations add are not there yet.
    const organizationId = (
      await sql<{ id: number }[]>`
        insert into organizations (code, type, name_kk, name_ru, region, city, address_kk, address_ru, working_hours)
        values ('before-partitions', 'primary_care', 'Емхана', 'Поликлиника', 'Маңғыстау облысы', 'Ақтау',
                'Ақтау қ., 1 шағын аудан', 'г. Актау, 1 мкр.', '{}')
        returning id`
    )[0]!.id
    const departmentId = (
      await sql<{ id: number }[]>`
        insert into departments (organization_id, kind, name_kk, name_ru)
        values (${organizationId}, 'registry', 'Тіркеу орны', 'Регистратура') returning id`
    )[0]!.id
    const registrarId = (
      await sql<{ id: number }[]>`
        insert into staff (organization_id, department_id, role, login, password_hash, last_name, first_name)
        values (${organizationId}, ${departmentId}, 'registrar', 'registrar-before-partitions', 'x', 'Тіркеуші', 'Аты')
        returning id`
    )[0]!.id
    const oldClinic = { organizationId, staff: { registrar: { id: registrarId } } }
    // Written as the schema stood then: the columns added by later migrations are not there yet.
    const patient = (
      await sql<{ id: number }[]>`
        insert into patients (iin, last_name, first_name, birth_date, sex, status, address)
        values ('850412400017', 'Жұмабаева', 'Айгүл', '1985-04-12', 'female', 'citizen', 'Ақтау қ., 12 шағын аудан, 5 үй')
        returning id`
    )[0]!
    const [request] = await sql<{ id: string }[]>`
      insert into requests (organization_id, patient_id, applicant_patient_id, service, channel, status, payload,
                            idempotency_key, submitted_at, due_at)
      values (${oldClinic.organizationId}, ${patient.id}, ${patient.id}, 'attachment', 'portal', 'submitted', '{}',
              ${randomUUID()}, '2025-06-10T05:00:00Z', '2025-06-10T15:00:00Z')
      returning id`
    const events = await sql`
      insert into request_events (request_id, type, to_status, actor_kind, actor_id, created_at, data) values
        (${request!.id}, 'submitted', 'submitted', 'patient', ${patient.id}, '2025-06-10T05:00:00Z', '{"channel":"portal"}'),
        (${request!.id}, 'take', 'in_review', 'staff', ${oldClinic.staff.registrar.id}, '2026-11-20T05:00:00Z', '{}')
      returning *`
    const audit = await sql`
      insert into audit_log (at, actor_kind, actor_id, organization_id, patient_id, action, entity, entity_id, address, details) values
        ('2025-06-10T05:00:00Z', 'patient', ${patient.id}, ${oldClinic.organizationId}, ${patient.id}, 'request.submit', 'request', ${request!.id}, '10.0.0.1', '{"service":"attachment"}'),
        ('2026-11-20T05:00:00Z', 'staff', ${oldClinic.staff.registrar.id}, ${oldClinic.organizationId}, ${patient.id}, 'patient.read', null, null, null, '{}')
      returning *`
    const outbox = await sql`
      insert into notifications (channel, recipient, patient_id, request_id, template, locale, body, params, status, attempts, created_at, sent_at) values
        ('sms', '+77010000001', ${patient.id}, ${request!.id}, 'requestSubmitted', 'kk', 'Өтінім қабылданды', '{"number":1001}', 'sent', 1, '2025-06-10T05:00:01Z', '2025-06-10T05:00:02Z'),
        ('sms', '+77010000001', ${patient.id}, null, 'signInCode', 'ru', 'Код', '{}', 'pending', 0, '2026-11-20T05:00:00Z', null)
      returning *`
    // An audit row rolled back still used up its id: ids go on after the sequence, not after the highest row.
    await sql`select nextval('audit_log_id_seq') from generate_series(1, 5)`

    await sql.begin(async (tx) => {
      for (const statement of migration.statements) await tx.unsafe(statement)
    })

    const kinds = await sql<{ name: string; kind: string }[]>`
      select relname as name, relkind as kind from pg_class
      where relname in ('audit_log', 'request_events', 'notifications') and relnamespace = 'public'::regnamespace
      order by relname`
    expect(kinds).toEqual([
      { name: 'audit_log', kind: 'p' },
      { name: 'notifications', kind: 'p' },
      { name: 'request_events', kind: 'p' },
    ])
    expect(await sql`select * from request_events order by id`).toEqual(events)
    expect(await sql`select * from audit_log order by id`).toEqual(audit)
    expect(await sql`select * from notifications order by id`).toEqual(outbox)
    // From the oldest row's month to three months past today's, no gap.
    const partitions = await sql<{ name: string }[]>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'audit_log'::regclass order by c.relname`
    expect(partitions[0]!.name).toBe('audit_log_2025_06')
    expect(partitions.map((row) => row.name)).toContain('audit_log_2026_11')
    const [span] = await sql<{ months: number; expected: number }[]>`
      select count(*)::int as months,
             (select (extract(year from age(m, '2025-06-01')) * 12 + extract(month from age(m, '2025-06-01')))::int + 1
              from (select date_trunc('month', now() at time zone 'Asia/Almaty') + interval '3 months' as m) t) as expected
      from pg_inherits where inhparent = 'audit_log'::regclass`
    expect(span!.months).toBe(span!.expected)
    expect(await sql`select tableoid::regclass::text as name from request_events order by id`).toEqual([
      { name: 'request_events_2025_06' },
      { name: 'request_events_2026_11' },
    ])

    const [next] = await sql<{ id: number }[]>`
      insert into audit_log (actor_kind, action) values ('system', 'test.afterMigration') returning id::int as id`
    expect(next!.id).toBe(Number(audit[1]!.id) + 5 + 1)
    const [nextEvent] = await sql<{ id: number }[]>`
      insert into request_events (request_id, type, actor_kind, created_at) values (${request!.id}, 'note', 'system', now())
      returning id::int as id`
    expect(nextEvent!.id).toBe(Number(events[1]!.id) + 1)
    // The foreign key, the check and the triggers came along.
    await expect(
      sql`insert into request_events (request_id, type, actor_kind) values (${randomUUID()}, 'note', 'system')`,
    ).rejects.toMatchObject({ code: '23503' })
    await expect(sql`insert into audit_log (actor_kind, action) values ('robot', 'x')`).rejects.toMatchObject({
      code: '23514',
    })
    await expect(sql`update audit_log set action = 'changed'`).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_log_2025_06`).rejects.toThrow(/append-only/)
    await expect(sql`truncate request_events_2026_11`).rejects.toThrow(/append-only/)
    const [pending] = await sql<{ count: number }[]>`
      select count(*)::int as count from notifications where status = 'pending'`
    expect(pending!.count).toBe(1)
  })
})

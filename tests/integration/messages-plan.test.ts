import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { listMyMessages } from '@/lib/notifications/queries'
import { freshDatabase } from './db'
import { makePatient } from './factories'

// Issue 15: a patient's SMS history, in an outbox of a region's size in small (400,000 SMS of 20,000 people over
// twelve monthly partitions): the page must come from the outbox's (patient, created_at) index of each month, never
// from reading a month through.
let sql: postgres.Sql
let db: Database
const sent: { query: string; parameters: unknown[] }[] = []

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

// The months that hold rows: an empty month's partition is read through at no cost, and the planner rightly does so.
let filled: string[] = []
const readThrough = (plan: PlanNode[]) =>
  plan.filter((node) => node['Node Type'] === 'Seq Scan' && filled.includes(node['Relation Name'] ?? ''))

async function planOf(pattern: RegExp): Promise<PlanNode[]> {
  const statement = sent.findLast((entry) => pattern.test(entry.query))
  if (!statement) throw new Error(`no statement matching ${pattern}`)
  const [row] = await sql.unsafe(
    `explain (format json) ${statement.query}`,
    statement.parameters as postgres.ParameterOrJSON<never>[],
  )
  return nodesOf((row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan)
}

let me: Awaited<ReturnType<typeof makePatient>>

beforeAll(async () => {
  sql = await freshDatabase({ debug: (_connection, query, parameters) => sent.push({ query, parameters }) })
  db = createDatabase(sql)
  me = await makePatient(db)
  await sql`
    insert into patients (iin, last_name, first_name, birth_date, sex, status, address, locale)
    select '8' || lpad(g::text, 11, '0'), 'Seed', 'Person', '1980-01-01', 'male', 'citizen', 'Ақтау', 'kk'
    from generate_series(1, 20000) as g`
  await sql`
    insert into notifications (channel, recipient, patient_id, template, locale, body, status, created_at)
    select 'sms', '+77010000000', p.id, 'requestApproved', 'kk', 'Tirkeu: seed', 'sent',
           timestamptz '2026-01-01 00:00:00+00' + (g * 37 % 365) * interval '1 day' + g * interval '1 second'
    from (select id, row_number() over (order by id) as n from patients) as p, generate_series(1, 20) as g`
  await sql`analyze notifications`
  await sql`analyze patients`
  filled = (
    await sql<{ name: string }[]>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'notifications'::regclass and c.reltuples > 0`
  ).map((row) => row.name)
}, 180_000)

describe("Issue 15: the patient's SMS history at a region's size", () => {
  it('reads a page and the next from the (patient, created_at) index of each month, no month read through', async () => {
    const first = await listMyMessages(db, me.actor, null)
    let plan = await planOf(/from "notifications"/)
    expect(filled.length).toBeGreaterThanOrEqual(12)
    expect(readThrough(plan)).toEqual([])
    expect(plan.some((node) => node['Index Name']?.includes('patient'))).toBe(true)
    expect(first.rows).toHaveLength(20)

    const other = await sql<{ id: number }[]>`select id from patients where last_name = 'Seed' order by id limit 1`
    const seeded = { ...me.actor, id: Number(other[0]!.id) }
    const page = await listMyMessages(db, seeded, null)
    expect(page.rows).toHaveLength(20)
    await listMyMessages(db, seeded, { at: '2026-06-01T00:00:00.000000Z', id: Number.MAX_SAFE_INTEGER })
    plan = await planOf(/from "notifications"/)
    expect(readThrough(plan)).toEqual([])
  })
})

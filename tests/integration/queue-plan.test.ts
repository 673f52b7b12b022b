import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { listOverdue, listQueue, queueLimit } from '@/lib/requests/queries'
import { freshDatabase } from './db'
import { listView, makeClinic, makePatient, type TestClinic } from './factories'

// Issue 13: the queue of a large clinic. Seeded with a region's shape in small (12 clinics, 60,000 requests, most of
// them decided, 24,000 documents, a few sent back by their signers), the plan must not read the requests or documents
// of the region row by row, and the documents sent back must come from a set the indexes serve.
let sql: postgres.Sql
let db: Database
let clinic: TestClinic
const clinics = 12
const perClinic = 5000
const now = new Date('2026-11-24T05:00:00Z')

// Every statement the query functions send, with their parameters, to EXPLAIN them as they ran.
const sent: { query: string; parameters: unknown[] }[] = []

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Parent Relationship'?: string
  Plans?: PlanNode[]
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

async function planOf(pattern: RegExp): Promise<PlanNode[]> {
  const statement = sent.findLast((entry) => pattern.test(entry.query))
  if (!statement) throw new Error(`no statement matching ${pattern}`)
  const [row] = await sql.unsafe(
    `explain (format json) ${statement.query}`,
    statement.parameters as postgres.ParameterOrJSON<never>[],
  )
  return nodesOf((row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan)
}

beforeAll(async () => {
  sql = await freshDatabase({ debug: (_connection, query, parameters) => sent.push({ query, parameters }) })
  db = createDatabase(sql)
  clinic = await makeClinic(db, 'The largest clinic')
  const others = await Promise.all(Array.from({ length: clinics - 1 }, (_, i) => makeClinic(db, `Clinic ${i}`)))
  const patient = await makePatient(db)
  const organizations = [clinic, ...others].map((c) => c.organizationId)
  // Decided requests of two years, and a few open ones, in every clinic.
  await sql`
    insert into requests (organization_id, patient_id, applicant_patient_id, service, channel, status, payload,
                          idempotency_key, submitted_at, due_at, decided_at, decided_by)
    select o.id, ${patient.id}, ${patient.id}, 'attachment', 'portal', 'approved', '{}'::jsonb, 'seed-' || o.id || '-' || g,
           ${now.toISOString()}::timestamptz - g * interval '3 hours', ${now.toISOString()}::timestamptz - g * interval '3 hours' + interval '1 day',
           ${now.toISOString()}::timestamptz - g * interval '3 hours' + interval '2 hours', ${clinic.staff.registrar.id}
    from unnest(${organizations}::bigint[]) as o(id), generate_series(1, ${perClinic}) as g`
  // Documents: two per fortieth request; every 500th request has a draft its signer sent back, half of them corrected.
  await sql`
    insert into documents (organization_id, request_id, patient_id, kind, number, status, snapshot, snapshot_hash,
                           verification_code, signer_id, supersedes_id)
    select r.organization_id, r.id, r.patient_id, k.kind, r.number::text,
           case when k.kind = 'attachment_notice' and r.number % 500 = 0 then 'draft' else 'issued' end,
           '{}'::jsonb, md5(r.id::text || k.kind) || md5(k.kind || r.id::text), md5(random()::text), ${clinic.staff.registrar.id}, null
    from requests r cross join (values ('attachment_notice'), ('coupon_064e')) as k(kind)
    where r.number % 5 = 0`
  await sql`
    insert into documents (organization_id, request_id, patient_id, kind, number, status, snapshot, snapshot_hash,
                           verification_code, signer_id, supersedes_id)
    select d.organization_id, d.request_id, d.patient_id, d.kind, d.number || '-2', 'awaiting_signature', '{}'::jsonb,
           md5(d.id::text) || md5(d.number), md5(random()::text), d.signer_id, d.id
    from documents d where d.status = 'draft' and (select number from requests where id = d.request_id) % 1000 = 0`
  await sql`analyze`
}, 120_000)

describe('Issue 13: the queue of a large clinic is served by indexes, not a sub-query per row', () => {
  it('shows the open requests and the decided ones with a document sent back, each with its count', async () => {
    const rows = await listQueue(db, clinic.staff.registrar, {}, listView())
    const sentBack = await sql<{ id: string; count: number }[]>`
      select d.request_id as id, count(*)::int as count from documents d
      where d.organization_id = ${clinic.organizationId} and d.status = 'draft'
        and not exists (select 1 from documents n where n.supersedes_id = d.id)
      group by d.request_id`
    expect(sentBack.length).toBeGreaterThan(0)
    expect(rows.map((row) => row.id).sort()).toEqual(sentBack.map((row) => row.id).sort())
    expect(rows.every((row) => row.returnedDocuments === 1)).toBe(true)
  })

  it('reads neither requests nor documents in full (EXPLAIN)', async () => {
    await listQueue(db, clinic.staff.registrar, {}, listView())
    const plan = await planOf(/from "requests"/)
    const scans = plan.filter((node) => node['Relation Name'] === 'requests' || node['Relation Name'] === 'documents')
    expect(scans.length).toBeGreaterThan(0)
    expect(scans.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([])
    // No sub-plan over documents run again for each request of the clinic.
    const perRow = (node: PlanNode): PlanNode[] =>
      node['Parent Relationship'] === 'SubPlan' ? nodesOf(node) : (node.Plans ?? []).flatMap(perRow)
    expect(perRow(plan[0]!).filter((node) => node['Relation Name'] === 'documents')).toEqual([])
    // The documents sent back come from the clinic's drafts, and the corrections by what they supersede.
    expect(plan.map((node) => node['Index Name'])).toEqual(
      expect.arrayContaining(['documents_drafts_idx', 'documents_supersedes_idx']),
    )
  })

  it('the head’s overdue board too', async () => {
    await listOverdue(db, clinic.staff.head, listView())
    const plan = await planOf(/from "requests"/)
    const scans = plan.filter((node) => node['Relation Name'] === 'requests' || node['Relation Name'] === 'documents')
    expect(scans.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([])
  })

  it('pages by deadline: the next page starts after the last request shown, each open request once', async () => {
    const busy = await makeClinic(db, 'A campaign day')
    const patient = await makePatient(db)
    // 520 open requests of 520 people (one open request per patient and service), deadlines spread and some equal.
    await sql`
      with people as (
        insert into patients (iin, last_name, first_name, birth_date, sex, status, address)
        select lpad((900000 + g)::text, 12, '0'), 'Кезекова', 'Айгүл', date '1990-01-01', 'female', 'citizen', 'Ақтау'
        from generate_series(1, 520) g returning id
      )
      insert into requests (organization_id, patient_id, applicant_patient_id, service, channel, status, payload,
                            idempotency_key, submitted_at, due_at)
      select ${busy.organizationId}, p.id, ${patient.id}, 'attachment', 'portal', 'submitted', '{}'::jsonb, 'busy-' || p.id,
             ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz + (p.id % 97) * interval '1 hour'
      from people p`
    const registrar = busy.staff.registrar
    const first = await listQueue(db, registrar, {}, listView())
    expect(first).toHaveLength(queueLimit)
    const second = await listQueue(db, registrar, { after: first.at(-1)!.id }, listView())
    expect(second).toHaveLength(20)
    const both = [...first, ...second]
    expect(new Set(both.map((row) => row.id)).size).toBe(520)
    const order = both.map((row) => [row.dueAt.getTime(), row.number])
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!))
    // A request of another clinic as the cursor is no cursor: the first page again.
    const foreign = await listQueue(db, clinic.staff.registrar, { after: first.at(-1)!.id }, listView())
    expect(foreign.map((row) => row.id)).toEqual(
      (await listQueue(db, clinic.staff.registrar, {}, listView())).map((row) => row.id),
    )
  })
})

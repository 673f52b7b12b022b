import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { makeIin } from '@/lib/iin'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { getImportPreview } from '@/lib/registries/import'
import { getPersonHistory, listRegistry, type RegistryStatus } from '@/lib/registries/queries'
import { makeCentre, type TestCentre } from './centre-factories'
import { freshDatabase } from './db'
import { listView } from './factories'

// Issue 16: a centre's registry list, search and a person's history on a large registry (60,000 records in the
// centre, 20,000 of another interleaved, surnames skewed so «Нұр» matches a tenth), and an import's preview of 50,000
// lines: no plan reads dispensary_records or the import's lines in full, no page is sorted, and EXPLAIN ANALYZE counts
// the rows a page actually read (the planner may walk the primary key backwards when most rows match: that too reads
// about a page).
let sql: postgres.Sql
let db: Database
let centre: TestCentre
let other: TestCentre
const records = 60_000

const sent: { query: string; parameters: unknown[] }[] = []
type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows'?: number
  'Actual Loops'?: number
  'Rows Removed by Filter'?: number
  Plans?: PlanNode[]
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

async function plansOf(run: () => Promise<unknown>): Promise<PlanNode[]> {
  sent.length = 0
  await run()
  const reads = sent.filter((entry) => /^\s*(select|with)/i.test(entry.query) && !/set_config/.test(entry.query))
  expect(reads.length).toBeGreaterThan(0)
  const nodes: PlanNode[] = []
  for (const statement of reads) {
    const [row] = await sql.unsafe(
      `explain (format json) ${statement.query}`,
      statement.parameters as postgres.ParameterOrJSON<never>[],
    )
    nodes.push(...nodesOf((row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan))
    if (process.env.SHOW_PLANS)
      console.log(
        statement.query,
        statement.parameters,
        JSON.stringify((row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan, null, 1).slice(0, 3000),
      )
  }
  return nodes
}

const large = ['dispensary_records', 'dispensary_import_lines', 'dispensary_record_events']
const fullReads = (nodes: PlanNode[]) =>
  nodes.filter((node) => node['Node Type'] === 'Seq Scan' && large.includes(node['Relation Name'] ?? ''))
const sorts = (nodes: PlanNode[]) => nodes.filter((node) => node['Node Type'] === 'Sort')
const indexes = (nodes: PlanNode[]) => nodes.map((node) => node['Index Name']).filter(Boolean)
// The rows the scans of the registry actually touched (returned or filtered out), however the planner reached them.
const rowsRead = (nodes: PlanNode[]) =>
  nodes
    .filter((node) => node['Relation Name'] === 'dispensary_records')
    .reduce(
      (sum, node) => sum + ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1),
      0,
    )

let importId: string
const knownIin = makeIin({ birthDate: '1985-03-12', sex: 'male', serial: 4711 })

beforeAll(async () => {
  sql = await freshDatabase({ debug: (_connection, query, parameters) => sent.push({ query, parameters }) })
  db = createDatabase(sql)
  centre = await makeCentre(db, 'tb')
  other = await makeCentre(db, 'tb')
  // Both centres' records interleaved, as they are added over the years (a quarter the other centre's).
  await sql`
    with names as (
      select array['Нұрланов', 'Нұрбеков', 'Ахметов', 'Иванов', 'Сейітов', 'Жұмабаев', 'Әбенов', 'Юсупов', 'Қасымов',
                   'Омаров', 'Ким', 'Серікбаев', 'Тоқтаров', 'Ли', 'Ғалымов', 'Үсенов'] as surnames,
             array['Ерлан', 'Айгерім', 'Нұрсұлтан', 'Мария', 'Дәурен', 'Әсел', 'Асқар', 'Олжас', 'Гүлнар', 'Тимур'] as firsts
    ), people as (
      select g, case when g % 4 = 0 then ${other.organizationId}::bigint else ${centre.organizationId}::bigint end as organization_id,
             case when g % 4 = 0 then ${other.doctor.id}::bigint else ${centre.doctor.id}::bigint end as doctor
      from generate_series(1, ${records}) as g
    )
    insert into dispensary_records (organization_id, registry, iin, last_name, first_name, middle_name, birth_date,
                                    observation_group, observed_since, added_by, removed_on, removal_reason, removed_by)
    select organization_id, 'tb', lpad(g::text, 12, '0'),
           surnames[1 + floor(power(((g * 7919) % 1000) / 1000.0, 1.6) * array_length(surnames, 1))::int],
           firsts[1 + (g * 31) % array_length(firsts, 1)], null, date '1950-01-01' + (g % 25000), 'IA', date '2020-01-01',
           doctor, case when g % 20 = 1 then date '2024-01-01' end, case when g % 20 = 1 then 'recovered' end,
           case when g % 20 = 1 then doctor end
    from names, people`
  await sql`update dispensary_records set iin = ${knownIin} where iin = '000000000777'`
  await sql`
    insert into dispensary_record_events (record_id, type, staff_id)
    select id, 'added', added_by from dispensary_records`
  const [created] = await sql<{ id: string }[]>`
    insert into dispensary_imports (organization_id, registry, uploaded_by, file_name, status, lines, error_lines)
    values (${centre.organizationId}, 'tb', ${centre.doctor.id}, 'big.csv', 'checked', 50000, 100) returning id`
  importId = created!.id
  await sql`
    insert into dispensary_import_lines (import_id, line, iin, last_name, first_name, observation_group, observed_since, error, error_field)
    select ${importId}, g + 1, lpad(g::text, 12, '0'), 'Ахметов', 'Ерлан', 'IA', date '2020-01-01',
           case when g % 500 = 0 then 'centre.import.errors.unknownIin' end, case when g % 500 = 0 then 'iin' end
    from generate_series(1, 50000) as g`
  await sql`analyze`
}, 180_000)

const list = (status: RegistryStatus, text = '', before: number | null = null) =>
  listRegistry(
    db,
    centre.doctor,
    { status, query: parseSearchQuery(text), before },
    listView(new Date(), `${status}${text}${before}`),
  )

describe('Issue 16: the registry list, its search and a history are served by indexes on a large registry', () => {
  it('the first and a deep page of active, removed and all records: no sort, no full read, about a page of rows read', async () => {
    const first = await list('active')
    expect(first!.rows).toHaveLength(50)
    for (const [status, before] of [
      ['active', null],
      ['active', first!.before],
      ['removed', null],
      ['all', 30_000],
    ] as const) {
      const nodes = await plansOf(() => list(status, '', before))
      expect(fullReads(nodes), status).toEqual([])
      expect(sorts(nodes), status).toEqual([])
      expect(rowsRead(nodes), status).toBeLessThan(200)
    }
  })

  it('by IIN, by birth date, by a surname prefix (folded), common or rare, with a first name', async () => {
    for (const [text, index, bound] of [
      [knownIin, 'dispensary_records_iin_idx', 10],
      ['12.03.1985', 'dispensary_records_org_birth_idx', 10],
      ['Үсен', null, 3000],
      ['Нур', null, 1000],
      ['нурланов ерлан', null, 3000],
    ] as const) {
      const nodes = await plansOf(() => list('all', text))
      expect(fullReads(nodes), text).toEqual([])
      if (index) expect(indexes(nodes), text).toContain(index)
      expect(rowsRead(nodes), text).toBeLessThan(bound)
    }
    expect((await list('all', 'Нур'))!.rows).toHaveLength(50)
    expect((await list('all', knownIin))!.rows.map((row) => row.iin)).toEqual([knownIin])
  })

  it("a person's history and an import's preview read by index", async () => {
    const [record] = await sql<
      { id: number }[]
    >`select id::int from dispensary_records where organization_id = ${centre.organizationId} limit 1`
    const history = await plansOf(() => getPersonHistory(db, centre.doctor, record!.id, null))
    expect(fullReads(history)).toEqual([])
    const preview = await plansOf(() => getImportPreview(db, centre.doctor, importId, 20_000, listView()))
    expect(fullReads(preview)).toEqual([])
    expect(sorts(preview)).toEqual([])
    expect(indexes(preview)).toContain('dispensary_import_lines_errors_idx')
  })
})

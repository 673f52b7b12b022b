import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { makeIin } from '@/lib/iin'
import { listSectionLoad, listSectionPatients } from '@/lib/organizations/queries'
import { searchPatients } from '@/lib/patients/queries'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { listClinicChoices } from '@/lib/services/attachment/queries'
import { listRegister } from '@/lib/services/attachment/register/queries'
import { freshDatabase } from './db'
import { answered, listView, makeClinic, type TestClinic } from './factories'

// Issue 13: the register, the patient search and the clinic choices of a region. Seeded with a region's shape in
// small (12 clinics, 60,000 people, surnames as skewed as a real region's, so a prefix such as «Нұр» matches a tenth of
// everyone), no plan may read patients, attachments or the register's entries in full, and the register's pages and the
// search's branches must come in index order, not from a sort of the clinic.
let sql: postgres.Sql
let db: Database
let clinic: TestClinic
const clinics = 12
const people = 60_000

const sent: { query: string; parameters: unknown[] }[] = []

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Plan Rows'?: number
  Plans?: PlanNode[]
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

// The plans of every statement `run` sent (EXPLAIN, as they ran, with their parameters).
async function plansOf(run: () => Promise<unknown>): Promise<PlanNode[][]> {
  sent.length = 0
  await run()
  const reads = sent.filter((entry) => /^\s*(select|with)/i.test(entry.query) && !/set_config/.test(entry.query))
  expect(reads.length).toBeGreaterThan(0)
  const plans: PlanNode[][] = []
  for (const statement of reads) {
    const [row] = await sql.unsafe(
      `explain (format json) ${statement.query}`,
      statement.parameters as postgres.ParameterOrJSON<never>[],
    )
    plans.push(nodesOf((row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan))
  }
  return plans
}

const large = ['patients', 'attachments', 'register_entries']
const fullReads = (plans: PlanNode[][]) =>
  plans.flat().filter((node) => node['Node Type'] === 'Seq Scan' && large.includes(node['Relation Name'] ?? ''))
const sorts = (plans: PlanNode[][]) => plans.flat().filter((node) => node['Node Type'] === 'Sort')

beforeAll(async () => {
  sql = await freshDatabase({ debug: (_connection, query, parameters) => sent.push({ query, parameters }) })
  db = createDatabase(sql)
  clinic = await makeClinic(db, 'The largest clinic')
  const others = await Promise.all(Array.from({ length: clinics - 1 }, (_, i) => makeClinic(db, `Clinic ${i}`)))
  const organizations = [clinic, ...others].map((c) => c.organizationId)
  const sections = [clinic, ...others].map((c) => c.sectionIds[0]!)
  // A fifth of the region in the largest clinic; surnames skewed towards the first of the list.
  await sql`
    with names as (
      select array['Нұрланов', 'Нұрбеков', 'Ахметов', 'Иванов', 'Сейітов', 'Жұмабаев', 'Әбенов', 'Юсупов', 'Қасымов',
                   'Омаров', 'Ким', 'Серікбаев', 'Тоқтаров', 'Ли', 'Ғалымов', 'Үсенов'] as surnames,
             array['Ерлан', 'Айгерім', 'Нұрсұлтан', 'Мария', 'Дәурен', 'Әсел', 'Асқар', 'Олжас', 'Гүлнар', 'Тимур'] as firsts
    )
    insert into patients (iin, last_name, first_name, middle_name, birth_date, sex, status, address)
    select lpad(g::text, 12, '0'),
           surnames[1 + floor(power(((g * 7919) % 1000) / 1000.0, 1.6) * array_length(surnames, 1))::int],
           firsts[1 + (g * 31) % array_length(firsts, 1)],
           case when g % 10 = 0 then null else firsts[1 + (g * 17) % array_length(firsts, 1)] || 'ұлы' end,
           date '1950-01-01' + (g % 25000), 'male', 'citizen', 'Шымкент'
    from names, generate_series(1, ${people}) as g`
  await sql`
    insert into attachments (patient_id, organization_id, section_id, basis, status, valid_from)
    select p.id, (${organizations}::bigint[])[i], (${sections}::bigint[])[i], 'residence_change', 'active', date '2025-01-10'
    from patients p, lateral (select case when p.id % 5 = 0 then 1 else 2 + (p.id % ${clinics - 1})::int end as i) c`
  await sql`analyze`
}, 120_000)

describe('Issue 13: the register and the patient search of a large clinic are served by indexes', () => {
  it('the seeded clinic is large and «Нұр» is common', async () => {
    const [row] = await sql<{ attached: number; common: number }[]>`
      select count(*)::int as attached, count(*) filter (where last_name like 'Нұр%')::int as common
      from register_entries where organization_id = ${clinic.organizationId}`
    expect(row!.attached).toBeGreaterThan(11_000)
    expect(row!.common).toBeGreaterThan(1_000)
  })

  it('name search: three branches in index order, cut at the limit; an IIN by its unique index', async () => {
    for (const text of ['Нұр', 'нұрланов ерлан', 'ерлан', 'асқарұлы']) {
      const plans = await plansOf(() => searchPatients(db, clinic.staff.registrar, parseSearchQuery(text), listView()))
      expect(fullReads(plans), text).toEqual([])
      const indexes = plans.flat().map((node) => node['Index Name'])
      expect(indexes, text).toEqual(
        expect.arrayContaining([
          'register_entries_last_name_idx',
          'register_entries_first_name_idx',
          'register_entries_middle_name_idx',
        ]),
      )
    }
    const iin = makeIin({ birthDate: '1985-04-12', sex: 'male', serial: 77 })
    await sql`update patients set iin = ${iin} where iin = '000000000005'`
    const found = answered(await searchPatients(db, clinic.staff.registrar, parseSearchQuery(iin), listView()))
    expect(found.map((row) => row.iin)).toEqual([iin])
    const plans = await plansOf(() => searchPatients(db, clinic.staff.registrar, parseSearchQuery(iin), listView()))
    expect(fullReads(plans)).toEqual([])
    expect(plans.flat().map((node) => node['Index Name'])).toContain('patients_iin_unique')
  })

  it('the register: first, deep, backward and section pages in index order with no sort; the total from the counts', async () => {
    const registrar = clinic.staff.registrar
    const first = answered(await listRegister(db, registrar, {}, { limit: 100 }, listView()))
    expect(first.total).toBeGreaterThan(11_000)
    const pages = [
      () => listRegister(db, registrar, {}, { limit: 100 }, listView()),
      () => listRegister(db, registrar, {}, { after: first.rows.at(-1)!.patientId, limit: 100 }, listView()),
      () => listRegister(db, registrar, {}, { before: first.rows.at(-1)!.patientId, limit: 100 }, listView()),
      () => listRegister(db, registrar, { sectionId: clinic.sectionIds[0] }, { limit: 100 }, listView()),
    ]
    for (const page of pages) {
      const plans = await plansOf(page)
      expect(fullReads(plans)).toEqual([])
      expect(sorts(plans)).toEqual([])
    }
  })

  it('the register filtered by a name reads only the names’ index ranges', async () => {
    const plans = await plansOf(() =>
      listRegister(db, clinic.staff.registrar, { query: parseSearchQuery('нұр') }, { limit: 100 }, listView()),
    )
    expect(fullReads(plans)).toEqual([])
  })

  it('the section list in index order; the sections’ load and the clinic choices from the kept counts', async () => {
    const section = await plansOf(() => listSectionPatients(db, clinic.staff.doctor, clinic.sectionIds[0]!, listView()))
    expect(fullReads(section)).toEqual([])
    expect(sorts(section)).toEqual([])
    expect(section.flat().map((node) => node['Index Name'])).toContain('register_entries_section_idx')
    for (const run of [() => listSectionLoad(db, clinic.staff.registrar), () => listClinicChoices(db)]) {
      const touched = (await plansOf(run)).flat().map((node) => node['Relation Name'])
      expect(touched).toContain('attached_counts')
      expect(touched.filter((name) => name === 'attachments' || name === 'register_entries')).toEqual([])
    }
    const choices = await listClinicChoices(db)
    const largest = choices.find((choice) => choice.id === clinic.organizationId)!
    const [count] = await sql<{ n: number }[]>`
      select count(*)::int as n from attachments where organization_id = ${clinic.organizationId} and status = 'active'`
    expect(largest.sections.reduce((sum, section) => sum + section.attached, 0)).toBe(count!.n)
  })
})

import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { makeIin } from '@/lib/iin'
import { listSectionLoad, listSectionPatients } from '@/lib/organizations/queries'
import { searchBeyondClinic, searchPatients } from '@/lib/patients/queries'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { listClinicChoices } from '@/lib/services/attachment/queries'
import { listOwnSection, listRegister, ownSectionCsv } from '@/lib/services/attachment/register/queries'
import { foldedFrom, foldName } from '@/lib/text/fold'
import { freshDatabase } from './db'
import { answered, listView, makeClinic, type TestClinic } from './factories'

// Issue 13: the register, the patient search and the clinic choices of a region. Seeded with a region's shape in
// small (12 clinics, 60,000 people, surnames as skewed as a real region's, so a prefix such as «Нұр» matches a tenth of
// everyone), no plan may read patients, attachments or the register's entries in full, and the register's pages and the
// search's branches must come in index order, not from a sort of the clinic.
let sql: postgres.Sql
let db: Database
let clinic: TestClinic
let neighbour: TestClinic
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
  neighbour = others[0]!
  const organizations = [clinic, ...others].map((c) => c.organizationId)
  const sections = [clinic, ...others].map((c) => c.sectionIds[0]!)
  // A fifth of the region in the largest clinic; surnames skewed towards the first of the list.
  await sql`
    with names as (
      select array['Нұрланов', 'Нұрбеков', 'Ахметов', 'Иванов', 'Сейітов', 'Жұмабаев', 'Әбенов', 'Юсупов', 'Қасымов',
                   'Омаров', 'Ким', 'Серікбаев', 'Тоқтаров', 'Ли', 'Ғалымов', 'Үсенов'] as surnames,
             array['Ерлан', 'Айгерім', 'Нұрсұлтан', 'Мария', 'Дәурен', 'Әсел', 'Асқар', 'Олжас', 'Гүлнар', 'Тимур'] as firsts
    )
    insert into patients (iin, last_name, first_name, middle_name, birth_date, sex, status, address, phone)
    select lpad(g::text, 12, '0'),
           surnames[1 + floor(power(((g * 7919) % 1000) / 1000.0, 1.6) * array_length(surnames, 1))::int],
           firsts[1 + (g * 31) % array_length(firsts, 1)],
           case when g % 10 = 0 then null else firsts[1 + (g * 17) % array_length(firsts, 1)] || 'ұлы' end,
           date '1950-01-01' + (g % 25000), 'male', 'citizen', 'Шымкент',
           case when g % 3 = 0 then '+7701' || lpad(g::text, 7, '0') end
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
          'register_entries_last_folded_idx',
          'register_entries_first_folded_idx',
          'register_entries_middle_folded_idx',
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

const ids = (rows: { id: number }[]) => rows.map((row) => row.id).sort((a, b) => a - b)
const indexesOf = (plans: PlanNode[][]) => plans.flat().map((node) => node['Index Name'])

describe('Issue 15: the search tolerates a Russian keyboard, finds by phone and birth date, and beyond the clinic', () => {
  it('the database folds names exactly as lib/text/fold.ts does, letter by letter and in both cases', async () => {
    const samples = [...foldedFrom, ...foldedFrom.toUpperCase(), 'ӘБЕНОВА Ғалия Құрманқызы', 'Ёлкин Һәкім Іңкәрұлы', 'Ли']
    for (const text of samples) {
      const [row] = await sql<{ folded: string }[]>`select fold_name(${text}::text collate kazakh) as folded`
      expect(row!.folded, text).toBe(foldName(text))
    }
  })

  it('«Нурланов» (Russian keyboard) finds every «Нұрланов», as «нұрланов» does, and only them', async () => {
    const registrar = clinic.staff.registrar
    const russian = answered(await searchPatients(db, registrar, parseSearchQuery('Нурланов ерлан'), listView()))
    const kazakh = answered(await searchPatients(db, registrar, parseSearchQuery('НҰРЛАНОВ Ерлан'), listView()))
    expect(russian.length).toBeGreaterThan(0)
    expect(ids(russian)).toEqual(ids(kazakh))
    for (const row of russian) expect(row.name).toMatch(/^Нұрланов Ерлан/)
    const asel = answered(await searchPatients(db, registrar, parseSearchQuery('асел'), listView()))
    expect(asel.length).toBe(50)
    expect(asel.every((row) => row.name.includes('Әсел'))).toBe(true)
  })

  it('the folded name search reads the three folded indexes in order, cut at the limit', async () => {
    for (const text of ['нур', 'нурланов ерлан', 'асел', 'ерланулы']) {
      const plans = await plansOf(() => searchPatients(db, clinic.staff.registrar, parseSearchQuery(text), listView()))
      expect(fullReads(plans), text).toEqual([])
      expect(indexesOf(plans), text).toEqual(
        expect.arrayContaining([
          'register_entries_last_folded_idx',
          'register_entries_first_folded_idx',
          'register_entries_middle_folded_idx',
        ]),
      )
    }
  })

  it('a phone in any common spelling and a birth date as dd.mm.yyyy find through their indexes', async () => {
    const [someone] = await sql<{ id: number; phone: string; birth_date: string; first_name: string }[]>`
      select p.id::int, p.phone, to_char(p.birth_date, 'DD.MM.YYYY') as birth_date, p.first_name
      from patients p join register_entries e on e.patient_id = p.id
      where e.organization_id = ${clinic.organizationId} and p.phone is not null order by p.id limit 1`
    const digits = someone!.phone.slice(2)
    for (const typed of [
      someone!.phone,
      `8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`,
      `7${digits}`.slice(1),
    ]) {
      const found = answered(await searchPatients(db, clinic.staff.registrar, parseSearchQuery(typed), listView()))
      expect(ids(found), typed).toEqual([someone!.id])
    }
    const phonePlans = await plansOf(() =>
      searchPatients(db, clinic.staff.registrar, parseSearchQuery(someone!.phone), listView()),
    )
    expect(fullReads(phonePlans)).toEqual([])
    expect(indexesOf(phonePlans)).toContain('patients_phone_idx')

    const byDate = answered(await searchPatients(db, clinic.staff.registrar, parseSearchQuery(someone!.birth_date), listView()))
    expect(ids(byDate)).toContain(someone!.id)
    const byNameAndDate = answered(
      await searchPatients(
        db,
        clinic.staff.registrar,
        parseSearchQuery(`${foldName(someone!.first_name)} ${someone!.birth_date}`),
        listView(),
      ),
    )
    expect(ids(byNameAndDate)).toContain(someone!.id)
    expect(byNameAndDate.length).toBeLessThanOrEqual(byDate.length)
    for (const text of [someone!.birth_date, `${someone!.first_name} ${someone!.birth_date}`]) {
      const plans = await plansOf(() => searchPatients(db, clinic.staff.registrar, parseSearchQuery(text), listView()))
      expect(fullReads(plans), text).toEqual([])
      expect(indexesOf(plans), text).toContain('patients_birth_date_idx')
    }
  })

  it('beyond the clinic: a full IIN, a phone or a name with a birth date find a person attached elsewhere, minimally', async () => {
    const registrar = clinic.staff.registrar
    const [stranger] = await sql<{ id: number; iin: string; phone: string; birth_date: string; last_name: string }[]>`
      select p.id::int, p.iin, p.phone, to_char(p.birth_date, 'DD.MM.YYYY') as birth_date, p.last_name
      from patients p join register_entries e on e.patient_id = p.id
      where e.organization_id = ${neighbour.organizationId} and p.phone is not null order by p.id limit 1`
    stranger!.iin = makeIin({ birthDate: '1990-03-05', sex: 'female', serial: 4242 })
    await sql`update patients set iin = ${stranger!.iin} where id = ${stranger!.id}`
    expect(answered(await searchPatients(db, registrar, parseSearchQuery(stranger!.iin), listView()))).toEqual([])
    const byIin = await searchBeyondClinic(db, registrar, parseSearchQuery(stranger!.iin), listView())
    expect(byIin).toEqual({
      state: 'done',
      rows: [expect.objectContaining({ id: stranger!.id, iin: stranger!.iin, attachedElsewhere: true })],
    })
    const byPhone = await searchBeyondClinic(db, registrar, parseSearchQuery(stranger!.phone), listView())
    expect(byPhone).toEqual({
      state: 'done',
      rows: [expect.objectContaining({ id: stranger!.id, iin: null, iinTail: stranger!.iin.slice(-4) })],
    })
    const typed = `${foldName(stranger!.last_name)} ${stranger!.birth_date}`
    const byName = await searchBeyondClinic(db, registrar, parseSearchQuery(typed), listView())
    expect(byName.state === 'done' && byName.rows.map((row) => row.id)).toContain(stranger!.id)
    // A name alone or a birth date alone lists strangers: they stay within the clinic.
    for (const text of [stranger!.last_name, stranger!.birth_date])
      expect(await searchBeyondClinic(db, registrar, parseSearchQuery(text), listView())).toEqual({ state: 'not_asked' })
    // A doctor takes no applications at the desk.
    expect(await searchBeyondClinic(db, clinic.staff.doctor, parseSearchQuery(stranger!.iin), listView())).toEqual({
      state: 'not_asked',
    })
    for (const text of [stranger!.phone, typed]) {
      const plans = await plansOf(() => searchBeyondClinic(db, registrar, parseSearchQuery(text), listView()))
      expect(fullReads(plans), text).toEqual([])
    }
    const [audit] = await sql<{ n: number }[]>`
      select count(*)::int as n from audit_log where action = 'patientSearchBeyond.view' and actor_id = ${registrar.id}`
    expect(audit!.n).toBeGreaterThan(0)
  })

  it("the doctor's own section: a folded search and keyset pages from the section's slice; another's is refused", async () => {
    const doctor = clinic.staff.doctor
    const section = clinic.sectionIds[0]!
    const first = answered((await listOwnSection(db, doctor, section, parseSearchQuery('нурбеков'), { limit: 50 }, listView()))!)
    expect(first.rows.length).toBe(50)
    expect(first.rows.every((row) => row.lastName === 'Нұрбеков')).toBe(true)
    const next = answered(
      (await listOwnSection(
        db,
        doctor,
        section,
        parseSearchQuery('нурбеков'),
        { after: first.rows.at(-1)!.patientId, limit: 50 },
        listView(),
      ))!,
    )
    expect(next.hasPrevious).toBe(true)
    expect(next.rows.map((row) => row.patientId)).not.toContain(first.rows[0]!.patientId)
    for (const text of ['', 'нурбеков', '05.03.1990']) {
      const plans = await plansOf(() => listOwnSection(db, doctor, section, parseSearchQuery(text), { limit: 50 }, listView()))
      expect(fullReads(plans), text).toEqual([])
    }
    expect(await listOwnSection(db, doctor, clinic.sectionIds[1]!, parseSearchQuery(''), { limit: 50 }, listView())).toBeNull()
    expect(await listOwnSection(db, neighbour.staff.doctor, section, parseSearchQuery(''), { limit: 50 }, listView())).toBeNull()
    expect(await listOwnSection(db, clinic.staff.registrar, section, parseSearchQuery(''), { limit: 50 }, listView())).toBeNull()
  })

  it("the section's CSV: the whole section for its doctor, nothing for another doctor", async () => {
    const labels = { header: ['IIN', 'Surname'], basis: {} as never }
    expect(await ownSectionCsv(db, sql, neighbour.staff.doctor, clinic.sectionIds[0]!, labels)).toBeNull()
    expect(await ownSectionCsv(db, sql, clinic.staff.doctor, clinic.sectionIds[1]!, labels)).toBeNull()
    const own = (await ownSectionCsv(db, sql, clinic.staff.doctor, clinic.sectionIds[0]!, labels))!
    let lines = 0
    for await (const chunk of own.lines) lines += chunk.split('\r\n').length - 1
    expect(lines).toBe(own.total + 1)
    expect(own.total).toBeGreaterThan(11_000)
  })
})

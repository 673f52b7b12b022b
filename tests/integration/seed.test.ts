// Integration test of the demo data loader against a real PostgreSQL (see ./db.ts).
// Query results use one-word aliases so that the assertions hold whatever column transform
// the connection is configured with.

import { verify } from '@node-rs/argon2'
import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemoData } from '../../scripts/seed/demo'
import {
  DEMO_REFERENCE_DATE,
  DEMO_STAFF_PASSWORD,
  demoLogins,
  demoPatientList,
  demoPatients,
  demoSigningInbox,
} from '../../scripts/seed/demo-data'
import { demoOverduePatients, demoOverdueRequests } from '../../scripts/seed/overdue-data'
import { parseIin } from '../../lib/iin'
import { freshDatabase } from './db'

const CLINICS = ['aktau-pc-1', 'aktau-pc-2'] as const
const SLOW = 120_000
// When the signing inbox's requests are approved: fixed, so two seeded databases can be compared.
const SEEDED_AT = new Date('2026-11-23T06:00:00Z')

const connections: Sql[] = []

async function seededDatabase(): Promise<Sql> {
  const sql = await freshDatabase()
  connections.push(sql)
  await seedDemoData(sql, SEEDED_AT)
  return sql
}

let sql: Sql

beforeAll(async () => {
  sql = await seededDatabase()
}, SLOW)

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.end()))
})

// The patient's active attachment: organization code, or null.
async function activeClinicOf(iin: string): Promise<string | null> {
  const rows = await sql<{ code: string }[]>`
    select o.code as code
    from attachments a
    join patients p on p.id = a.patient_id
    join organizations o on o.id = a.organization_id
    where p.iin = ${iin} and a.status = 'active'
  `
  expect(rows.length).toBeLessThanOrEqual(1)
  return rows[0]?.code ?? null
}

async function isChild(iin: string): Promise<boolean> {
  const [row] = await sql<{ child: boolean }[]>`
    select birth_date > ${DEMO_REFERENCE_DATE}::date - interval '18 years' as child from patients where iin = ${iin}
  `
  expect(row).toBeDefined()
  return row!.child
}

describe('seedDemoData', () => {
  it('creates the seven organizations with their types', async () => {
    const rows = await sql<{ code: string; type: string }[]>`select code, type from organizations order by code`
    expect(rows.map((r) => ({ code: r.code, type: r.type }))).toEqual([
      { code: 'aktau-pc-1', type: 'primary_care' },
      { code: 'aktau-pc-2', type: 'primary_care' },
      { code: 'mangystau-health', type: 'health_department' },
      { code: 'mangystau-hospital', type: 'hospital' },
      { code: 'mangystau-mh', type: 'mental_health_centre' },
      { code: 'mangystau-narco', type: 'narcology_centre' },
      { code: 'mangystau-tb', type: 'tb_centre' },
    ])
  })

  it.each(CLINICS)('gives clinic %s the clinical departments and at least three sections', async (code) => {
    const departments = await sql<{ kind: string }[]>`
      select d.kind as kind from departments d join organizations o on o.id = d.organization_id where o.code = ${code}
    `
    const kinds = departments.map((d) => d.kind)
    expect(kinds).toEqual(expect.arrayContaining(['therapy', 'general_practice', 'pediatrics']))

    const [sections] = await sql<{ n: number }[]>`
      select count(*)::int as n from sections s join organizations o on o.id = s.organization_id where o.code = ${code}
    `
    expect(sections!.n).toBeGreaterThanOrEqual(3)
    expect(sections!.n).toBeLessThanOrEqual(6)
  })

  it.each(CLINICS)('staffs clinic %s with every role', async (code) => {
    const rows = await sql<{ role: string }[]>`
      select distinct s.role as role
      from staff s join organizations o on o.id = s.organization_id
      where o.code = ${code}
      order by 1
    `
    expect(rows.map((r) => r.role)).toEqual(['chief', 'doctor', 'head', 'registrar'])
  })

  it('links every doctor to a section of their own clinic', async () => {
    const [row] = await sql<{ unlinked: number; crossed: number }[]>`
      select
        (select count(*)::int from staff s where s.role = 'doctor'
           and not exists (select 1 from section_doctors sd where sd.staff_id = s.id)) as unlinked,
        (select count(*)::int from section_doctors sd
           join staff s on s.id = sd.staff_id join sections se on se.id = sd.section_id
           where s.organization_id <> se.organization_id) as crossed
    `
    expect(row).toEqual({ unlinked: 0, crossed: 0 })
  })

  it('loads 64 patients (60 of the story, 4 of the overdue board) whose IINs are valid and agree with birth date and sex', async () => {
    const rows = await sql<{ iin: string; birth: string; sex: string }[]>`
      select iin, birth_date::text as birth, sex from patients order by iin
    `
    expect(rows).toHaveLength(64)
    for (const row of rows) {
      const parsed = parseIin(row.iin)
      expect(parsed, row.iin).toMatchObject({ valid: true })
      if (!parsed.valid) continue
      if (parsed.birthDate !== null) expect(row.birth, row.iin).toBe(parsed.birthDate)
      if (parsed.sex !== null) expect(row.sex, row.iin).toBe(parsed.sex)
    }
  })

  it('p.17: every clinic and every person has an administrative-territorial unit; Munaily borders Aktau', async () => {
    const [row] = await sql<{ clinics: number; people: number; border: boolean }[]>`
      select (select count(*)::int from organizations where administrative_unit is null) as clinics,
             (select count(*)::int from patients where residence_unit is null) as people,
             exists (select 1 from border_territories where unit_code = 'munaily' and neighbour_code = 'aktau') as border
    `
    expect(row).toEqual({ clinics: 0, people: 0, border: true })
  })

  it('gives staff valid IINs too', async () => {
    const rows = await sql<{ iin: string | null }[]>`select iin from staff`
    for (const row of rows) {
      if (row.iin !== null) expect(parseIin(row.iin), row.iin).toMatchObject({ valid: true })
    }
  })

  it('leaves some patients attached nowhere and none attached twice', async () => {
    const [unattached] = await sql<{ n: number }[]>`
      select count(*)::int as n from patients p
      where not exists (select 1 from attachments a where a.patient_id = p.id and a.status = 'active')
    `
    expect(unattached!.n).toBeGreaterThanOrEqual(1)

    const doubles = await sql<{ iin: string }[]>`
      select p.iin as iin from attachments a join patients p on p.id = a.patient_id
      where a.status = 'active' group by p.iin having count(*) > 1
    `
    expect(doubles).toEqual([])
  })

  it('attaches each patient to a section of the same organization', async () => {
    const mismatched = await sql<{ id: string }[]>`
      select a.id as id from attachments a join sections s on s.id = a.section_id
      where s.organization_id <> a.organization_id
    `
    expect(mismatched).toEqual([])
  })

  it('gives every child a representative', async () => {
    const children = await sql<{ iin: string; represented: boolean }[]>`
      select p.iin as iin,
             exists (select 1 from representatives r where r.child_id = p.id) as represented
      from patients p
      where p.birth_date > ${DEMO_REFERENCE_DATE}::date - interval '18 years'
    `
    expect(children.length).toBeGreaterThan(0)
    expect(children.filter((c) => !c.represented).map((c) => c.iin)).toEqual([])
  })

  it('creates the demo logins with their roles and organizations', async () => {
    const logins = Object.values(demoLogins)
    const rows = await sql<{ login: string; role: string; code: string; active: boolean }[]>`
      select s.login as login, s.role as role, o.code as code, s.active as active
      from staff s join organizations o on o.id = s.organization_id
      where s.login in ${sql(logins)}
    `
    const byLogin = new Map(rows.map((r) => [r.login, { role: r.role, code: r.code, active: r.active }]))
    expect(byLogin.get(demoLogins.registrar)).toEqual({ role: 'registrar', code: 'aktau-pc-1', active: true })
    expect(byLogin.get(demoLogins.doctor)).toEqual({ role: 'doctor', code: 'aktau-pc-1', active: true })
    expect(byLogin.get(demoLogins.head)).toEqual({ role: 'head', code: 'aktau-pc-1', active: true })
    expect(byLogin.get(demoLogins.chief)).toEqual({ role: 'chief', code: 'aktau-pc-1', active: true })
    expect(byLogin.get(demoLogins.otherClinicRegistrar)).toEqual({ role: 'registrar', code: 'aktau-pc-2', active: true })
    expect(byLogin.get(demoLogins.lockoutTarget)).toEqual({ role: 'registrar', code: 'aktau-pc-2', active: true })
    // Issue 15: the region's administrator works at the region's health department, in no clinic.
    expect(byLogin.get(demoLogins.regionAdmin)).toEqual({ role: 'region_admin', code: 'mangystau-health', active: true })
    // Issue 16: each registry centre's doctor.
    expect(byLogin.get(demoLogins.tbCentre)).toEqual({ role: 'dispensary_doctor', code: 'mangystau-tb', active: true })
    expect(byLogin.get(demoLogins.mentalHealthCentre)).toEqual({ role: 'dispensary_doctor', code: 'mangystau-mh', active: true })
    expect(byLogin.get(demoLogins.narcologyCentre)).toEqual({ role: 'dispensary_doctor', code: 'mangystau-narco', active: true })
  })

  it("issue 16: each centre has one information system's row that can never sign in, and demo registries", async () => {
    const systems = await sql<{ code: string; hash: string; role: string }[]>`
      select o.code, s.password_hash as hash, s.role from staff s join organizations o on o.id = s.organization_id
      where s.system order by o.code`
    expect(systems.map((row) => [row.code, row.role])).toEqual([
      ['mangystau-mh', 'dispensary_doctor'],
      ['mangystau-narco', 'dispensary_doctor'],
      ['mangystau-tb', 'dispensary_doctor'],
    ])
    for (const row of systems) expect(await verify(row.hash, DEMO_STAFF_PASSWORD).catch(() => false)).toBe(false)
    const records = await sql<{ registry: string; active: number; withoutIin: number; events: number }[]>`
      select r.registry, count(*) filter (where r.removed_on is null)::int as active,
             count(*) filter (where r.iin is null)::int as "withoutIin",
             (select count(*)::int from dispensary_record_events e join dispensary_records x on x.id = e.record_id
              where x.registry = r.registry) as events
      from dispensary_records r group by r.registry order by r.registry`
    expect(records).toEqual([
      { registry: 'mental_health', active: 2, withoutIin: 0, events: 2 },
      { registry: 'narcology', active: 1, withoutIin: 0, events: 3 },
      { registry: 'tb', active: 3, withoutIin: 1, events: 5 },
    ])
  })

  it('stores an argon2id hash of the demo password for the staff', async () => {
    const rows = await sql<{ hash: string }[]>`select distinct password_hash as hash from staff where not system`
    expect(rows).toHaveLength(1)
    const storedHash = rows[0]!.hash
    expect(storedHash.startsWith('$argon2id$')).toBe(true)
    expect(await verify(storedHash, DEMO_STAFF_PASSWORD)).toBe(true)
    expect(await verify(storedHash, 'not-the-password')).toBe(false)
  })

  it('matches the documented demo patients', async () => {
    expect(await activeClinicOf(demoPatients.mother)).toBe('aktau-pc-1')
    expect(await isChild(demoPatients.mother)).toBe(false)

    const children = await sql<{ iin: string }[]>`
      select c.iin as iin from representatives r
      join patients c on c.id = r.child_id join patients m on m.id = r.representative_id
      where m.iin = ${demoPatients.mother}
      order by c.iin
    `
    expect(children.length).toBeGreaterThanOrEqual(2)
    expect(children.map((c) => c.iin)).toContain(demoPatients.child)
    expect(await isChild(demoPatients.child)).toBe(true)

    expect(await activeClinicOf(demoPatients.otherClinic)).toBe('aktau-pc-2')
    expect(await isChild(demoPatients.otherClinic)).toBe(false)
    const related = await sql`
      select 1 from representatives r
      join patients a on a.id in (r.child_id, r.representative_id)
      join patients b on b.id in (r.child_id, r.representative_id)
      where a.iin = ${demoPatients.otherClinic} and b.iin = ${demoPatients.mother}
    `
    expect(related).toHaveLength(0)

    expect(await activeClinicOf(demoPatients.unattached)).toBeNull()
    expect(await isChild(demoPatients.unattached)).toBe(false)
  })

  it('gives doctor1 exactly four documents to sign: the attachment notices of the signing inbox people', async () => {
    const rows = await sql<{ kind: string; iin: string; section: string }[]>`
      select d.kind as kind, p.iin as iin, d.snapshot->>'section' as section
      from documents d join staff s on s.id = d.signer_id join patients p on p.id = d.patient_id
      where s.login = ${demoLogins.doctor} and d.status = 'awaiting_signature'
      order by p.iin
    `
    const people = demoSigningInbox.map((entry) => demoPatientList.find((p) => p.key === entry.patient)!.iin).sort()
    expect(rows).toEqual(people.map((iin) => ({ kind: 'attachment_notice', iin, section: '1' })))
  })

  it('made the signing inbox through the engine: approved requests, attachments to section 1, coupons for registrar1', async () => {
    const rows = await sql<{ key: string; status: string; decider: string; clinic: string; section: string; coupon: string }[]>`
      select p.iin as key, r.status as status, s.login as decider, o.code as clinic, se.number as section,
             (select cs.login from documents d join staff cs on cs.id = d.signer_id
               where d.request_id = r.id and d.kind = 'coupon_064e' and d.status = 'awaiting_signature') as coupon
      from requests r
      join patients p on p.id = r.patient_id
      join staff s on s.id = r.decided_by
      join attachments a on a.source_request_id = r.id and a.status = 'active'
      join organizations o on o.id = a.organization_id
      join sections se on se.id = a.section_id
      order by p.iin
    `
    const people = demoSigningInbox.map((entry) => demoPatientList.find((p) => p.key === entry.patient)!.iin).sort()
    expect(rows).toEqual(
      people.map((key) => ({
        key,
        status: 'approved',
        decider: demoLogins.registrar,
        clinic: 'aktau-pc-1',
        section: '1',
        coupon: demoLogins.registrar,
      })),
    )
  })

  it("puts four requests on the heads' overdue boards, made through the engine with its clock moved back", async () => {
    const rows = await sql<
      { key: string; clinic: string; status: string; holder: string | null; submitted: string; overdue: boolean }[]
    >`
      select p.iin as key, o.code as clinic, r.status as status, s.login as holder,
             to_char(r.submitted_at at time zone 'Asia/Almaty', 'YYYY-MM-DD HH24:MI') as submitted,
             r.due_at < ${SEEDED_AT.toISOString()}::timestamptz as overdue
      from requests r
      join patients p on p.id = r.patient_id
      join organizations o on o.id = r.organization_id
      left join staff s on s.id = r.assignee_id
      where r.status in ('submitted', 'in_review')
      order by r.due_at
    `
    const iin = (key: string) => demoOverduePatients.find((p) => p.key === key)!.iin
    // Seeded on Monday 23 November 2026: one to four working days before, at 10:00; oldest first, as the board shows.
    expect(rows).toEqual([
      {
        key: iin('lateA'),
        clinic: 'aktau-pc-1',
        status: 'submitted',
        holder: null,
        submitted: '2026-11-17 10:00',
        overdue: true,
      },
      {
        key: iin('lateD'),
        clinic: 'aktau-pc-2',
        status: 'in_review',
        holder: 'registrar2',
        submitted: '2026-11-18 10:00',
        overdue: true,
      },
      {
        key: iin('lateB'),
        clinic: 'aktau-pc-1',
        status: 'in_review',
        holder: 'registrar1b',
        submitted: '2026-11-19 10:00',
        overdue: true,
      },
      {
        key: iin('lateC'),
        clinic: 'aktau-pc-1',
        status: 'submitted',
        holder: null,
        submitted: '2026-11-20 10:00',
        overdue: true,
      },
    ])
    expect(demoOverdueRequests.map((entry) => iin(entry.patient))).toEqual(rows.map((row) => row.key))

    // What the engine writes with each step: its event, its audit row, and the SMS to the applicant in the outbox.
    const trail = await sql<{ key: string; events: string[]; audit: string[]; sms: string[] }[]>`
      select p.iin as key,
             array(select e.type from request_events e where e.request_id = r.id order by e.id) as events,
             array(select a.action from audit_log a where a.entity_id = r.id::text order by a.id) as audit,
             array(select n.template from notifications n where n.request_id = r.id order by n.id) as sms
      from requests r join patients p on p.id = r.patient_id
      where r.status in ('submitted', 'in_review')
    `
    for (const row of trail) {
      const taken = rows.find((r) => r.key === row.key)!.holder !== null
      expect(row.events, row.key).toEqual(taken ? ['submitted', 'take'] : ['submitted'])
      expect(row.audit, row.key).toEqual(taken ? ['request.submit', 'request.take'] : ['request.submit'])
      expect(row.sms, row.key).toEqual(['requestSubmitted'])
    }
    expect(trail).toHaveLength(4)
  })

  it('Issue 17: carries our own list of ICD-10 codes, each with a Russian and a Kazakh name, all offered', async () => {
    const [row] = await sql<{ codes: number; kazakh: number; own: number; offered: number }[]>`
      select count(*)::int as codes, count(name_kk)::int as kazakh, count(*) filter (where source = 'own')::int as own,
             count(*) filter (where actual and kind in ('category', 'subcategory'))::int as offered
      from icd10_codes`
    expect(row!.codes).toBeGreaterThanOrEqual(100)
    expect(row).toEqual({ codes: row!.codes, kazakh: row!.codes, own: row!.codes, offered: row!.codes })
  })

  it('refuses to load twice into the same database and leaves it unchanged', async () => {
    await expect(seedDemoData(sql)).rejects.toThrow(/already present/)
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from patients`
    expect(row!.n).toBe(64)
  })

  it(
    'produces identical rows on two fresh databases',
    async () => {
      const other = await seededDatabase()
      // Every table the loader writes, minus generated timestamps and the salted password hash.
      const tables = {
        organizations: (db: Sql) => db`select to_jsonb(t) - 'created_at' as data from organizations t order by id`,
        departments: (db: Sql) => db`select to_jsonb(t) as data from departments t order by id`,
        sections: (db: Sql) => db`select to_jsonb(t) as data from sections t order by id`,
        staff: (db: Sql) => db`select to_jsonb(t) - 'created_at' - 'password_hash' as data from staff t order by id`,
        sectionDoctors: (db: Sql) => db`select to_jsonb(t) as data from section_doctors t order by section_id, staff_id`,
        patients: (db: Sql) => db`select to_jsonb(t) - 'created_at' as data from patients t order by iin`,
        representatives: (db: Sql) => db`select to_jsonb(t) as data from representatives t order by id`,
        // The signing inbox's attachments point at requests whose ids are random uuids.
        attachments: (db: Sql) =>
          db`select to_jsonb(t) - 'created_at' - 'source_request_id' as data from attachments t order by id`,
      }
      const snapshot = async (db: Sql): Promise<Record<string, unknown[]>> => {
        const result: Record<string, unknown[]> = {}
        for (const [name, query] of Object.entries(tables)) {
          result[name] = (await query(db)).map((row) => row.data as unknown)
        }
        return result
      }
      const [first, second] = await Promise.all([snapshot(sql), snapshot(other)])
      expect(first.patients).toHaveLength(64)
      expect(second).toEqual(first)
    },
    SLOW,
  )
})

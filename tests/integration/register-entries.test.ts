import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, patients } from '@/db/schema'
import { listSectionPatients } from '@/lib/organizations/queries'
import { searchPatients } from '@/lib/patients/queries'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { listClinicChoices } from '@/lib/services/attachment/queries'
import { listRegister } from '@/lib/services/attachment/register/queries'
import { freshDb } from './db'
import { answered, listView, makeClinic, makePatient, type TestClinic } from './factories'

// The register of attached population (Rules p.13-14) and the registrar's patient search read `register_entries` and
// `attached_counts`, kept by triggers (migration 0014); these tests hold them to the attachments they derive from.
let db: Database
let sql: postgres.Sql
let clinic: TestClinic
let other: TestClinic

// The counts as the triggers keep them, and as a count of the entries gives them: always equal.
async function countsAgree() {
  const kept = await sql<{ organization_id: string; section_id: string | null; attached: number }[]>`
    select organization_id, section_id, attached from attached_counts where attached <> 0 order by 1, 2 nulls first`
  const counted = await sql<{ organization_id: string; section_id: string | null; attached: number }[]>`
    select organization_id, section_id, count(*)::int as attached from register_entries group by 1, 2 order by 1, 2 nulls first`
  expect(kept).toEqual(counted)
  const active = await sql<{ n: number }[]>`select count(*)::int as n from attachments where status = 'active'`
  const entries = await sql<{ n: number }[]>`select count(*)::int as n from register_entries`
  expect(entries[0]!.n).toBe(active[0]!.n)
}

const sectionLoad = async (sectionId: number) =>
  (await listClinicChoices(db)).flatMap((choice) => choice.sections).find((section) => section.id === sectionId)?.attached

beforeAll(async () => {
  ;({ db, sql } = await freshDb({ max: 8 }))
  clinic = await makeClinic(db, 'Register clinic')
  other = await makeClinic(db, 'Other clinic')
})

describe('register entries follow attachments (migration 0014)', () => {
  it('an attachment in force enters the register; ending it, moving section or renaming the person follows', async () => {
    const [s1, s2] = clinic.sectionIds as [number, number]
    const before = await sectionLoad(s1)
    const person = await makePatient(db, {
      lastName: 'Серікова',
      attachTo: { organizationId: clinic.organizationId, sectionId: s1 },
    })
    expect(await sectionLoad(s1)).toBe(before! + 1)
    const [entry] = await sql`select organization_id, section_id, last_name from register_entries where patient_id = ${person.id}`
    expect(entry).toEqual({ organization_id: String(clinic.organizationId), section_id: String(s1), last_name: 'Серікова' })

    await db.update(attachments).set({ sectionId: s2 }).where(eq(attachments.patientId, person.id))
    expect(await sectionLoad(s1)).toBe(before)
    await db.update(patients).set({ lastName: 'Серікбаева' }).where(eq(patients.id, person.id))
    const found = answered(await searchPatients(db, clinic.staff.registrar, parseSearchQuery('серікб'), listView()))
    expect(found.map((row) => [row.id, row.name, row.sectionNumber])).toEqual([[person.id, 'Серікбаева Айгүл', '2']])

    // Ended (a change of clinic): out of this clinic's register and counts, into the other's.
    await db.update(attachments).set({ status: 'ended', validTo: '2026-11-30' }).where(eq(attachments.patientId, person.id))
    await db.insert(attachments).values({
      patientId: person.id,
      organizationId: other.organizationId,
      sectionId: other.sectionIds[0]!,
      basis: 'free_choice',
      status: 'active',
      validFrom: '2026-12-01',
    })
    expect(answered(await searchPatients(db, clinic.staff.registrar, parseSearchQuery('серікб'), listView()))).toEqual([])
    expect(answered(await searchPatients(db, other.staff.registrar, parseSearchQuery('серікб'), listView()))).toHaveLength(1)
    await countsAgree()
  })

  it('a scheduled attachment enters the register the day it takes effect, not before', async () => {
    const person = await makePatient(db, { lastName: 'Жоспарова' })
    await db.insert(attachments).values({
      patientId: person.id,
      organizationId: clinic.organizationId,
      sectionId: clinic.sectionIds[0]!,
      basis: 'campaign',
      status: 'scheduled',
      validFrom: '2027-01-01',
    })
    const search = async () =>
      answered(await searchPatients(db, clinic.staff.registrar, parseSearchQuery(person.iin), listView())).length
    expect(await search()).toBe(0)
    await db.update(attachments).set({ status: 'active' }).where(eq(attachments.patientId, person.id))
    expect(await search()).toBe(1)
    await countsAgree()
  })

  it('counts stay exact when registrars of two sections attach and move people at the same moment', async () => {
    const [s1, s2] = clinic.sectionIds as [number, number]
    const people = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        makePatient(db, {
          lastName: `Қатар${i}`,
          attachTo: { organizationId: clinic.organizationId, sectionId: i % 2 ? s1 : s2 },
        }),
      ),
    )
    // Eight connections, each moving two people across the two sections in opposite orders, in one transaction each.
    const connections = await Promise.all(Array.from({ length: 8 }, () => freshConnection()))
    await Promise.all(
      connections.map((connection, i) =>
        connection.begin(async (tx) => {
          const [a, b] = [people[2 * i]!, people[2 * i + 1]!]
          await tx`update attachments set section_id = case section_id when ${s1} then ${s2}::bigint else ${s1}::bigint end where patient_id = ${a.id}`
          await tx`update attachments set section_id = case section_id when ${s1} then ${s2}::bigint else ${s1}::bigint end where patient_id = ${b.id}`
        }),
      ),
    )
    await countsAgree()
  })
})

// Another session on the same database (a second registrar's request), closed after the file.
const sessions: postgres.Sql[] = []
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.end()))
})
async function freshConnection(): Promise<postgres.Sql> {
  const url = new URL(inject('adminUrl'))
  url.pathname = `/${sql.options.database}`
  const session = postgres(url.toString(), { max: 1, onnotice: () => {} })
  sessions.push(session)
  return session
}

describe('the register: Kazakh alphabetical order, a page at a time by keyset (Rules p.13-14)', () => {
  let clinicK: TestClinic
  const surnames = ['Іскакова', 'Абенова', 'Әлиева', 'Ұзақова', 'Уалиева', 'Қасымова', 'Кенжебаева', 'Ғалымова', 'Гүлова']
  // Kazakh order: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ … У Ұ Ү … І …
  const kazakhOrder = ['Абенова', 'Әлиева', 'Гүлова', 'Ғалымова', 'Кенжебаева', 'Қасымова', 'Уалиева', 'Ұзақова', 'Іскакова']

  beforeAll(async () => {
    clinicK = await makeClinic(db, 'Keyset clinic')
    for (const lastName of surnames) {
      await makePatient(db, { lastName, attachTo: { organizationId: clinicK.organizationId, sectionId: clinicK.sectionIds[0] } })
    }
  })

  it('walks forward and back in pages of four, each person once, with the total from the kept counts', async () => {
    const registrar = clinicK.staff.registrar
    const page1 = answered(await listRegister(db, registrar, {}, { limit: 4 }, listView()))
    expect(page1).toMatchObject({ total: 9, hasPrevious: false, hasNext: true })
    const page2 = answered(await listRegister(db, registrar, {}, { after: page1.rows.at(-1)!.patientId, limit: 4 }, listView()))
    expect(page2).toMatchObject({ hasPrevious: true, hasNext: true })
    const page3 = answered(await listRegister(db, registrar, {}, { after: page2.rows.at(-1)!.patientId, limit: 4 }, listView()))
    expect(page3).toMatchObject({ hasPrevious: true, hasNext: false })
    expect([...page1.rows, ...page2.rows, ...page3.rows].map((row) => row.lastName)).toEqual(kazakhOrder)
    const back = answered(await listRegister(db, registrar, {}, { before: page3.rows[0]!.patientId, limit: 4 }, listView()))
    expect(back.rows.map((row) => row.lastName)).toEqual(page2.rows.map((row) => row.lastName))
    const start = answered(await listRegister(db, registrar, {}, { before: back.rows[0]!.patientId, limit: 4 }, listView()))
    expect(start).toMatchObject({ hasPrevious: false, hasNext: true })
    expect(start.rows.map((row) => row.lastName)).toEqual(kazakhOrder.slice(0, 4))
  })

  it('a doctor’s section list pages the same way', async () => {
    const doctor = clinicK.staff.doctor
    const section = clinicK.sectionIds[0]!
    const first = await listSectionPatients(db, doctor, section, listView(), { limit: 5 })
    const rest = await listSectionPatients(db, doctor, section, listView(), { after: first.at(-1)!.id, limit: 5 })
    expect([...first, ...rest].map((row) => row.name.split(' ')[0])).toEqual(kazakhOrder)
    // Someone of another section as the cursor: the first page.
    const stranger = await makePatient(db, {
      attachTo: { organizationId: clinicK.organizationId, sectionId: clinicK.sectionIds[1] },
    })
    expect(await listSectionPatients(db, doctor, section, listView(), { after: stranger.id, limit: 5 })).toEqual(first)
  })

  it('a cursor of another clinic’s person, or of nobody, gives the first page', async () => {
    const stranger = await makePatient(db, { attachTo: { organizationId: other.organizationId } })
    for (const after of [stranger.id, 999_999_999]) {
      const page = answered(await listRegister(db, clinicK.staff.registrar, {}, { after, limit: 4 }, listView()))
      expect(page.rows.map((row) => row.lastName)).toEqual(kazakhOrder.slice(0, 4))
    }
  })

  it('an attachment past its last day is left out of the rows and of the total before the nightly job ends it', async () => {
    const on = async (today: string) =>
      answered(await listRegister(db, clinicK.staff.registrar, { today }, { limit: 50 }, listView()))
    const before = (await on('2026-12-06')).total
    const lapsing = await makePatient(db, { lastName: 'Аяқталова', attachTo: { organizationId: clinicK.organizationId } })
    await db.update(attachments).set({ validTo: '2026-12-06' }).where(eq(attachments.patientId, lapsing.id))
    expect((await on('2026-12-06')).total).toBe(before + 1)
    const after = await on('2026-12-07')
    expect(after.total).toBe(before)
    expect(after.rows.map((row) => row.patientId)).not.toContain(lapsing.id)
  })
})

describe('patient search by name: the clinic’s people, ranked, bounded', () => {
  let clinicS: TestClinic
  const names: [string, string, string | null][] = [
    ['Нұрланов', 'Ерлан', 'Асқарұлы'],
    ['Нұрбекова', 'Айгерім', null],
    ['Нурланова', 'Мария', 'Ивановна'],
    ['Ахметов', 'Нұрсұлтан', 'Нұрланұлы'],
    ['Сейітов', 'Дәурен', 'Нұрболұлы'],
    ['нұрова', 'Әсел', null],
  ]

  beforeAll(async () => {
    clinicS = await makeClinic(db, 'Search clinic')
    for (const [lastName, firstName, middleName] of names) {
      const person = await makePatient(db, { lastName, firstName, attachTo: { organizationId: clinicS.organizationId } })
      if (middleName) await db.update(patients).set({ middleName }).where(eq(patients.id, person.id))
    }
    // The same names in another clinic: never found from this one.
    await makePatient(db, { lastName: 'Нұрланов', firstName: 'Бөгде', attachTo: { organizationId: other.organizationId } })
  })

  const search = async (text: string) =>
    answered(await searchPatients(db, clinicS.staff.registrar, parseSearchQuery(text), listView())).map((row) => row.name)

  it('surname matches first, then first name, then patronymic, each in alphabetical order; case does not count', async () => {
    expect(await search('НҰР')).toEqual([
      'Нұрбекова Айгерім',
      'Нұрланов Ерлан Асқарұлы',
      'Нурланова Мария Ивановна',
      'нұрова Әсел',
      'Ахметов Нұрсұлтан Нұрланұлы',
      'Сейітов Дәурен Нұрболұлы',
    ])
  })

  it('issue 15: a Russian keyboard finds the Kazakh letters and back: «Нур» is «Нұр», «ас» is «Әс»', async () => {
    expect(await search('нур')).toEqual(await search('НҰР'))
    expect(await search('әс')).toEqual(['нұрова Әсел', 'Нұрланов Ерлан Асқарұлы'])
    expect(await search('ас')).toEqual(['нұрова Әсел', 'Нұрланов Ерлан Асқарұлы'])
  })

  it('every word typed must start one of the names, in any order', async () => {
    expect(await search('ерлан нұрл')).toEqual(['Нұрланов Ерлан Асқарұлы'])
    expect(await search('нұрл ерлан')).toEqual(['Нұрланов Ерлан Асқарұлы'])
    expect(await search('нұрл мария')).toEqual(['Нурланова Мария Ивановна'])
    expect(await search('нұрл айгерим')).toEqual([])
  })

  it('stops at the limit however many share the prefix, the best ranked kept', async () => {
    const rows = answered(await searchPatients(db, clinicS.staff.registrar, parseSearchQuery('нұр'), listView(), { limit: 2 }))
    expect(rows.map((row) => row.name)).toEqual(['Нұрбекова Айгерім', 'Нұрланов Ерлан Асқарұлы'])
  })

  it('a search that runs past its statement budget asks to refine it, writes its audit row, and leaves the pool usable', async () => {
    // Another session holds the register's table: the search waits on it past its budget of 200 ms.
    const holder = await freshConnection()
    const locked = holder.begin(async (tx) => {
      await tx`lock table register_entries in access exclusive mode`
      const outcome = await searchPatients(db, clinicS.staff.registrar, parseSearchQuery('нұр'), listView(), {
        budget: { ms: 200 },
      })
      expect(outcome).toEqual({ state: 'refine' })
      const page = await listRegister(
        db,
        clinicS.staff.registrar,
        { query: parseSearchQuery('нұр') },
        { limit: 10 },
        listView(),
        { budget: { ms: 200 } },
      )
      expect(page).toEqual({ state: 'refine' })
    })
    await locked
    const [audit] = await sql<{ details: { filter: { q: string }; count: number } }[]>`
      select details from audit_log where action = 'patientSearch.view' and actor_id = ${clinicS.staff.registrar.id}
      order by id desc limit 1`
    expect(audit!.details).toMatchObject({ filter: { q: 'нұр' }, count: 0 })
    expect(await search('нұрб')).toEqual(['Нұрбекова Айгерім', 'Сейітов Дәурен Нұрболұлы'])
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import type postgres from 'postgres'
import type { Database } from '@/db/client'
import { messagesFor } from '@/lib/i18n/messages'
import { listRegister, registerCsv } from '@/lib/services/attachment/register/queries'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { freshDb } from './db'
import { answered, listView, makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let sql: postgres.Sql
let clinicA: TestClinic
let clinicB: TestClinic
const labels = {
  header: ['ИИН', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Участок', 'С', 'Основание'],
  basis: messagesFor('ru').patient.attachment.bases,
}

beforeAll(async () => {
  ;({ db, sql } = await freshDb())
  clinicA = await makeClinic(db, 'Clinic A')
  clinicB = await makeClinic(db, 'Clinic B')
  await makePatient(db, {
    lastName: 'Әбенова',
    attachTo: { organizationId: clinicA.organizationId, sectionId: clinicA.sectionIds[0] },
  })
  await makePatient(db, {
    lastName: 'Ли "Виктор"; мл.',
    attachTo: { organizationId: clinicA.organizationId, sectionId: clinicA.sectionIds[1] },
  })
  await makePatient(db, {
    lastName: 'Бекова',
    attachTo: { organizationId: clinicB.organizationId, sectionId: clinicB.sectionIds[0] },
  })
})

async function csvOf(sectionId: number | null, clinic = clinicA) {
  let text = ''
  for await (const chunk of registerCsv(sql, clinic.staff.registrar, sectionId, labels)) text += chunk
  return text
}

describe('register of attached population (Rules p.13-14)', () => {
  it('lists the clinic’s attached people only, by section and by name', async () => {
    const all = answered(await listRegister(db, clinicA.staff.registrar, {}, { limit: 100 }, listView()))
    expect(all.total).toBe(2)
    expect(all.rows.map((row) => row.lastName)).toEqual(['Әбенова', 'Ли "Виктор"; мл.'])
    const bySection = answered(
      await listRegister(db, clinicA.staff.registrar, { sectionId: clinicA.sectionIds[1] }, { limit: 100 }, listView()),
    )
    expect(bySection.rows.map((row) => row.lastName)).toEqual(['Ли "Виктор"; мл.'])
    const byName = answered(
      await listRegister(db, clinicA.staff.registrar, { query: parseSearchQuery('бек') }, { limit: 100 }, listView()),
    )
    expect(byName.total).toBe(0)
  })

  it('exports CSV with a header, quoted fields and the basis in words, scoped to the clinic', async () => {
    const lines = (await csvOf(null)).trimEnd().split('\r\n')
    expect(lines[0]).toBe('"ИИН";"Фамилия";"Имя";"Отчество";"Дата рождения";"Участок";"С";"Основание"')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain('"Әбенова";"Айгүл";"";"12.04.1985";"1";"10.01.2025";"Смена места жительства"')
    expect(lines[2]).toContain('"Ли ""Виктор""; мл."')
    expect(await csvOf(null, clinicB)).toContain('Бекова')
    expect(await csvOf(null)).not.toContain('Бекова')
    expect((await csvOf(clinicA.sectionIds[0]!)).trimEnd().split('\r\n')).toHaveLength(2)
  })
})

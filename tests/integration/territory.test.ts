import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { administrativeUnits, borderTerritories, organizations, patients } from '@/db/schema'
import { freshDb } from './db'
import { makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let aktauClinic: TestClinic
// Monday 23 November 2026, 11:00 in Almaty.
const context = { now: new Date('2026-11-23T06:00:00Z'), address: null, overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  await db.insert(administrativeUnits).values([
    { code: 'mangystau', kind: 'region', nameKk: 'Маңғыстау облысы', nameRu: 'Мангистауская область' },
    { code: 'aktau', parentCode: 'mangystau', kind: 'city', nameKk: 'Ақтау қаласы', nameRu: 'город Актау' },
    { code: 'zhanaozen', parentCode: 'mangystau', kind: 'city', nameKk: 'Жаңаөзен қаласы', nameRu: 'город Жанаозен' },
    { code: 'munaily', parentCode: 'mangystau', kind: 'district', nameKk: 'Мұнайлы ауданы', nameRu: 'Мунайлинский район' },
  ])
  await db.insert(borderTerritories).values({ unitCode: 'munaily', neighbourCode: 'aktau' })
  aktauClinic = await makeClinic(db, 'Aktau clinic')
  await db.update(organizations).set({ administrativeUnit: 'aktau' }).where(eq(organizations.id, aktauClinic.organizationId))
})

async function residentOf(unit: string) {
  const person = await makePatient(db)
  await db.update(patients).set({ residenceUnit: unit }).where(eq(patients.id, person.id))
  return person
}

describe('Rules of attachment p.17, p.31(2): attachment within the administrative-territorial unit of residence', () => {
  it('p.31(2): a resident of Zhanaozen cannot freely choose an Aktau clinic; the reason is at the clinic field', async () => {
    const person = await residentOf('zhanaozen')
    expect(await submitAttachment(db, person.actor, { clinic: aktauClinic, basis: 'free_choice' }, context)).toEqual({
      ok: false,
      code: 'errors.attachment.outsideTerritory',
      fieldErrors: { clinicId: 'errors.attachment.outsideTerritory' },
    })
    expect((await submitAttachment(db, person.actor, { clinic: aktauClinic, basis: 'campaign' }, context)).ok).toBe(false)
  })

  it('p.31(2): a resident of Aktau chooses an Aktau clinic freely', async () => {
    const person = await residentOf('aktau')
    expect((await submitAttachment(db, person.actor, { clinic: aktauClinic, basis: 'free_choice' }, context)).ok).toBe(true)
  })

  it('p.17: a resident of the border territory of Munaily district may choose a clinic of neighbouring Aktau', async () => {
    const person = await residentOf('munaily')
    expect((await submitAttachment(db, person.actor, { clinic: aktauClinic, basis: 'free_choice' }, context)).ok).toBe(true)
  })

  it('p.31(1): someone moving from Zhanaozen to Aktau attaches on the residence-change basis', async () => {
    const person = await residentOf('zhanaozen')
    expect((await submitAttachment(db, person.actor, { clinic: aktauClinic, basis: 'residence_change' }, context)).ok).toBe(true)
  })
})

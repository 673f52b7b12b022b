import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, calendarOverrides, requests } from '@/db/schema'
import { removeCalendarOverride, saveCalendarOverride } from '@/lib/calendar-admin/overrides'
import { forgetCalendarOverrides, loadCalendarOverrides } from '@/lib/requests/context'
import { freshDb } from './db'
import { makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
const tuesdayMorning = new Date('2026-11-24T05:00:00Z')

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db)
  forgetCalendarOverrides()
})

describe('reading 1: the government’s transfers of days off are data an administrator adds (Labour Code art. 85(3))', () => {
  it('a chief physician makes a Tuesday a day off, and a portal request that morning is due on Wednesday', async () => {
    const saved = await saveCalendarOverride(
      db,
      clinic.staff.chief,
      { day: '2026-11-24', kind: 'day_off', note: 'Постановление №1' },
      null,
    )
    expect(saved.ok).toBe(true)
    forgetCalendarOverrides()
    const overrides = await loadCalendarOverrides(db, tuesdayMorning)
    expect(overrides).toEqual([{ day: '2026-11-24', kind: 'day_off', note: 'Постановление №1' }])
    const patient = await makePatient(db)
    const result = await submitAttachment(
      db,
      patient.actor,
      { clinic, basis: 'free_choice' },
      { now: tuesdayMorning, address: null, overrides },
    )
    if (!result.ok) throw new Error(result.code)
    const [row] = await db.select({ dueAt: requests.dueAt }).from(requests).where(eq(requests.id, result.data.requestId))
    expect(row!.dueAt).toEqual(new Date('2026-11-25T15:00:00Z'))
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calendar.save'), eq(auditLog.entityId, '2026-11-24')))
    expect(audit).toMatchObject({ actorId: clinic.staff.chief.id, details: { kind: 'day_off', before: null } })
  })

  it('only a chief physician may change the calendar', async () => {
    expect(
      await saveCalendarOverride(db, clinic.staff.registrar, { day: '2026-12-26', kind: 'working_day', note: 'x x x' }, null),
    ).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(await db.select().from(calendarOverrides).where(eq(calendarOverrides.day, '2026-12-26'))).toEqual([])
  })

  it('removing a transfer is audited with what it was', async () => {
    await saveCalendarOverride(db, clinic.staff.chief, { day: '2026-12-26', kind: 'working_day', note: 'Постановление №2' }, null)
    expect((await removeCalendarOverride(db, clinic.staff.chief, '2026-12-26', null)).ok).toBe(true)
    expect(await db.select().from(calendarOverrides).where(eq(calendarOverrides.day, '2026-12-26'))).toEqual([])
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'calendar.remove'))
    expect(audit!.details).toEqual({ before: { kind: 'working_day', note: 'Постановление №2' } })
  })
})

import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, calendarOverrides, requests } from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { removeCalendarOverride, saveCalendarOverride } from '@/lib/calendar-admin/overrides'
import { listCalendarOverrides } from '@/lib/calendar-admin/queries'
import { forgetCalendarOverrides, loadCalendarOverrides } from '@/lib/requests/context'
import { freshDb } from './db'
import { makeClinic, makePatient, makeRegionAdmin, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let admin: StaffActor
const tuesdayMorning = new Date('2026-11-24T05:00:00Z')

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db)
  admin = await makeRegionAdmin(db)
  forgetCalendarOverrides()
})

const rowsOf = (day: string) => db.select().from(calendarOverrides).where(eq(calendarOverrides.day, day))
const auditsOf = (day: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'calendar_override'), eq(auditLog.entityId, day)))

describe('reading 1: the government’s transfers of days off are data an administrator adds (Labour Code art. 85(3))', () => {
  it('the region’s administrator makes a Tuesday a day off, and a portal request that morning is due on Wednesday', async () => {
    const saved = await saveCalendarOverride(db, admin, { day: '2026-11-24', kind: 'day_off', note: 'Постановление №1' }, null)
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
    const [audit] = await auditsOf('2026-11-24')
    expect(audit).toMatchObject({ action: 'calendar.save', actorId: admin.id, details: { kind: 'day_off', before: null } })
  })

  it('removing a transfer is audited with what it was', async () => {
    await saveCalendarOverride(db, admin, { day: '2026-12-26', kind: 'working_day', note: 'Постановление №2' }, null)
    expect((await removeCalendarOverride(db, admin, '2026-12-26', null)).ok).toBe(true)
    expect(await rowsOf('2026-12-26')).toEqual([])
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'calendar.remove'))
    expect(audit!.details).toEqual({ before: { kind: 'working_day', note: 'Постановление №2' } })
  })
})

describe('issue 15, point 2: the calendar is national; the region’s administrator changes it, no clinic’s chief', () => {
  it.each(['chief', 'head', 'registrar', 'doctor'] as const)(
    'a clinic’s %s may not add a transfer; nothing is written',
    async (role) => {
      const refused = await saveCalendarOverride(
        db,
        clinic.staff[role],
        { day: '2026-12-19', kind: 'working_day', note: 'Постановление №3' },
        null,
      )
      expect(refused).toEqual({ ok: false, code: 'errors.request.notAllowed' })
      expect(await rowsOf('2026-12-19')).toEqual([])
      expect(await auditsOf('2026-12-19')).toEqual([])
    },
  )

  it('a clinic’s chief may not remove a transfer; it stays', async () => {
    await saveCalendarOverride(db, admin, { day: '2026-12-05', kind: 'working_day', note: 'Постановление №4' }, null)
    expect(await removeCalendarOverride(db, clinic.staff.chief, '2026-12-05', null)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(await rowsOf('2026-12-05')).toHaveLength(1)
  })

  it('a clinic’s chief still sees every transfer; a registrar sees none', async () => {
    expect((await listCalendarOverrides(db, clinic.staff.chief)).map((row) => row.day)).toContain('2026-12-05')
    expect(await listCalendarOverrides(db, clinic.staff.registrar)).toEqual([])
  })
})

describe('issue 15, point 2: a transfer is refused beside its day when it cannot be taken, and nothing is written', () => {
  it('a second entry for a day already transferred is refused; the first and its legal basis stay', async () => {
    await saveCalendarOverride(db, admin, { day: '2026-11-27', kind: 'day_off', note: 'Постановление №5 от 1.11.2026' }, null)
    const second = await saveCalendarOverride(db, admin, { day: '2026-11-27', kind: 'day_off', note: 'Другое основание' }, null)
    expect(second).toEqual({ ok: false, code: 'errors.invalidInput', fieldErrors: { day: 'errors.calendar.dayTaken' } })
    expect(await rowsOf('2026-11-27')).toMatchObject([{ kind: 'day_off', note: 'Постановление №5 от 1.11.2026' }])
    expect(await auditsOf('2026-11-27')).toHaveLength(1)
  })

  it.each([
    { label: 'a day in 2099 (past the holiday data)', day: '2099-03-10', kind: 'day_off', code: 'errors.calendar.outOfYears' },
    {
      label: 'a day in 2022 (before the law’s list)',
      day: '2022-03-10',
      kind: 'working_day',
      code: 'errors.calendar.outOfYears',
    },
    { label: 'a Saturday made a day off', day: '2026-12-12', kind: 'day_off', code: 'errors.calendar.weekendDayOff' },
    { label: 'a Sunday made a day off', day: '2026-12-13', kind: 'day_off', code: 'errors.calendar.weekendDayOff' },
    { label: 'Independence Day made a day off', day: '2026-12-16', kind: 'day_off', code: 'errors.calendar.holidayDayOff' },
    { label: 'a Tuesday made a working day', day: '2026-12-15', kind: 'working_day', code: 'errors.calendar.alreadyWorkingDay' },
  ] as const)('$label is refused with $code', async ({ day, kind, code }) => {
    const refused = await saveCalendarOverride(db, admin, { day, kind, note: 'Постановление №6' }, null)
    expect(refused).toEqual({ ok: false, code: 'errors.invalidInput', fieldErrors: { day: code } })
    expect(await rowsOf(day)).toEqual([])
    expect(await auditsOf(day)).toEqual([])
  })

  it('a Saturday made a working day is taken (a transferred working Saturday)', async () => {
    expect(
      (await saveCalendarOverride(db, admin, { day: '2026-12-12', kind: 'working_day', note: 'Постановление №7' }, null)).ok,
    ).toBe(true)
  })

  it('an entry stored outside the calendar’s years before the check is listed and can be removed', async () => {
    await db.insert(calendarOverrides).values({ day: '2099-03-10', kind: 'day_off', note: 'old row', createdBy: admin.id })
    expect((await listCalendarOverrides(db, admin)).map((row) => row.day)).toContain('2099-03-10')
    expect((await removeCalendarOverride(db, admin, '2099-03-10', null)).ok).toBe(true)
    expect(await rowsOf('2099-03-10')).toEqual([])
  })
})

import Holidays from 'date-holidays'
import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  CALENDAR_YEARS,
  FIRST_CALENDAR_YEAR,
  holidaysOf,
  isInCalendarYears,
  isWorkingDay,
  LAST_CALENDAR_YEAR,
  overrideRefusal,
} from '@/lib/calendar'
import { calendarYearsDay } from '@/lib/calendar/day-schema'
import { calendarOverrideSchema } from '@/lib/calendar/override-schema'
import { protocolDue } from '@/lib/services/attachment/rules/protocols'

describe('issue 15, point 1: the calendar’s years are defined once, by the data it has', () => {
  it('the years run from the law’s list (2023) to a year before the holiday library’s last Kurban ait', () => {
    const library = new Holidays('KZ')
    const kurbanAit = (year: number) => library.getHolidays(year).some((holiday) => holiday.rule === '10 Dhu al-Hijjah')
    expect(CALENDAR_YEARS).toEqual({ first: FIRST_CALENDAR_YEAR, last: LAST_CALENDAR_YEAR })
    expect(kurbanAit(LAST_CALENDAR_YEAR + 1)).toBe(true)
    expect(kurbanAit(LAST_CALENDAR_YEAR + 2)).toBe(false)
  })

  it('a deadline counted from the last day of the last year finds its working days', () => {
    expect(addWorkingDays(`${LAST_CALENDAR_YEAR}-12-31`, 20)).toMatch(new RegExp(`^${LAST_CALENDAR_YEAR + 1}-01-`))
    expect(protocolDue(`${LAST_CALENDAR_YEAR}-12-31`)).toBeInstanceOf(Date)
  })

  it.each([
    { day: '2023-01-01', inside: true },
    { day: `${LAST_CALENDAR_YEAR}-12-31`, inside: true },
    { day: '2022-12-31', inside: false },
    { day: `${LAST_CALENDAR_YEAR + 1}-01-01`, inside: false },
    { day: '2099-03-10', inside: false },
    { day: '2026-02-30', inside: false },
    { day: 'not a day', inside: false },
  ])('$day inside the years: $inside', ({ day, inside }) => expect(isInCalendarYears(day)).toBe(inside))

  it('outside the data the calendar refuses with a RangeError rather than a guess', () => {
    expect(() => isWorkingDay('2099-03-10')).toThrow(RangeError)
    expect(() => holidaysOf(2099)).toThrow(RangeError)
  })

  it.each([
    { value: '2026-03-10', message: null },
    { value: '2099-03-10', message: 'errors.calendar.outOfYears' },
    { value: '2019-03-10', message: 'errors.calendar.outOfYears' },
    { value: '2026-02-30', message: 'errors.protocol.receivedOnRequired' },
    { value: '', message: 'errors.protocol.receivedOnRequired' },
  ])('a day field that feeds the calendar: $value → $message', ({ value, message }) => {
    const parsed = calendarYearsDay('errors.protocol.receivedOnRequired').safeParse(value)
    expect(parsed.success ? null : parsed.error.issues[0]!.message).toBe(message)
  })
})

describe('issue 15, point 2: a transfer changes what the law says of its day (Labour Code art. 85(3), reading 1)', () => {
  it.each([
    { label: 'a Saturday made a working day', day: '2026-12-12', kind: 'working_day', refusal: null },
    { label: 'a Sunday made a working day', day: '2026-12-13', kind: 'working_day', refusal: null },
    { label: 'a holiday made a working day', day: '2026-12-16', kind: 'working_day', refusal: null },
    {
      label: 'a moved day off (Nauryz, 25 March 2026) made a working day',
      day: '2026-03-25',
      kind: 'working_day',
      refusal: null,
    },
    { label: 'a Friday made a day off', day: '2026-12-18', kind: 'day_off', refusal: null },
    { label: 'a Saturday made a day off', day: '2026-12-12', kind: 'day_off', refusal: 'errors.calendar.weekendDayOff' },
    { label: 'a Sunday made a day off', day: '2026-12-13', kind: 'day_off', refusal: 'errors.calendar.weekendDayOff' },
    { label: 'a Saturday holiday made a day off', day: '2026-03-21', kind: 'day_off', refusal: 'errors.calendar.weekendDayOff' },
    { label: 'Independence Day made a day off', day: '2026-12-16', kind: 'day_off', refusal: 'errors.calendar.holidayDayOff' },
    {
      label: 'a Tuesday made a working day',
      day: '2026-12-15',
      kind: 'working_day',
      refusal: 'errors.calendar.alreadyWorkingDay',
    },
    { label: 'a day in 2099', day: '2099-12-15', kind: 'day_off', refusal: 'errors.calendar.outOfYears' },
  ] as const)('$label → $refusal', ({ day, kind, refusal }) => {
    expect(overrideRefusal({ day, kind })).toBe(refusal)
    const parsed = calendarOverrideSchema.safeParse({ day, kind, note: 'Постановление №1' })
    expect(parsed.success ? null : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual(
      refusal ? [['day', refusal]] : null,
    )
  })
})

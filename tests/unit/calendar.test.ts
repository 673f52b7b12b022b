import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  acceptedOn,
  addWorkingDays,
  almatyDay,
  almatyInstant,
  almatyTime,
  type CalendarOptions,
  dueAt,
  holidaysOf,
  isWorkingDay,
  nextWorkingDay,
  serviceDeadline,
  workingTimeLeft,
} from '../../lib/calendar'

// Instants are written in UTC; Almaty is UTC+5 from 1 March 2024, so 20:00 Almaty = 15:00Z.
const utc = (iso: string): Date => new Date(iso)
const iso = (instant: Date): string => instant.toISOString()

const weekdayDaysOff = (year: number): string[] => holidaysOf(year).map((entry) => entry.day)

describe('time zone Asia/Almaty (reading 1: UTC+5 since 1 March 2024)', () => {
  it('the runtime tz data knows the 2024 change: 12:00Z is 17:00 on 1 June 2024 and 18:00 on 15 January 2024', () => {
    expect(almatyTime(utc('2024-06-01T12:00:00Z'))).toBe('17:00')
    expect(almatyTime(utc('2024-01-15T12:00:00Z'))).toBe('18:00')
  })

  it('almatyDay turns at Almaty midnight, not UTC midnight', () => {
    expect(almatyDay(utc('2026-11-24T18:59:59Z'))).toBe('2026-11-24')
    expect(almatyDay(utc('2026-11-24T19:00:00Z'))).toBe('2026-11-25')
  })

  it('almatyInstant is the UTC instant of an Almaty wall time, on either side of the 2024 change', () => {
    expect(iso(almatyInstant('2026-11-24', '20:00'))).toBe('2026-11-24T15:00:00.000Z')
    expect(iso(almatyInstant('2024-01-15', '18:00'))).toBe('2024-01-15T12:00:00.000Z')
    expect(iso(almatyInstant('2024-03-01', '12:00'))).toBe('2024-03-01T07:00:00.000Z')
    expect(iso(almatyInstant('2026-01-01', '00:00'))).toBe('2025-12-31T19:00:00.000Z')
  })

  it('reading 3: an instant in UTC either side of 20:00 Almaty — 14:59:59Z is accepted that day, 15:00:00Z the next', () => {
    expect(acceptedOn(utc('2026-11-24T14:59:59Z'), 'portal')).toBe('2026-11-24')
    expect(acceptedOn(utc('2026-11-24T15:00:00Z'), 'portal')).toBe('2026-11-25')
  })

  describe('with another process time zone', () => {
    const original = process.env.TZ
    afterEach(() => {
      if (original === undefined) delete process.env.TZ
      else process.env.TZ = original
    })

    it('gives the same answers: the process local time zone is never used', () => {
      const run = () => ({
        day: almatyDay(utc('2026-11-24T19:30:00Z')),
        time: almatyTime(utc('2026-11-24T19:30:00Z')),
        instant: iso(almatyInstant('2026-03-20', '20:00')),
        accepted: acceptedOn(utc('2026-11-28T07:30:00Z'), 'desk'),
        due: iso(dueAt(utc('2026-03-20T14:00:00Z'), { workingDays: 1 }, 'portal')),
      })
      process.env.TZ = 'UTC'
      const inUtc = run()
      const utcOffset = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()
      process.env.TZ = 'America/Los_Angeles'
      // Proves the switch took effect in this process; otherwise the comparison below would prove nothing.
      expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).not.toBe(utcOffset)
      expect(run()).toEqual(inUtc)
    })
  })
})

describe('working days (reading 1; Law "On holidays" art. 5; Labour Code art. 84(5))', () => {
  it('reading 1: the weekday days off of 2026 are exactly the official list', () => {
    expect(weekdayDaysOff(2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-07',
      '2026-03-09',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-05-01',
      '2026-05-07',
      '2026-05-11',
      '2026-05-27',
      '2026-07-06',
      '2026-10-26',
      '2026-12-16',
    ])
  })

  it('reading 1: Constitution Day gives no day off in 2026 (16 March and 31 August 2026 are working days)', () => {
    expect(isWorkingDay('2026-03-16')).toBe(true)
    expect(isWorkingDay('2026-08-31')).toBe(true)
  })

  it('reading 1: Nauryz 2026 (Sat 21, Sun 22, Mon 23 March) gives days off 23, 24, 25; Thursday 26 is a working day', () => {
    expect(['2026-03-20', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26'].map((day) => isWorkingDay(day))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ])
  })

  it('reading 1: 16 December 2026 (a Wednesday) is a holiday, not a working day', () => {
    expect(isWorkingDay('2026-12-15')).toBe(true)
    expect(isWorkingDay('2026-12-16')).toBe(false)
    expect(isWorkingDay('2026-12-17')).toBe(true)
  })

  it('Labour Code art. 84(5): 7 January 2023 (Saturday) and Kurban ait 16 June 2024 (Sunday) are not moved', () => {
    expect(weekdayDaysOff(2023)).not.toContain('2023-01-09')
    expect(isWorkingDay('2023-01-09')).toBe(true)
    expect(weekdayDaysOff(2024)).not.toContain('2024-06-17')
    expect(isWorkingDay('2024-06-17')).toBe(true)
  })

  it('Law "On holidays" art. 5: 2025 by the same rules (30 August still a holiday, moved to 1 September)', () => {
    expect(weekdayDaysOff(2025)).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-07',
      '2025-03-10',
      '2025-03-21',
      '2025-03-24',
      '2025-03-25',
      '2025-05-01',
      '2025-05-07',
      '2025-05-09',
      '2025-06-06',
      '2025-07-07',
      '2025-09-01',
      '2025-10-27',
      '2025-12-16',
    ])
  })

  it('Law "On holidays" art. 5: 2027 by the same rules (Constitution Day 15 March, a Monday; Nauryz 21 March, a Sunday, moves to 24)', () => {
    expect(weekdayDaysOff(2027)).toEqual([
      '2027-01-01',
      '2027-01-04',
      '2027-01-07',
      '2027-03-08',
      '2027-03-15',
      '2027-03-22',
      '2027-03-23',
      '2027-03-24',
      '2027-05-03',
      '2027-05-07',
      '2027-05-10',
      '2027-07-06',
      '2027-10-25',
      '2027-12-16',
    ])
    expect(isWorkingDay('2027-08-30')).toBe(true)
  })

  it('reading 1: Saturday (a reception day) and Sunday are not working days', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true)
    expect(isWorkingDay('2026-11-28')).toBe(false)
    expect(isWorkingDay('2026-11-29')).toBe(false)
    expect(nextWorkingDay('2026-11-27')).toBe('2026-11-30')
  })

  it('Labour Code art. 85(3): an override makes a Saturday a working day and a Monday a day off; the last one for a day wins', () => {
    const options: CalendarOptions = {
      overrides: [
        { day: '2026-11-28', kind: 'working_day', note: 'transfer by government decree' },
        { day: '2026-11-30', kind: 'day_off' },
        { day: '2026-12-01', kind: 'day_off' },
        { day: '2026-12-01', kind: 'working_day', note: 'decree corrected' },
      ],
    }
    expect(isWorkingDay('2026-11-28', options)).toBe(true)
    expect(isWorkingDay('2026-11-30', options)).toBe(false)
    expect(isWorkingDay('2026-12-01', options)).toBe(true)
    expect(addWorkingDays('2026-11-27', 1, options)).toBe('2026-11-28')
    expect(addWorkingDays('2026-11-27', 2, options)).toBe('2026-12-01')
    expect(acceptedOn(utc('2026-11-28T07:30:00Z'), 'desk', options)).toBe('2026-11-28')
  })

  it('holidaysOf names each day off in Kazakh and Russian, moved days included', () => {
    const list = holidaysOf(2026)
    expect(list.find((entry) => entry.day === '2026-12-16')).toEqual({
      day: '2026-12-16',
      nameKk: 'Тәуелсіздік күні',
      nameRu: 'День Независимости',
    })
    expect(list.find((entry) => entry.day === '2026-05-11')?.nameRu).toBe('День Победы (перенесённый выходной день)')
    expect(list.every((entry) => entry.nameKk.length > 0 && entry.nameRu.length > 0)).toBe(true)
  })

  it('refuses malformed days and years before the modelled law', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError)
    expect(() => isWorkingDay('26-11-24')).toThrow(RangeError)
    expect(() => isWorkingDay('2022-06-01')).toThrow(RangeError)
    expect(() => isWorkingDay('2026-11-24', { overrides: [{ day: '2026-11-4', kind: 'day_off' }] })).toThrow(RangeError)
  })
})

describe('acceptance (readings 2 and 3; 001 p.25, standard row 6)', () => {
  it('reading 3: a desk request at 17:59 on a working day is accepted that day', () => {
    expect(acceptedOn(utc('2026-11-24T12:59:00Z'), 'desk')).toBe('2026-11-24')
  })

  it('reading 3: a desk request at 18:01 (or 18:00) on a working day is accepted the next working day', () => {
    expect(acceptedOn(utc('2026-11-24T13:01:00Z'), 'desk')).toBe('2026-11-25')
    expect(acceptedOn(utc('2026-11-24T13:00:00Z'), 'desk')).toBe('2026-11-25')
    expect(acceptedOn(utc('2026-11-27T13:01:00Z'), 'desk')).toBe('2026-11-30')
  })

  it('standard row 6(1), p.25: a desk application on Saturday before 12:00 is accepted that Saturday; its 1 working day ends on Monday', () => {
    const saturday = utc('2026-11-28T06:59:00Z') // 11:59 in Almaty
    expect(acceptedOn(saturday, 'desk')).toBe('2026-11-28')
    expect(dueAt(saturday, { workingDays: 1 }, 'desk')).toEqual(utc('2026-11-30T15:00:00Z'))
  })

  it('standard row 6(1), p.25: at 12:00 or later on Saturday it is accepted on Monday and due on Tuesday', () => {
    for (const at of ['2026-11-28T07:00:00Z', '2026-11-28T07:30:00Z']) {
      expect(acceptedOn(utc(at), 'desk')).toBe('2026-11-30')
      expect(dueAt(utc(at), { workingDays: 1 }, 'desk')).toEqual(utc('2026-12-01T15:00:00Z'))
    }
  })

  it('standard row 6(1): the Saturday desk is not the portal, not a holiday Saturday, and not a Saturday made a day off', () => {
    expect(acceptedOn(utc('2026-11-28T05:00:00Z'), 'portal')).toBe('2026-11-30')
    // 9 May 2026, Victory Day, is a Saturday; Monday 11 May is its moved day off.
    expect(acceptedOn(utc('2026-05-09T05:00:00Z'), 'desk')).toBe('2026-05-12')
    const overrides = [{ day: '2026-11-28', kind: 'day_off' as const }]
    expect(acceptedOn(utc('2026-11-28T05:00:00Z'), 'desk', { overrides })).toBe('2026-11-30')
    // A service without a Saturday desk.
    expect(acceptedOn(utc('2026-11-28T05:00:00Z'), 'desk', { saturdayDeskCutoff: null })).toBe('2026-11-30')
  })

  it('standard row 6(1), checklist row 26: what the desk enters on a Sunday or a holiday is kept and accepted the next working day', () => {
    expect(acceptedOn(utc('2026-11-29T05:00:00Z'), 'desk')).toBe('2026-11-30')
    // 16 December, Independence Day (a Wednesday in 2026).
    expect(acceptedOn(utc('2026-12-16T05:00:00Z'), 'desk')).toBe('2026-12-17')
  })

  it('reading 3: a portal request on a Sunday or a holiday is accepted the next working day', () => {
    expect(acceptedOn(utc('2026-11-29T05:00:00Z'), 'portal')).toBe('2026-11-30')
    expect(acceptedOn(utc('2026-12-16T05:00:00Z'), 'portal')).toBe('2026-12-17')
  })

  it('reading 3: a service whose standard sets no earlier cut-off takes desk requests until closing (deskCutoff 20:00)', () => {
    expect(acceptedOn(utc('2026-11-24T14:00:00Z'), 'desk', { deskCutoff: '20:00' })).toBe('2026-11-24')
    expect(acceptedOn(utc('2026-11-24T15:00:00Z'), 'desk', { deskCutoff: '20:00' })).toBe('2026-11-25')
  })
})

describe('deadlines (readings 2 and 4)', () => {
  it('reading 2: within N working days — the day of acceptance is not counted (Friday 19:30 portal request)', () => {
    const friday = utc('2026-11-27T14:30:00Z')
    expect(acceptedOn(friday, 'portal')).toBe('2026-11-27')
    expect(iso(dueAt(friday, { workingDays: 0 }, 'portal'))).toBe('2026-11-27T15:00:00.000Z')
    expect(iso(dueAt(friday, { workingDays: 1 }, 'portal'))).toBe('2026-11-30T15:00:00.000Z')
  })

  it('reading 2: on the eve of Nauryz 2026 (Friday 20 March, 19:00 portal), 1 working day is due Thursday 26 March 20:00', () => {
    expect(iso(dueAt(utc('2026-03-20T14:00:00Z'), { workingDays: 1 }, 'portal'))).toBe('2026-03-26T15:00:00.000Z')
  })

  it('reading 2: a portal request on 15 December 2026 at 19:59 with 1 working day is due 17 December 20:00 (16th is a holiday)', () => {
    expect(iso(dueAt(utc('2026-12-15T14:59:00Z'), { workingDays: 1 }, 'portal'))).toBe('2026-12-17T15:00:00.000Z')
  })

  it('reading 2: a desk request after the cut-off is accepted the next working day and counted from there', () => {
    expect(iso(dueAt(utc('2026-11-24T13:01:00Z'), { workingDays: 1 }, 'desk'))).toBe('2026-11-26T15:00:00.000Z')
  })

  it('reading 4: { minutes: 30 } on a Sunday night is 30 calendar minutes later, round the clock', () => {
    const sundayNight = utc('2026-11-29T18:50:00Z')
    expect(iso(dueAt(sundayNight, { minutes: 30 }, 'portal'))).toBe('2026-11-29T19:20:00.000Z')
    expect(iso(dueAt(sundayNight, { minutes: 30 }, 'desk'))).toBe('2026-11-29T19:20:00.000Z')
  })

  it('serviceDeadline gives the day of acceptance and the due instant for a limit the service supplies', () => {
    expect(serviceDeadline(utc('2026-11-24T13:01:00Z'), { workingDays: 1 }, 'desk')).toEqual({
      acceptedOn: '2026-11-25',
      dueAt: utc('2026-11-26T15:00:00Z'),
    })
    expect(serviceDeadline(utc('2026-11-29T18:50:00Z'), { minutes: 30 }, 'portal')).toEqual({
      acceptedOn: '2026-11-29',
      dueAt: utc('2026-11-29T19:20:00Z'),
    })
  })

  it('dueTime moves the clock time a working-day deadline falls due', () => {
    expect(iso(dueAt(utc('2026-11-24T05:00:00Z'), { workingDays: 1 }, 'portal', { dueTime: '18:00' }))).toBe(
      '2026-11-25T13:00:00.000Z',
    )
  })

  it('refuses limits that are not whole working days ≥ 0 or minutes ≥ 0, and invalid dates', () => {
    const at = utc('2026-11-24T05:00:00Z')
    expect(() => dueAt(at, { workingDays: -1 }, 'portal')).toThrow(RangeError)
    expect(() => dueAt(at, { workingDays: 1.5 }, 'portal')).toThrow(RangeError)
    expect(() => dueAt(at, { minutes: -5 }, 'portal')).toThrow(RangeError)
    expect(() => dueAt(utc('not a date'), { minutes: 5 }, 'portal')).toThrow(RangeError)
    expect(() => acceptedOn(at, 'desk', { deskCutoff: '6pm' })).toThrow(RangeError)
  })
})

describe('workingTimeLeft (08:00-20:00 on working days)', () => {
  it('across a weekend counts only Friday evening and Monday morning', () => {
    // Friday 27 November 2026 19:00 → Monday 30 November 09:30: 60 + 90 working minutes.
    expect(workingTimeLeft(utc('2026-11-27T14:00:00Z'), utc('2026-11-30T04:30:00Z'))).toEqual({ minutes: 150, overdue: false })
  })

  it('counts nothing outside working hours or on holidays', () => {
    // Tuesday 15 December 2026 21:00 → Thursday 17 December 08:45: the 16th is a holiday.
    expect(workingTimeLeft(utc('2026-12-15T16:00:00Z'), utc('2026-12-17T03:45:00Z'))).toEqual({ minutes: 45, overdue: false })
    expect(workingTimeLeft(utc('2026-11-24T10:00:00Z'), utc('2026-11-24T10:00:00Z'))).toEqual({ minutes: 0, overdue: false })
  })

  it('past due is overdue, with the calendar minutes since the deadline', () => {
    // Due Friday 20:00; now Saturday 21:30: 25.5 hours later, on a day off.
    expect(workingTimeLeft(utc('2026-11-28T16:30:00Z'), utc('2026-11-27T15:00:00Z'))).toEqual({ minutes: 1530, overdue: true })
    expect(workingTimeLeft(utc('2026-11-27T15:00:30Z'), utc('2026-11-27T15:00:00Z'))).toEqual({ minutes: 1, overdue: true })
  })

  it('uses the overrides: a working Saturday counts', () => {
    const options: CalendarOptions = { overrides: [{ day: '2026-11-28', kind: 'working_day' }] }
    expect(workingTimeLeft(utc('2026-11-27T14:00:00Z'), utc('2026-11-30T04:30:00Z'), options)).toEqual({
      minutes: 150 + 12 * 60,
      overdue: false,
    })
  })
})

describe('purity', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('no function reads the clock: the same inputs give the same outputs whatever the system time', () => {
    const options: CalendarOptions = { overrides: [{ day: '2026-11-28', kind: 'working_day' }] }
    const run = () => ({
      working: isWorkingDay('2026-11-28', options),
      next: nextWorkingDay('2026-12-15'),
      added: addWorkingDays('2026-03-20', 3),
      accepted: acceptedOn(utc('2026-11-28T07:30:00Z'), 'desk'),
      due: iso(dueAt(utc('2026-03-20T14:00:00Z'), { workingDays: 1 }, 'portal')),
      minutes: iso(dueAt(utc('2026-11-29T18:50:00Z'), { minutes: 30 }, 'portal')),
      deadline: serviceDeadline(utc('2026-11-24T13:01:00Z'), { workingDays: 1 }, 'desk'),
      left: workingTimeLeft(utc('2026-11-27T14:00:00Z'), utc('2026-11-30T04:30:00Z')),
      holidays: holidaysOf(2027),
      day: almatyDay(utc('2026-11-24T19:00:00Z')),
      time: almatyTime(utc('2026-11-24T19:00:00Z')),
      instant: iso(almatyInstant('2026-11-24', '20:00')),
    })
    vi.useFakeTimers()
    vi.setSystemTime(utc('2020-02-29T23:59:00Z'))
    const first = run()
    vi.setSystemTime(utc('2031-07-01T06:00:00Z'))
    expect(run()).toEqual(first)
  })
})

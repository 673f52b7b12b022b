import Holidays from 'date-holidays'

import { addDays, type Day, isWeekend, makeDay, parseDay } from './almaty-time'

export type HolidayEntry = { day: Day; nameKk: string; nameRu: string }

type Names = { nameKk: string; nameRu: string }

type FixedHoliday = Names & {
  month: number
  date: number
  /** false: never moved off a weekend (Labour Code art. 84(5)) */
  movable: boolean
  from?: number
  until?: number
}

// Republic Day (25 October) came back and 17 December stopped being a holiday in 2022; the list below is the law from
// 2023 on, and earlier years are refused rather than guessed.
export const FIRST_CALENDAR_YEAR = 2023
// Kurban ait's date comes from date-holidays, whose lunar table ends in 2076 (tests/unit/calendar-years.test.ts). A day
// typed into a form stops a year earlier, so a deadline counted from 31 December of the last year still finds its
// working days in January.
export const LAST_CALENDAR_YEAR = 2075
const LAST_DATA_YEAR = LAST_CALENDAR_YEAR + 1

/** The years a form takes a day in: each field that feeds the calendar refuses any other (issue 15). */
export const CALENDAR_YEARS = { first: FIRST_CALENDAR_YEAR, last: LAST_CALENDAR_YEAR } as const

// Law "On holidays in the Republic of Kazakhstan" (No. 267-II of 13 December 2001), art. 1 and 2, as amended.
const FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { month: 1, date: 1, movable: true, nameKk: 'Жаңа жыл', nameRu: 'Новый год' },
  { month: 1, date: 2, movable: true, nameKk: 'Жаңа жыл', nameRu: 'Новый год' },
  { month: 1, date: 7, movable: false, nameKk: 'Православтық Рождество', nameRu: 'Православное Рождество' },
  { month: 3, date: 8, movable: true, nameKk: 'Халықаралық әйелдер күні', nameRu: 'Международный женский день' },
  // Constitution Day moves from 30 August to 15 March; 2026 has neither day off (spec README, reading 1:
  // 16 March 2026 and 31 August 2026 are working days).
  { month: 3, date: 15, movable: true, from: 2027, nameKk: 'Конституция күні', nameRu: 'День Конституции' },
  { month: 3, date: 21, movable: true, nameKk: 'Наурыз мейрамы', nameRu: 'Наурыз мейрамы' },
  { month: 3, date: 22, movable: true, nameKk: 'Наурыз мейрамы', nameRu: 'Наурыз мейрамы' },
  { month: 3, date: 23, movable: true, nameKk: 'Наурыз мейрамы', nameRu: 'Наурыз мейрамы' },
  {
    month: 5,
    date: 1,
    movable: true,
    nameKk: 'Қазақстан халқының бірлігі мерекесі',
    nameRu: 'Праздник единства народа Казахстана',
  },
  { month: 5, date: 7, movable: true, nameKk: 'Отан қорғаушы күні', nameRu: 'День защитника Отечества' },
  { month: 5, date: 9, movable: true, nameKk: 'Жеңіс күні', nameRu: 'День Победы' },
  { month: 7, date: 6, movable: true, nameKk: 'Астана күні', nameRu: 'День Столицы' },
  { month: 8, date: 30, movable: true, until: 2025, nameKk: 'Конституция күні', nameRu: 'День Конституции' },
  { month: 10, date: 25, movable: true, nameKk: 'Республика күні', nameRu: 'День Республики' },
  { month: 12, date: 16, movable: true, nameKk: 'Тәуелсіздік күні', nameRu: 'День Независимости' },
]

const KURBAN_AIT: Names = { nameKk: 'Құрбан айттың бірінші күні', nameRu: 'Первый день Курбан айта' }
const MOVED_KK = 'ауыстырылған демалыс күні'
const MOVED_RU = 'перенесённый выходной день'

let library: Holidays | undefined

// Only Kurban ait's date comes from date-holidays (10 Dhu al-Hijjah). Its KZ list is otherwise wrong for 2026
// (Constitution Day, the Nauryz transfers), so the rest is computed here from the law.
function kurbanAitOf(year: number): Day {
  library ??= new Holidays('KZ')
  const entry = library.getHolidays(year).find((holiday) => holiday.rule === '10 Dhu al-Hijjah')
  if (!entry) throw new RangeError(`date-holidays has no Kurban ait for ${year}`)
  return entry.date.slice(0, 10)
}

type Holiday = Names & { day: Day; movable: boolean }

function holidaysIn(year: number): Holiday[] {
  const fixed = FIXED_HOLIDAYS.filter((rule) => (rule.from ?? year) <= year && year <= (rule.until ?? year)).map(
    (rule): Holiday => ({
      day: makeDay(year, rule.month, rule.date),
      movable: rule.movable,
      nameKk: rule.nameKk,
      nameRu: rule.nameRu,
    }),
  )
  const kurban: Holiday = { day: kurbanAitOf(year), movable: false, ...KURBAN_AIT }
  return [...fixed, kurban].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
}

const cache = new Map<number, ReadonlyMap<Day, Names>>()

/** Weekday days off of a year: holidays on Monday–Friday plus the days off moved from weekend holidays. */
export function weekdayDaysOff(year: number): ReadonlyMap<Day, Names> {
  const cached = cache.get(year)
  if (cached) return cached
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_DATA_YEAR) {
    throw new RangeError(`The holiday calendar covers ${FIRST_CALENDAR_YEAR}-${LAST_DATA_YEAR}; got ${year}`)
  }
  const holidays = holidaysIn(year)
  const holidayDays = new Set(holidays.map((holiday) => holiday.day))
  const daysOff = new Map<Day, Names>()
  for (const holiday of holidays) {
    if (isWeekend(holiday.day) || daysOff.has(holiday.day)) continue
    daysOff.set(holiday.day, { nameKk: holiday.nameKk, nameRu: holiday.nameRu })
  }
  // Law "On holidays", art. 5: a holiday on a day off gives the day off to the next working day after the holiday;
  // several weekend holidays in a run (Nauryz 2026: Sat 21, Sun 22, Mon 23) take consecutive working days (24, 25).
  // Labour Code art. 84(5): 7 January and the first day of Kurban ait are not moved.
  for (const holiday of holidays) {
    if (!isWeekend(holiday.day) || !holiday.movable) continue
    let day = addDays(holiday.day, 1)
    while (isWeekend(day) || holidayDays.has(day) || daysOff.has(day)) day = addDays(day, 1)
    daysOff.set(day, { nameKk: `${holiday.nameKk} (${MOVED_KK})`, nameRu: `${holiday.nameRu} (${MOVED_RU})` })
  }
  const sorted = new Map([...daysOff].sort(([a], [b]) => (a < b ? -1 : 1)))
  cache.set(year, sorted)
  return sorted
}

/** Whether `day` is a public holiday itself (Labour Code art. 84), whatever the weekday: a Saturday holiday is no reception day. */
export function isPublicHoliday(day: Day): boolean {
  const year = Number(day.slice(0, 4))
  weekdayDaysOff(year)
  return holidaysIn(year).some((holiday) => holiday.day === day)
}

/** Weekday days off of `year` (the list behind isWorkingDay, without administrators' overrides), for calendar screens. */
export function holidaysOf(year: number): HolidayEntry[] {
  return [...weekdayDaysOff(year)].map(([day, names]) => ({ day, nameKk: names.nameKk, nameRu: names.nameRu }))
}

/** Whether `day` is a real day 'YYYY-MM-DD' in the years a form takes (CALENDAR_YEARS). */
export function isInCalendarYears(day: Day): boolean {
  try {
    const { year } = parseDay(day)
    return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last
  } catch {
    return false
  }
}

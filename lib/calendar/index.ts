// Working days and deadlines in Asia/Almaty. Pure: no clock, no I/O; administrators' transfers of days off arrive as
// arguments. The project's readings (../shared/spec/README.md, "Readings we take", items 1-4) live here.
import {
  addDays,
  almatyDay,
  almatyInstant,
  almatyTime,
  checkInstant,
  type Day,
  isWeekend,
  minutesOf,
  parseDay,
  weekdayOf,
} from './almaty-time'
import { isInCalendarYears, isPublicHoliday, weekdayDaysOff } from './holidays'

export { ageOn } from './age'
export { addDays, almatyDay, almatyInstant, almatyTime, type Day } from './almaty-time'
export {
  CALENDAR_YEARS,
  FIRST_CALENDAR_YEAR,
  type HolidayEntry,
  holidaysOf,
  isInCalendarYears,
  LAST_CALENDAR_YEAR,
} from './holidays'
export { addMonths, firstDayOf, type Month, monthOf, monthsBetween } from './months'

export type Channel = 'portal' | 'desk'

export type Limit = { workingDays: number } | { minutes: number }

/** A government transfer of a day off (Labour Code art. 85(3)), entered by an administrator. */
export type CalendarOverride = { day: Day; kind: 'day_off' | 'working_day'; note?: string }

export type CalendarOptions = {
  overrides?: readonly CalendarOverride[]
  /** 'HH:MM'; desk requests strictly before it count the same working day */
  deskCutoff?: string
  /** 'HH:MM'; portal requests strictly before it count the same working day */
  portalCutoff?: string
  /** 'HH:MM'; desk requests on a Saturday reception day strictly before it count as accepted that Saturday; null: none */
  saturdayDeskCutoff?: string | null
  /** 'HH:MM'; the clock time a working-day deadline falls due */
  dueTime?: string
}

export const CALENDAR_DEFAULTS = {
  // Reading 3: desk requests until 18:00 (001 p.25, standard row 6: two hours before closing); a service that takes
  // them until closing passes deskCutoff '20:00'. The portal accepts the same day within working hours (until 20:00).
  deskCutoff: '18:00',
  portalCutoff: '20:00',
  // Reading 3 and standard row 6(1): the desk takes applications on Saturday (09:00-14:00) until 12:00; such an
  // application is accepted that Saturday, and a working-day limit counts from it (its 1 working day ends on Monday).
  saturdayDeskCutoff: '12:00',
  // Reading 2: due at the end of the N-th working day, the clinic's closing time (standard row 6: 08:00-20:00).
  dueTime: '20:00',
  workingHours: { start: '08:00', end: '20:00' },
} as const

const MS_PER_MINUTE = 60_000

function overrideOf(day: Day, overrides: readonly CalendarOverride[] | undefined): CalendarOverride['kind'] | undefined {
  if (!overrides) return undefined
  let kind: CalendarOverride['kind'] | undefined
  for (const override of overrides) {
    parseDay(override.day)
    if (override.day === day) kind = override.kind
  }
  return kind
}

/**
 * Reading 1: Monday to Friday, minus public holidays and the days off moved from weekend holidays; administrators'
 * overrides apply last (a later override of the same day wins). Saturday is a reception day, not a working day.
 */
export function isWorkingDay(day: Day, options?: CalendarOptions): boolean {
  const { year } = parseDay(day)
  const override = overrideOf(day, options?.overrides)
  if (override) return override === 'working_day'
  return !isWeekend(day) && !weekdayDaysOff(year).has(day)
}

export type OverrideRefusal =
  | 'errors.calendar.outOfYears'
  | 'errors.calendar.weekendDayOff'
  | 'errors.calendar.holidayDayOff'
  | 'errors.calendar.alreadyWorkingDay'

/**
 * Issue 15: a transfer changes what the law says of its day (isWorkingDay without overrides), inside the calendar's
 * years. 'working_day' only on a day the law gives off (a Saturday or Sunday, a holiday, a moved day off); 'day_off'
 * only on a law's working day. A Saturday is never a working day here (reading 1): its desk reception until 12:00
 * (standard row 6(1)) is no working day, so a Saturday cannot be made "a day off"; it can be made a working day.
 */
export function overrideRefusal(override: Pick<CalendarOverride, 'day' | 'kind'>): OverrideRefusal | null {
  if (!isInCalendarYears(override.day)) return 'errors.calendar.outOfYears'
  const workingByLaw = isWorkingDay(override.day)
  if (override.kind === 'working_day') return workingByLaw ? 'errors.calendar.alreadyWorkingDay' : null
  if (workingByLaw) return null
  return isWeekend(override.day) ? 'errors.calendar.weekendDayOff' : 'errors.calendar.holidayDayOff'
}

/** The first working day after `day`. */
export function nextWorkingDay(day: Day, options?: CalendarOptions): Day {
  let next = addDays(day, 1)
  while (!isWorkingDay(next, options)) next = addDays(next, 1)
  return next
}

/** The n-th working day after `day`, which itself is not counted (reading 2); n = 0 gives `day`. */
export function addWorkingDays(day: Day, n: number, options?: CalendarOptions): Day {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0; got ${n}`)
  parseDay(day)
  let result = day
  for (let i = 0; i < n; i++) result = nextWorkingDay(result, options)
  return result
}

/**
 * The day a request counts as accepted (readings 2 and 3): the day it arrives when that is a working day and it
 * arrives strictly before the channel's cut-off (portal 20:00, desk 18:00), or a Saturday reception day before 12:00
 * at the desk; otherwise the next working day.
 */
export function acceptedOn(submittedAt: Date, channel: Channel, options?: CalendarOptions): Day {
  checkInstant(submittedAt)
  const cutoff =
    channel === 'desk'
      ? (options?.deskCutoff ?? CALENDAR_DEFAULTS.deskCutoff)
      : (options?.portalCutoff ?? CALENDAR_DEFAULTS.portalCutoff)
  const cutoffMinutes = minutesOf(cutoff)
  const day = almatyDay(submittedAt)
  const minutes = minutesOf(almatyTime(submittedAt))
  if (isWorkingDay(day, options) && minutes < cutoffMinutes) return day
  const saturdayCutoff =
    options?.saturdayDeskCutoff === undefined ? CALENDAR_DEFAULTS.saturdayDeskCutoff : options.saturdayDeskCutoff
  if (channel === 'desk' && saturdayCutoff && isReceptionSaturday(day, options) && minutes < minutesOf(saturdayCutoff)) return day
  return nextWorkingDay(day, options)
}

// A Saturday the clinic receives on (standard row 6(1)): not a public holiday, and not made a day off by an override.
function isReceptionSaturday(day: Day, options?: CalendarOptions): boolean {
  return weekdayOf(day) === 6 && !isPublicHoliday(day) && overrideOf(day, options?.overrides) !== 'day_off'
}

/**
 * When a result is due. `{ workingDays: n }` (reading 2): at dueTime (20:00 Almaty) of the n-th working day after the
 * day of acceptance. `{ minutes: m }` (reading 4): m calendar minutes after submission, round the clock.
 */
export function dueAt(submittedAt: Date, limit: Limit, channel: Channel, options?: CalendarOptions): Date {
  const submitted = checkInstant(submittedAt)
  if ('minutes' in limit) {
    if (!Number.isFinite(limit.minutes) || limit.minutes < 0) throw new RangeError(`Minutes must be ≥ 0; got ${limit.minutes}`)
    return new Date(submitted + limit.minutes * MS_PER_MINUTE)
  }
  const dueDay = addWorkingDays(acceptedOn(submittedAt, channel, options), limit.workingDays, options)
  return almatyInstant(dueDay, options?.dueTime ?? CALENDAR_DEFAULTS.dueTime)
}

/**
 * The deadline a service records for a request: the day of acceptance and the due instant, for the limit the
 * service defines (service limits stay with the services). A minutes-long limit runs round the clock from
 * submission (reading 4), so its day of acceptance is the Almaty day of submission, with no cut-off.
 */
export function serviceDeadline(
  submittedAt: Date,
  limit: Limit,
  channel: Channel,
  options?: CalendarOptions,
): { acceptedOn: Day; dueAt: Date } {
  const accepted = 'minutes' in limit ? almatyDay(submittedAt) : acceptedOn(submittedAt, channel, options)
  return { acceptedOn: accepted, dueAt: dueAt(submittedAt, limit, channel, options) }
}

/**
 * Working minutes from `now` until `due`, counting only working days' hours 08:00-20:00 Almaty, rounded down.
 * Past due: overdue, with the calendar minutes since `due`, rounded up (a screen never shows lateness as zero).
 */
export function workingTimeLeft(now: Date, due: Date, options?: CalendarOptions): { minutes: number; overdue: boolean } {
  const from = checkInstant(now)
  const to = checkInstant(due)
  if (from > to) return { minutes: Math.ceil((from - to) / MS_PER_MINUTE), overdue: true }
  const lastDay = almatyDay(due)
  let total = 0
  for (let day = almatyDay(now); day <= lastDay; day = addDays(day, 1)) {
    if (!isWorkingDay(day, options)) continue
    const start = Math.max(from, almatyInstant(day, CALENDAR_DEFAULTS.workingHours.start).getTime())
    const end = Math.min(to, almatyInstant(day, CALENDAR_DEFAULTS.workingHours.end).getTime())
    if (end > start) total += end - start
  }
  return { minutes: Math.floor(total / MS_PER_MINUTE), overdue: false }
}

export type DeadlineState = 'ok' | 'soon' | 'overdue'

// How a screen flags a deadline: 'soon' under 2 working hours left (amber), 'overdue' once past it (red).
export const SOON_MINUTES = 120

export function deadlineState(now: Date, due: Date, options?: CalendarOptions): DeadlineState {
  const left = workingTimeLeft(now, due, options)
  if (left.overdue) return 'overdue'
  return left.minutes < SOON_MINUTES ? 'soon' : 'ok'
}

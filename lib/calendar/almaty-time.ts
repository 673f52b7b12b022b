/** A calendar day in Asia/Almaty, 'YYYY-MM-DD'. */
export type Day = string

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/
const MS_PER_DAY = 86_400_000
const MS_PER_MINUTE = 60_000

// Asia/Almaty has been UTC+5 all year since 1 March 2024 (UTC+6 before). The offset comes from the runtime's tz data,
// never from the process's local time zone.
const ALMATY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Almaty',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number }

export function checkInstant(instant: Date): number {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date')
  return ms
}

function wallClock(ms: number): WallClock {
  const parts: Record<string, number> = {}
  for (const part of ALMATY.formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

function offsetMs(ms: number): number {
  const wall = wallClock(ms)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000))
}

const pad = (value: number, length = 2): string => String(value).padStart(length, '0')

export function parseDay(day: Day): { year: number; month: number; date: number } {
  const match = DAY_PATTERN.exec(day)
  if (match) {
    const year = Number(match[1])
    const month = Number(match[2])
    const date = Number(match[3])
    const check = new Date(Date.UTC(year, month - 1, date))
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date) {
      return { year, month, date }
    }
  }
  throw new RangeError(`Not a day 'YYYY-MM-DD': ${day}`)
}

/** Minutes since midnight of an 'HH:MM' time. */
export function minutesOf(time: string): number {
  const match = TIME_PATTERN.exec(time)
  if (!match) throw new RangeError(`Not a time 'HH:MM': ${time}`)
  return Number(match[1]) * 60 + Number(match[2])
}

export function makeDay(year: number, month: number, date: number): Day {
  return `${pad(year, 4)}-${pad(month)}-${pad(date)}`
}

export function addDays(day: Day, n: number): Day {
  const { year, month, date } = parseDay(day)
  const shifted = new Date(Date.UTC(year, month - 1, date) + n * MS_PER_DAY)
  return makeDay(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate())
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  const { year, month, date } = parseDay(day)
  return new Date(Date.UTC(year, month - 1, date)).getUTCDay()
}

export function isWeekend(day: Day): boolean {
  const weekday = weekdayOf(day)
  return weekday === 0 || weekday === 6
}

/** The Almaty calendar day of an instant. */
export function almatyDay(instant: Date): Day {
  const wall = wallClock(checkInstant(instant))
  return makeDay(wall.year, wall.month, wall.day)
}

/** The Almaty wall time of an instant, 'HH:MM' (seconds dropped). */
export function almatyTime(instant: Date): string {
  const wall = wallClock(checkInstant(instant))
  return `${pad(wall.hour)}:${pad(wall.minute)}`
}

/** The instant at which Almaty wall clocks show `time` on `day`. */
export function almatyInstant(day: Day, time: string): Date {
  const { year, month, date } = parseDay(day)
  const minutes = minutesOf(time)
  const asUtc = Date.UTC(year, month - 1, date) + minutes * MS_PER_MINUTE
  const first = asUtc - offsetMs(asUtc)
  // A second pass corrects the guess when an offset change (e.g. 1 March 2024) lies between the guess and the answer.
  return new Date(asUtc - offsetMs(first))
}

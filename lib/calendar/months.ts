import { type Day, makeDay, parseDay } from './almaty-time'

/** A calendar month in Asia/Almaty, 'YYYY-MM'. */
export type Month = string

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/

function parseMonth(month: Month): { year: number; month: number } {
  const match = MONTH_PATTERN.exec(month)
  if (!match) throw new RangeError(`Not a month 'YYYY-MM': ${month}`)
  return { year: Number(match[1]), month: Number(match[2]) }
}

export function monthOf(day: Day): Month {
  const { year, month } = parseDay(day)
  return makeDay(year, month, 1).slice(0, 7)
}

export function addMonths(month: Month, n: number): Month {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of months: ${n}`)
  const parsed = parseMonth(month)
  const index = parsed.year * 12 + (parsed.month - 1) + n
  return makeDay(Math.floor(index / 12), (index % 12) + 1, 1).slice(0, 7)
}

/** Whole months from `from` to `to`: 0 for the same month, negative when `to` comes first. */
export function monthsBetween(from: Month, to: Month): number {
  const a = parseMonth(from)
  const b = parseMonth(to)
  return (b.year - a.year) * 12 + (b.month - a.month)
}

/** The first day of a month, 'YYYY-MM-01'. */
export function firstDayOf(month: Month): Day {
  const { year, month: number } = parseMonth(month)
  return makeDay(year, number, 1)
}

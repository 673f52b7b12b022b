import { z } from 'zod'
import { isInCalendarYears } from './holidays'

function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const day = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value)
}

// A calendar day as a form sends it, 'YYYY-MM-DD', and a day that exists (no 30 February); `message` is the field's
// message key for anything else.
export const calendarDay = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isRealDay, message)

// A day that feeds the working-day calendar (a deadline is counted from it): also inside the years the calendar knows
// (CALENDAR_YEARS, issue 15), refused at the field with `errors.calendar.outOfYears` and its years as parameters. One
// message per field: a day that does not exist is told only as such.
export const calendarYearsDay = (message: string) =>
  calendarDay(message).refine((value) => !isRealDay(value) || isInCalendarYears(value), 'errors.calendar.outOfYears')

import type { Locale } from '@/db/schema'
import { timeZone } from './config'

// A calendar day stored as YYYY-MM-DD is shown as DD.MM.YYYY, with no time-zone shift.
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-')
  return `${date}.${month}.${year}`
}

// Instants are always shown in Asia/Almaty as DD.MM.YYYY HH:MM, the numeric form both languages use in Kazakhstan.
// Built from parts so the server (full ICU) and Chromium (no kk-KZ date patterns) print the same text; the locale
// argument stays for callers that may later want words.
const instantParts = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

export function formatInstant(instant: Date, _locale?: Locale): string {
  const part = Object.fromEntries(instantParts.formatToParts(instant).map((p) => [p.type, p.value]))
  return `${part.day}.${part.month}.${part.year} ${part.hour}:${part.minute}`
}

export function localized<T>(locale: Locale, kk: T, ru: T): T {
  return locale === 'ru' ? ru : kk
}

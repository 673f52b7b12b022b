import type { Locale } from '@/db/schema'
import { timeZone } from './config'

// A calendar day stored as YYYY-MM-DD is shown as DD.MM.YYYY, with no time-zone shift.
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-')
  return `${date}.${month}.${year}`
}

// Instants are always shown in Asia/Almaty, whatever the server's or the browser's zone.
export function formatInstant(instant: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'kk' ? 'kk-KZ' : 'ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(instant)
}

export function localized<T>(locale: Locale, kk: T, ru: T): T {
  return locale === 'ru' ? ru : kk
}

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

import type { Locale } from '@/db/schema'

export const locales = ['kk', 'ru'] as const satisfies readonly Locale[]
export const defaultLocale: Locale = 'kk'
export const localeCookie = 'tirkeu-locale'
export const timeZone = 'Asia/Almaty'

export function isLocale(value: unknown): value is Locale {
  return value === 'kk' || value === 'ru'
}

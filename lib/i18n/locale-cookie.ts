import 'server-only'
import { cookies } from 'next/headers'
import type { Locale } from '@/db/schema'
import { isServedOverHttps } from '@/lib/http/public-address'
import { isLocale, localeCookie } from './config'

export async function setLocaleCookie(locale: Locale): Promise<void> {
  ;(await cookies()).set(localeCookie, locale, {
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    sameSite: 'lax',
    httpOnly: true,
    secure: isServedOverHttps(),
  })
}

export async function hasLocaleCookie(): Promise<boolean> {
  return isLocale((await cookies()).get(localeCookie)?.value)
}

import type { Locale } from '@/db/schema'
import kk from '@/messages/kk.json'
import ru from '@/messages/ru.json'

export type Messages = typeof kk

const all: Record<Locale, Messages> = { kk, ru }

export function messagesFor(locale: Locale): Messages {
  return all[locale]
}

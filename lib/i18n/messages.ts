import type { Locale } from '@/db/schema'
import kk from '@/messages/kk.json'
import ru from '@/messages/ru.json'
import { serviceMessages } from '@/lib/services/messages'

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never

// The app's messages and every service's own, as one tree.
export type Messages = typeof kk & UnionToIntersection<(typeof serviceMessages)[number]['kk']>

type Tree = { [key: string]: unknown }

type KeysOf<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeysOf<T[K]>}`
}[keyof T & string]

// Every message key, dotted ('requests.fields.patient').
export type MessageKey = KeysOf<Messages>

// A message key with its parameters, translated where it is shown (lib/i18n/server.ts gives one for the request).
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

// Merges a service's messages into the tree; two owners of one key are a mistake, found when the server starts.
export function mergeMessages(target: Tree, source: Tree, path = ''): void {
  for (const [key, value] of Object.entries(source)) {
    const at = path ? `${path}.${key}` : key
    const existing = target[key]
    if (existing === undefined) target[key] = value && typeof value === 'object' ? structuredClone(value) : value
    else if (typeof existing === 'object' && existing && typeof value === 'object' && value) {
      mergeMessages(existing as Tree, value as Tree, at)
    } else throw new Error(`messages: the key ${at} is defined twice`)
  }
}

function build(locale: Locale): Messages {
  const tree = structuredClone(locale === 'kk' ? kk : ru) as Tree
  for (const messages of serviceMessages) mergeMessages(tree, messages[locale])
  return tree as Messages
}

const all: Record<Locale, Messages> = { kk: build('kk'), ru: build('ru') }

export function messagesFor(locale: Locale): Messages {
  return all[locale]
}

// A service registered by a test (lib/services' test hook) brings its own messages.
export function addMessages(messages: Record<Locale, Tree>): void {
  for (const locale of ['kk', 'ru'] as const) mergeMessages(all[locale] as unknown as Tree, messages[locale])
}

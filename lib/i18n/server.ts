import 'server-only'
import { getTranslations } from 'next-intl/server'
import type { Translate } from './messages'

// The request's translator as the contract's Translate: services word their summaries and flags with it.
export async function serverTranslate(): Promise<Translate> {
  const root = await getTranslations()
  return (key, params) => root(key, params)
}

import type { Messages } from '@/lib/i18n/messages'
import type { locales } from '@/lib/i18n/config'

declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof locales)[number]
    Messages: Messages
  }
}

'use client'

import { NextIntlClientProvider } from 'next-intl'
import { ErrorPanel } from '@/components/shell/error-panel'
import { defaultLocale, isLocale, localeCookie, timeZone } from '@/lib/i18n/config'
import kk from '@/messages/kk.json'
import ru from '@/messages/ru.json'
import './globals.css'

// A fault in the root layout itself: this page replaces the whole document, with no provider above it. The language
// comes from the cookie the language switch sets; the panel is the segments' own, with its code (the digest).
const texts = {
  kk: { errors: { unexpectedPage: kk.errors.unexpectedPage } },
  ru: { errors: { unexpectedPage: ru.errors.unexpectedPage } },
}

function cookieLocale() {
  if (typeof document === 'undefined') return defaultLocale
  const value = document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${localeCookie}=`))
    ?.slice(localeCookie.length + 1)
  return isLocale(value) ? value : defaultLocale
}

export default function GlobalError({ error, reset }: { error: unknown; reset: () => void }) {
  const locale = cookieLocale()
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 p-6 font-sans">
        <title>{texts[locale].errors.unexpectedPage.heading}</title>
        <NextIntlClientProvider locale={locale} messages={texts[locale]} timeZone={timeZone}>
          <ErrorPanel error={error} reset={reset} />
        </NextIntlClientProvider>
      </body>
    </html>
  )
}

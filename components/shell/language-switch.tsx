'use client'

import { useLocale, useTranslations } from 'next-intl'
import { useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { locales } from '@/lib/i18n/config'

// `changeLanguage`: the server action that remembers the language (app/actions.ts), passed in by the route.
export function LanguageSwitch({ changeLanguage }: { changeLanguage: (locale: unknown) => Promise<unknown> }) {
  const t = useTranslations('shell')
  const current = useLocale()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  return (
    <div role="group" aria-label={t('language')} className="flex overflow-hidden rounded border border-white/40 text-xs">
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await changeLanguage(locale)
              router.refresh()
            })
          }
          className="px-2 py-1 font-bold aria-pressed:bg-white aria-pressed:text-brand-dark"
        >
          {t(`languages.${locale}`)}
        </button>
      ))}
    </div>
  )
}

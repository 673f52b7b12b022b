'use client'

import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { formatInstant } from '@/lib/i18n/format'

// Unexpected faults: a translated message and a code to quote to support; details stay in the server log. A fault on
// the server carries its digest, the key to its line in the server's log (Next's error.digest). A fault in the browser
// has none (issue 15: the page promised a code it did not show): the page then says so and shows when and where it
// happened instead, which is what support can look for.
export function ErrorPanel({ error, reset }: { error: unknown; reset: () => void }) {
  const t = useTranslations('errors.unexpectedPage')
  const [at] = useState(() => new Date())
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null
  const page = typeof window === 'undefined' ? '' : window.location.pathname
  return (
    <div role="alert" className="mx-auto max-w-xl rounded border border-red-300 bg-red-50 p-4 text-sm">
      <h1 className="mb-2 text-lg font-bold">{t('heading')}</h1>
      <p className="mb-2">{digest ? t('text') : t('textInBrowser')}</p>
      <p className="mb-3 font-mono text-xs" data-testid="error-code">
        {digest ? t('digest', { digest }) : t('where', { at: formatInstant(at), page })}
      </p>
      <button type="button" onClick={reset} className="rounded bg-brand px-3 py-1.5 font-bold text-white">
        {t('retry')}
      </button>
    </div>
  )
}

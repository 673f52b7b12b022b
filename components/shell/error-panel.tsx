'use client'

import { useTranslations } from 'next-intl'

// Unexpected faults: a translated message and the digest to quote to support; details stay in the server log.
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors.unexpectedPage')
  return (
    <div role="alert" className="mx-auto max-w-xl rounded border border-red-300 bg-red-50 p-4 text-sm">
      <h1 className="mb-2 text-lg font-bold">{t('heading')}</h1>
      <p className="mb-2">{t('text')}</p>
      {error.digest ? <p className="mb-3 font-mono text-xs">{t('digest', { digest: error.digest })}</p> : null}
      <button type="button" onClick={reset} className="rounded bg-brand px-3 py-1.5 font-bold text-white">
        {t('retry')}
      </button>
    </div>
  )
}

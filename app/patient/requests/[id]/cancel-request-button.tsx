'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { cancelRequest } from '../actions'

export function CancelRequestButton({ requestId, version }: { requestId: string; version: number }) {
  const t = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {t('requests.cancel.button')}
      </Button>
    )
  }
  return (
    <div className="space-y-2 rounded border border-slate-300 bg-white p-3 text-sm">
      {error ? <Notice tone="error">{t(error as 'errors.unexpected')}</Notice> : null}
      <p>{t('requests.cancel.confirm')}</p>
      <div className="flex gap-2">
        <Button
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await cancelRequest({ requestId, version })
              if (!result.ok) setError(result.code)
              router.refresh()
            })
          }
        >
          {t('requests.cancel.yes')}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
          {t('requests.cancel.no')}
        </Button>
      </div>
    </div>
  )
}

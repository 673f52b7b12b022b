'use client'

import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/field'
import { answerConsentAction } from './actions'

export function ConsentAnswerButtons({ requestId }: { requestId: string }) {
  const t = useTranslations('registryCertificate.consent')
  const [pending, start] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const answer = (value: 'give' | 'refuse') =>
    start(async () => {
      try {
        const result = await answerConsentAction({ requestId, answer: value })
        setError(result.ok ? null : result.code)
      } catch {
        setError('errors.unexpectedSubmit')
      }
    })
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button onClick={() => answer('give')} disabled={pending}>
        {t('give')}
      </Button>
      <Button variant="secondary" onClick={() => answer('refuse')} disabled={pending}>
        {t('refuse')}
      </Button>
      <FormError messageKey={error} />
    </div>
  )
}

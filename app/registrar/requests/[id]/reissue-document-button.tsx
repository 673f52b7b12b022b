'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { reissueDocument } from '../actions'

export function ReissueDocumentButton({ documentId, version }: { documentId: string; version: number }) {
  const t = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [outcome, setOutcome] = useState<{ tone: 'info' | 'error'; text: string } | null>(null)
  return (
    <div className="space-y-1">
      {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await reissueDocument({ documentId, version })
            setOutcome(
              result.ok
                ? { tone: 'info', text: t('documents.reissued', { number: result.data.number }) }
                : { tone: 'error', text: t(result.code as 'errors.unexpected') },
            )
            router.refresh()
          })
        }
      >
        {t('documents.reissue')}
      </Button>
    </div>
  )
}

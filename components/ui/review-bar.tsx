'use client'

import { useTranslations } from 'next-intl'
import type { ReactNode } from 'react'
import { Button } from './button'

// The review step of a form whose action cannot be undone (useActionForm's `review`): the question, with what it will
// do, then the confirmation (focused, so Enter confirms) or a way back to the form.
export function ReviewBar({
  question,
  pending,
  onConfirm,
  onCancel,
  children,
}: {
  question: ReactNode
  pending: boolean
  onConfirm: () => void
  onCancel: () => void
  children: ReactNode
}) {
  const t = useTranslations('common')
  return (
    <div className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 p-2">
      <p className="text-sm font-bold text-amber-900">{question}</p>
      <Button type="button" onClick={onConfirm} disabled={pending} autoFocus>
        {pending ? t('wait') : children}
      </Button>
      <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
        {t('cancel')}
      </Button>
    </div>
  )
}

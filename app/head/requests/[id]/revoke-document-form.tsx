'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { revokeDocumentSchema, type RevokeDocumentInput } from '@/lib/documents/schema'
import { revokeDocument } from './actions'

type Output = { documentId: string; version: number; reason: string }

export function RevokeDocumentForm({ documentId, version }: { documentId: string; version: number }) {
  const t = useTranslations('documents.revoke')
  const root = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<RevokeDocumentInput, unknown, Output>({
    resolver: zodResolver(revokeDocumentSchema),
    defaultValues: { documentId, version, reason: '' },
  })
  const { errors } = form.formState
  const fieldId = `revoke-reason-${documentId}`

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null)
    startTransition(async () => {
      const result = await revokeDocument(values)
      if (result.ok) {
        router.refresh()
        return
      }
      for (const [field, key] of Object.entries(result.fieldErrors ?? {}))
        form.setError(field as keyof RevokeDocumentInput, { message: key })
      if (!result.fieldErrors) setFormError(result.code)
    })
  })

  return (
    <details className="rounded border border-slate-200 px-2 py-1">
      <summary className="cursor-pointer text-xs font-bold text-red-800">{t('heading')}</summary>
      <form onSubmit={onSubmit} noValidate className="mt-2 space-y-2">
        {formError ? <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice> : null}
        <div>
          <label htmlFor={fieldId} className="mb-1 block text-xs font-bold text-slate-700">
            {t('reason')}
          </label>
          <textarea
            id={fieldId}
            rows={2}
            className="block w-full rounded border border-slate-400 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600"
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${fieldId}-error` : undefined}
            {...form.register('reason')}
          />
          <FieldError id={`${fieldId}-error`} messageKey={errors.reason?.message} />
        </div>
        <Button type="submit" disabled={pending} className="bg-red-700 hover:bg-red-800">
          {t('submit')}
        </Button>
      </form>
    </details>
  )
}

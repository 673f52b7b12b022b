'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import { revokeDocumentSchema } from '@/lib/documents/schema'
import { revokeDocument } from './actions'

export function RevokeDocumentForm({ documentId, version }: { documentId: string; version: number }) {
  const t = useTranslations('documents.revoke')
  const root = useTranslations()
  const router = useRouter()
  const {
    form,
    errors,
    pending,
    formError,
    submit: onSubmit,
  } = useActionForm({
    schema: revokeDocumentSchema,
    defaultValues: { documentId, version, reason: '' },
    action: revokeDocument,
    onSuccess: () => router.refresh(),
  })
  const fieldId = `revoke-reason-${documentId}`

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

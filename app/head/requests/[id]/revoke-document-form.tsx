'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormError, TextAreaField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { revokeDocumentSchema } from '@/lib/documents/schema'
import { revokeDocument } from './actions'

export function RevokeDocumentForm({ documentId, version }: { documentId: string; version: number }) {
  const t = useTranslations('documents.revoke')
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: revokeDocumentSchema,
    defaultValues: { documentId, version, reason: '' },
    action: (values) => revokeDocument(values),
    onSuccess: () => router.refresh(),
  })

  return (
    <details className="rounded border border-slate-200 px-2 py-1">
      <summary className="cursor-pointer text-xs font-bold text-red-800">{t('heading')}</summary>
      <form onSubmit={submit} noValidate className="mt-2 space-y-2">
        <FormError messageKey={formError} />
        <TextAreaField
          id={`revoke-reason-${documentId}`}
          rows={2}
          dense
          label={t('reason')}
          error={errors.reason?.message}
          {...form.register('reason')}
        />
        <Button type="submit" disabled={pending} className="bg-red-700 hover:bg-red-800">
          {t('submit')}
        </Button>
      </form>
    </details>
  )
}

'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import { complaintFormSchema } from '@/lib/services/complaint/schema'
import { submitComplaint } from './complaint-actions'

export function ComplaintForm({ requestId }: { requestId: string }) {
  const t = useTranslations('complaint')
  const root = useTranslations()
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const {
    form,
    errors,
    pending,
    formError,
    submit: onSubmit,
  } = useActionForm({
    schema: complaintFormSchema,
    defaultValues: { requestId, text: '' },
    action: (payload) => submitComplaint({ idempotencyKey, payload }),
    onSuccess: (data) => router.push(`/patient/requests/${data.requestId}?submitted=1`),
  })
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('button')}
      </Button>
    )
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="complaint-heading"
      className="space-y-2 rounded border border-slate-300 bg-white p-3"
    >
      <h2 id="complaint-heading" className="font-bold">
        {t('heading')}
      </h2>
      <p className="text-xs text-slate-700">{t('hint')}</p>
      {formError ? <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice> : null}
      <label htmlFor="complaint-text" className="block text-sm font-bold text-slate-700">
        {t('text')}
      </label>
      <textarea
        id="complaint-text"
        rows={5}
        className="block w-full rounded border border-slate-400 px-2 py-1.5 text-base aria-[invalid=true]:border-red-600"
        aria-invalid={errors.text ? true : undefined}
        aria-describedby={errors.text ? 'complaint-text-error' : undefined}
        {...form.register('text')}
      />
      <FieldError id="complaint-text-error" messageKey={errors.text?.message} />
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { FormError, TextAreaField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import type { ComplaintSubject } from '@/lib/services/complaint/rules'
import { complaintFormSchema } from '@/lib/services/complaint/schema'
import { submitComplaint } from './complaint-actions'

export function ComplaintForm({ requestId, about }: { requestId: string; about: ComplaintSubject }) {
  const t = useTranslations('complaint')
  const root = useTranslations()
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: complaintFormSchema,
    defaultValues: { requestId, text: '' },
    action: (payload, idempotencyKey) => submitComplaint({ idempotencyKey, payload }),
    onSuccess: (data) => router.push(`/patient/requests/${data.requestId}?submitted=1`),
  })
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {about === 'inaction' ? t('buttonInaction') : t('button')}
      </Button>
    )
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="complaint-heading"
      className="space-y-2 rounded border border-slate-300 bg-white p-3"
    >
      <h2 id="complaint-heading" className="font-bold">
        {about === 'inaction' ? t('headingInaction') : t('heading')}
      </h2>
      <p className="text-xs text-slate-700">{t('hint')}</p>
      <FormError messageKey={formError} />
      <TextAreaField id="complaint-text" rows={5} label={t('text')} error={errors.text?.message} {...form.register('text')} />
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

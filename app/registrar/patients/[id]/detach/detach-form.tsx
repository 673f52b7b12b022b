'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { DateField, DenseFields, FormError, RadioGroupField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { ReviewBar } from '@/components/ui/review-bar'
import { useActionForm } from '@/components/ui/use-action-form'
import { detachmentReasons, type DetachmentReason } from '@/db/schema/registration'
import { formatDay } from '@/lib/i18n/format'
import { detachmentFormSchema } from '@/lib/services/attachment/detachment/schema'
import { detachPatient } from './actions'

// Detachment cannot be undone here, so the form asks once more, naming the person and the day.
export function DetachForm({
  patientId,
  name,
  today,
  validFrom,
}: {
  patientId: number
  name: string
  today: string
  validFrom: string
}) {
  const t = useTranslations('detachment')
  const [saved, setSaved] = useState<{ reason: DetachmentReason; detachedOn: string } | null>(null)
  const { form, errors, pending, formError, submit, reviewing, confirm, cancelReview } = useActionForm({
    schema: detachmentFormSchema,
    defaultValues: { reason: undefined, detachedOn: today, note: '' },
    action: (values, idempotencyKey) => detachPatient({ ...values, patientId, idempotencyKey }),
    review: true,
    onSuccess: (_, recorded) => setSaved(recorded.getValues() as { reason: DetachmentReason; detachedOn: string }),
  })
  if (saved)
    return (
      <div className="space-y-2">
        <Notice>{t('saved', { date: formatDay(saved.detachedOn), reason: t(`reasons.${saved.reason}`) })}</Notice>
        <Link href="/registrar/register" className="text-sm text-brand underline">
          {t('toRegister')}
        </Link>
      </div>
    )
  const reason = form.watch('reason')
  const detachedOn = form.watch('detachedOn')
  return (
    <form onSubmit={submit} noValidate className="max-w-3xl space-y-3 rounded border border-slate-300 bg-white p-3">
      <FormError messageKey={formError} />
      <DenseFields>
        <RadioGroupField
          id="detachment-reason"
          legend={t('reason')}
          options={detachmentReasons.map((value) => ({ value, label: t(`reasons.${value}`) }))}
          error={errors.reason?.message}
          {...form.register('reason')}
        />
        {reason === 'death' ? <Notice tone="warning">{t('deathWarning')}</Notice> : null}
        <div className="flex flex-wrap items-start gap-3">
          <DateField
            id="detachment-day"
            label={t('detachedOn')}
            width="narrow"
            hint={t('detachedOnHint')}
            min={validFrom}
            max={today}
            error={errors.detachedOn?.message}
            {...form.register('detachedOn')}
          />
          <TextField
            id="detachment-note"
            className="min-w-72 flex-1"
            label={t('note')}
            error={errors.note?.message}
            {...form.register('note')}
          />
        </div>
      </DenseFields>
      {reviewing ? (
        <ReviewBar
          question={t('confirm', { name, date: detachedOn ? formatDay(detachedOn) : '' })}
          pending={pending}
          onConfirm={confirm}
          onCancel={cancelReview}
        >
          {t('submit')}
        </ReviewBar>
      ) : (
        <Button type="submit" disabled={pending}>
          {t('submit')}
        </Button>
      )}
    </form>
  )
}

'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { DateField, DenseFields, FormError, RadioGroupField, TextField } from '@/components/ui/field'
import { ReviewBar } from '@/components/ui/review-bar'
import { useActionForm } from '@/components/ui/use-action-form'
import { formatDay } from '@/lib/i18n/format'
import { removalReasons, removeRecordFormSchema } from '@/lib/registries/record-schema'
import { removeRegistryRecord } from './actions'

// Removal is not undone here: the form asks once more, naming the person and the day.
export function RemoveRecordForm({
  recordId,
  version,
  name,
  today,
  observedSince,
}: {
  recordId: number
  version: number
  name: string
  today: string
  observedSince: string
}) {
  const t = useTranslations('centre.remove')
  const router = useRouter()
  const { form, errors, pending, formError, submit, reviewing, confirm, cancelReview } = useActionForm({
    schema: removeRecordFormSchema,
    defaultValues: { removedOn: today, reason: undefined, note: '' },
    action: (values) => removeRegistryRecord({ ...values, recordId, version }),
    review: true,
    onSuccess: () => router.refresh(),
  })
  const removedOn = form.watch('removedOn')
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded border border-slate-300 bg-white p-3">
      <h2 className="text-sm font-bold">{t('heading')}</h2>
      <FormError messageKey={formError} />
      <DenseFields>
        <RadioGroupField
          id="removal-reason"
          legend={t('reason')}
          options={removalReasons.map((value) => ({ value, label: t(`reasons.${value}`) }))}
          error={errors.reason?.message}
          {...form.register('reason')}
        />
        <div className="flex flex-wrap items-start gap-3">
          <DateField
            id="removal-day"
            label={t('removedOn')}
            width="narrow"
            min={observedSince}
            max={today}
            error={errors.removedOn?.message}
            {...form.register('removedOn')}
          />
          <TextField
            id="removal-note"
            className="min-w-72 flex-1"
            label={t('note')}
            hint={t('noteHint')}
            error={errors.note?.message}
            {...form.register('note')}
          />
        </div>
      </DenseFields>
      {reviewing ? (
        <ReviewBar
          question={t('confirm', { name, date: removedOn ? formatDay(removedOn) : '' })}
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

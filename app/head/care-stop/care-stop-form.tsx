'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { ReviewBar } from '@/components/ui/review-bar'
import { DateField, FormError, SelectField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import { careStopReasons } from '@/db/schema/care-stop'
import { isContractReason, noticeDeadline } from '@/lib/services/attachment/rules/care-stop'
import { formatDay } from '@/lib/i18n/format'
import { careStopFormSchema } from '@/lib/services/attachment/care-stop/schema'
import { recordCareStop } from './actions'

const emptyForm = { reason: 'contract_terminated', learnedOn: '', stopsOn: '', note: '' } as const

// Sending thousands of SMS cannot be undone, so the form asks once more with the number of people before it saves.
export function CareStopForm({ attachedCount }: { attachedCount: number }) {
  const t = useTranslations('careStop')
  const router = useRouter()
  const [saved, setSaved] = useState<number | null>(null)
  const { form, errors, pending, formError, submit, reviewing, confirm, cancelReview } = useActionForm({
    schema: careStopFormSchema,
    defaultValues: emptyForm,
    action: (notice, idempotencyKey) => recordCareStop({ ...notice, idempotencyKey }),
    review: true,
    onSuccess: (data, recorded) => {
      setSaved(data.queued)
      recorded.reset(emptyForm)
      router.refresh()
    },
  })
  const reason = form.watch('reason')
  const learnedOn = form.watch('learnedOn')
  const stopsOn = form.watch('stopsOn')
  const contract = isContractReason(reason)
  const due = stopsOn && (contract || learnedOn) ? noticeDeadline(reason, { stopsOn, learnedOn }) : null

  return (
    <form
      onSubmit={(event) => {
        setSaved(null)
        return submit(event)
      }}
      noValidate
      className="space-y-3 rounded border border-slate-300 bg-white p-3"
    >
      <h2 className="text-base font-bold">{t('record')}</h2>
      <FormError messageKey={formError} />
      {saved != null ? <Notice>{t('saved', { count: saved })}</Notice> : null}
      <div className="flex flex-wrap items-start gap-3">
        <SelectField id="care-stop-reason" label={t('reason')} error={errors.reason?.message} {...form.register('reason')}>
          {careStopReasons.map((value) => (
            <option key={value} value={value}>
              {t(`reasons.${value}`)}
            </option>
          ))}
        </SelectField>
        {contract ? null : (
          <DateField
            id="care-stop-learned"
            label={t('learnedOn')}
            error={errors.learnedOn?.message}
            {...form.register('learnedOn')}
          />
        )}
        <DateField
          id="care-stop-stops"
          label={t('stopsOn')}
          hint={contract ? t('stopsOnHint') : undefined}
          error={errors.stopsOn?.message}
          {...form.register('stopsOn')}
        />
        <TextField
          id="care-stop-note"
          className="min-w-72 flex-1"
          label={t('note')}
          error={errors.note?.message}
          {...form.register('note')}
        />
      </div>
      {due ? (
        <p className="text-sm text-slate-700" data-testid="care-stop-due">
          {t('dueHint', { date: formatDay(due) })}
        </p>
      ) : null}
      {reviewing ? (
        <ReviewBar
          question={t('confirm', { count: attachedCount })}
          pending={pending}
          onConfirm={confirm}
          onCancel={cancelReview}
        >
          {t('submit')}
        </ReviewBar>
      ) : (
        <Button type="submit">{t('submit')}</Button>
      )}
    </form>
  )
}

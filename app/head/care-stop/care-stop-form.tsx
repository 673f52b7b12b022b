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
import { CALENDAR_YEARS, isInCalendarYears } from '@/lib/calendar'
import { WithoutPhoneCheck } from '@/components/notices/without-phone-check'
import { careStopFormSchema } from '@/lib/services/attachment/care-stop/schema'
import { checkCareStop, recordCareStop } from './actions'

const emptyForm = { reason: 'contract_terminated', learnedOn: '', stopsOn: '', note: '' } as const

// Sending thousands of SMS cannot be undone, so the form asks once more with the number of people before it saves.
// The server checks the notice before that question (issue 15) and names the people no SMS can reach.
export function CareStopForm({ today }: { today: string }) {
  const t = useTranslations('careStop')
  const router = useRouter()
  const [saved, setSaved] = useState<number | null>(null)
  const { form, errors, pending, formError, submit, reviewing, checked, confirm, cancelReview } = useActionForm({
    schema: careStopFormSchema,
    defaultValues: emptyForm,
    action: (notice, idempotencyKey) => recordCareStop({ ...notice, idempotencyKey }),
    check: (notice, idempotencyKey) => checkCareStop({ ...notice, idempotencyKey }),
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
  const due =
    isInCalendarYears(stopsOn) && (contract || isInCalendarYears(learnedOn ?? ''))
      ? noticeDeadline(reason, { stopsOn, learnedOn })
      : null

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
            max={today}
            error={errors.learnedOn?.message}
            errorParams={CALENDAR_YEARS}
            {...form.register('learnedOn')}
          />
        )}
        <DateField
          id="care-stop-stops"
          label={t('stopsOn')}
          hint={contract ? t('stopsOnHint') : undefined}
          error={errors.stopsOn?.message}
          errorParams={CALENDAR_YEARS}
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
      {reviewing && checked ? (
        <>
          <ReviewBar
            question={t('confirm', { count: checked.attached - checked.withoutPhoneCount })}
            pending={pending}
            onConfirm={confirm}
            onCancel={cancelReview}
          >
            {t('submit')}
          </ReviewBar>
          <WithoutPhoneCheck
            people={checked.withoutPhone}
            total={checked.withoutPhoneCount}
            text={{
              heading: t('withoutPhoneCheck', { count: checked.withoutPhoneCount }),
              more:
                checked.withoutPhoneCount > checked.withoutPhone.length
                  ? t('withoutPhoneMore', { count: checked.withoutPhoneCount - checked.withoutPhone.length })
                  : null,
              name: t('columnsWritten.name'),
              iin: t('columnsWritten.iin'),
              address: t('columnsWritten.address'),
            }}
          />
        </>
      ) : (
        <Button type="submit" disabled={pending}>
          {t('submit')}
        </Button>
      )}
    </form>
  )
}

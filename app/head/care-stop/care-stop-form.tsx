'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { careStopReasons } from '@/db/schema/care-stop'
import { isContractReason, noticeDeadline } from '@/lib/care-stop/rules'
import { formatDay } from '@/lib/i18n/format'
import { careStopSchema, type CareStopData, type CareStopInput } from '@/lib/care-stop/schema'
import { recordCareStop } from './actions'

const emptyForm = (): CareStopInput => ({
  reason: 'contract_terminated',
  learnedOn: '',
  stopsOn: '',
  note: '',
  idempotencyKey: crypto.randomUUID(),
})

// Sending thousands of SMS cannot be undone, so the form asks once more with the number of people before it saves.
export function CareStopForm({ attachedCount }: { attachedCount: number }) {
  const t = useTranslations('careStop')
  const root = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [confirming, setConfirming] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState<number | null>(null)
  const form = useForm<CareStopInput, unknown, CareStopData>({
    resolver: zodResolver(careStopSchema),
    defaultValues: emptyForm(),
  })
  const { errors } = form.formState
  const reason = form.watch('reason')
  const learnedOn = form.watch('learnedOn')
  const stopsOn = form.watch('stopsOn')
  const contract = isContractReason(reason)
  const due = stopsOn && (contract || learnedOn) ? noticeDeadline(reason, { stopsOn, learnedOn }) : null

  const onReview = form.handleSubmit(() => {
    setFormError(null)
    setSaved(null)
    setConfirming(true)
  })
  const onConfirm = () =>
    startTransition(async () => {
      const result = await recordCareStop(form.getValues())
      setConfirming(false)
      if (result.ok) {
        setSaved(result.data.queued)
        form.reset(emptyForm())
        router.refresh()
        return
      }
      for (const [field, key] of Object.entries(result.fieldErrors ?? {}))
        form.setError(field as keyof CareStopInput, { message: key })
      if (!result.fieldErrors) setFormError(result.code)
    })

  return (
    <form onSubmit={onReview} noValidate className="space-y-3 rounded border border-slate-300 bg-white p-3">
      <h2 className="text-base font-bold">{t('record')}</h2>
      {formError ? <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice> : null}
      {saved != null ? <Notice>{t('saved', { count: saved })}</Notice> : null}
      <div className="flex flex-wrap items-start gap-3">
        <div>
          <label htmlFor="care-stop-reason" className="mb-1 block text-sm font-bold text-slate-700">
            {t('reason')}
          </label>
          <select
            id="care-stop-reason"
            className="block rounded border border-slate-400 bg-white px-2 py-1.5 text-base"
            aria-invalid={errors.reason ? true : undefined}
            {...form.register('reason', { onChange: () => setConfirming(false) })}
          >
            {careStopReasons.map((value) => (
              <option key={value} value={value}>
                {t(`reasons.${value}`)}
              </option>
            ))}
          </select>
          <FieldError id="care-stop-reason-error" messageKey={errors.reason?.message} />
        </div>
        {contract ? null : (
          <TextField
            id="care-stop-learned"
            type="date"
            label={t('learnedOn')}
            error={errors.learnedOn?.message}
            {...form.register('learnedOn', { onChange: () => setConfirming(false) })}
          />
        )}
        <TextField
          id="care-stop-stops"
          type="date"
          label={t('stopsOn')}
          hint={contract ? t('stopsOnHint') : undefined}
          error={errors.stopsOn?.message}
          {...form.register('stopsOn', { onChange: () => setConfirming(false) })}
        />
        <TextField
          id="care-stop-note"
          className="min-w-72 flex-1"
          label={t('note')}
          error={errors.note?.message}
          {...form.register('note')}
        />
      </div>
      <input type="hidden" {...form.register('idempotencyKey')} />
      {due ? (
        <p className="text-sm text-slate-700" data-testid="care-stop-due">
          {t('dueHint', { date: formatDay(due) })}
        </p>
      ) : null}
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 p-2">
          <p className="text-sm font-bold text-amber-900">{t('confirm', { count: attachedCount })}</p>
          <Button type="button" onClick={onConfirm} disabled={pending} autoFocus>
            {t('submit')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
            {root('common.cancel')}
          </Button>
        </div>
      ) : (
        <Button type="submit">{t('submit')}</Button>
      )}
    </form>
  )
}

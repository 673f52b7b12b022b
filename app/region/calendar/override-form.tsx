'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { DateField, FormError, RadioGroupField, TextField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { CALENDAR_YEARS } from '@/lib/calendar'
import { calendarOverrideSchema, overrideKinds } from '@/lib/calendar/override-schema'
import { removeOverride, saveOverride } from './actions'

export function OverrideForm() {
  const t = useTranslations('calendar')
  const router = useRouter()
  const empty = { day: '', kind: 'working_day', note: '' } as const
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: calendarOverrideSchema,
    defaultValues: empty,
    action: (values) => saveOverride(values),
    onSuccess: (_, saved) => {
      saved.reset(empty)
      router.refresh()
    },
  })
  return (
    <form onSubmit={submit} noValidate className="space-y-2 border-t border-slate-200 pt-3">
      <h3 className="text-sm font-bold">{t('add')}</h3>
      <FormError messageKey={formError} />
      <div className="flex flex-wrap gap-3">
        <DateField
          id="override-day"
          label={t('day')}
          hint={t('dayHint', CALENDAR_YEARS)}
          min={`${CALENDAR_YEARS.first}-01-01`}
          max={`${CALENDAR_YEARS.last}-12-31`}
          error={errors.day?.message}
          errorParams={CALENDAR_YEARS}
          {...form.register('day')}
        />
        <RadioGroupField
          id="override-kind"
          legend={t('kind')}
          inline
          dense
          options={overrideKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
          error={errors.kind?.message}
          {...form.register('kind')}
        />
      </div>
      <TextField
        id="override-note"
        label={t('note')}
        hint={t('noteHint')}
        error={errors.note?.message}
        {...form.register('note')}
      />
      <Button type="submit" disabled={pending}>
        {t('save')}
      </Button>
    </form>
  )
}

export function RemoveOverrideButton({ day }: { day: string }) {
  const t = useTranslations('calendar')
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  return (
    <Button
      variant="quiet"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await removeOverride({ day })
          router.refresh()
        })
      }
    >
      {t('remove')}
    </Button>
  )
}

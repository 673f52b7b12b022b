'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { calendarOverrideSchema, type CalendarOverrideInput } from '@/lib/calendar/override-schema'
import { removeOverride, saveOverride } from './actions'

export function OverrideForm() {
  const t = useTranslations('calendar')
  const root = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const form = useForm<CalendarOverrideInput>({
    resolver: zodResolver(calendarOverrideSchema),
    defaultValues: { day: '', kind: 'working_day', note: '' },
  })
  const { errors } = form.formState
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await saveOverride(values)
      if (result.ok) {
        form.reset({ day: '', kind: 'working_day', note: '' })
        setError(null)
        router.refresh()
        return
      }
      for (const [field, key] of Object.entries(result.fieldErrors ?? {}))
        form.setError(field as keyof CalendarOverrideInput, { message: key })
      if (!result.fieldErrors) setError(result.code)
    }),
  )
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 border-t border-slate-200 pt-3">
      <h3 className="text-sm font-bold">{t('add')}</h3>
      {error ? <Notice tone="error">{root(error as 'errors.unexpected')}</Notice> : null}
      <div className="flex flex-wrap gap-3">
        <TextField id="override-day" type="date" label={t('day')} error={errors.day?.message} {...form.register('day')} />
        <fieldset>
          <legend className="mb-1 block text-sm font-bold text-slate-700">{t('kind')}</legend>
          <label className="mr-3 text-sm">
            <input type="radio" value="working_day" {...form.register('kind')} /> {t('kinds.working_day')}
          </label>
          <label className="text-sm">
            <input type="radio" value="day_off" {...form.register('kind')} /> {t('kinds.day_off')}
          </label>
          <FieldError id="override-kind-error" messageKey={errors.kind?.message} />
        </fieldset>
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

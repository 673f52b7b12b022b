'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { FieldError, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import { calendarOverrideSchema } from '@/lib/calendar/override-schema'
import { removeOverride, saveOverride } from './actions'

export function OverrideForm() {
  const t = useTranslations('calendar')
  const root = useTranslations()
  const router = useRouter()
  const empty = { day: '', kind: 'working_day', note: '' } as const
  const {
    form,
    errors,
    pending,
    formError: error,
    submit: onSubmit,
  } = useActionForm({
    schema: calendarOverrideSchema,
    defaultValues: empty,
    action: saveOverride,
    onSuccess: (_, saved) => {
      saved.reset(empty)
      router.refresh()
    },
  })
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

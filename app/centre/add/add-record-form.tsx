'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { CheckboxField, DateField, DenseFields, FormError, IinField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import { formatDay } from '@/lib/i18n/format'
import { addRecordFormSchema } from '@/lib/registries/record-schema'
import { addRegistryRecord, lookupRegistryPerson } from './actions'

type Found = { lastName: string; firstName: string; middleName: string | null; birthDate: string }

const empty = {
  withoutIin: false,
  iin: '',
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  observationGroup: '',
  observedSince: '',
}

export function AddRecordForm({ today }: { today: string }) {
  const t = useTranslations('centre.add')
  const [saved, setSaved] = useState<number | null>(null)
  const [found, setFound] = useState<{ iin: string; person: Found } | null>(null)
  const [looking, startLookup] = useTransition()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: addRecordFormSchema,
    defaultValues: empty,
    action: (values, idempotencyKey) => addRegistryRecord({ ...values, idempotencyKey }),
    onSuccess: (data) => setSaved(data.recordId),
  })
  if (saved)
    return (
      <div className="space-y-2">
        <Notice>{t('saved')}</Notice>
        <div className="flex gap-4 text-sm">
          <Link href={`/centre/history?record=${saved}`} className="text-brand underline">
            {t('toHistory')}
          </Link>
          <button
            type="button"
            className="text-brand underline"
            onClick={() => {
              form.reset(empty)
              setFound(null)
              setSaved(null)
            }}
          >
            {t('another')}
          </button>
        </div>
      </div>
    )
  const withoutIin = form.watch('withoutIin')
  const iin = form.watch('iin')
  const lookup = () =>
    startLookup(async () => {
      const result = await lookupRegistryPerson({ iin: form.getValues('iin') })
      if (result.ok) {
        form.clearErrors('iin')
        setFound({ iin: form.getValues('iin').replace(/\s/g, ''), person: result.data })
      } else {
        setFound(null)
        form.setError('iin', { message: result.fieldErrors?.iin ?? result.code })
      }
    })
  const shown = found && found.iin === iin.replace(/\s/g, '') ? found.person : null
  return (
    <form onSubmit={submit} noValidate className="max-w-3xl space-y-3 rounded border border-slate-300 bg-white p-3">
      <FormError messageKey={formError} />
      <DenseFields>
        <CheckboxField id="record-without-iin" label={t('withoutIin')} {...form.register('withoutIin')} />
        {withoutIin ? (
          <div className="flex flex-wrap items-start gap-3">
            <TextField
              id="record-last-name"
              label={t('lastName')}
              width="narrow"
              error={errors.lastName?.message}
              {...form.register('lastName')}
            />
            <TextField
              id="record-first-name"
              label={t('firstName')}
              width="narrow"
              error={errors.firstName?.message}
              {...form.register('firstName')}
            />
            <TextField
              id="record-middle-name"
              label={t('middleName')}
              width="narrow"
              error={errors.middleName?.message}
              {...form.register('middleName')}
            />
            <DateField
              id="record-birth-date"
              label={t('birthDate')}
              width="narrow"
              max={today}
              error={errors.birthDate?.message}
              {...form.register('birthDate')}
            />
          </div>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <IinField
              id="record-iin"
              label={t('iin')}
              width="narrow"
              inputMode="numeric"
              autoFocus
              error={errors.iin?.message}
              {...form.register('iin')}
            />
            <Button type="button" variant="secondary" disabled={looking} onClick={lookup} className={errors.iin ? 'mb-6' : ''}>
              {t('find')}
            </Button>
            {shown ? (
              <p className="pb-1.5 text-sm font-bold" data-testid="record-found">
                {t('found', {
                  name: [shown.lastName, shown.firstName, shown.middleName].filter(Boolean).join(' '),
                  birthDate: formatDay(shown.birthDate),
                })}
              </p>
            ) : null}
          </div>
        )}
        <div className="flex flex-wrap items-start gap-3">
          <TextField
            id="record-group"
            label={t('group')}
            hint={t('groupHint')}
            width="narrow"
            error={errors.observationGroup?.message}
            {...form.register('observationGroup')}
          />
          <DateField
            id="record-observed-since"
            label={t('observedSince')}
            width="narrow"
            max={today}
            error={errors.observedSince?.message}
            {...form.register('observedSince')}
          />
        </div>
      </DenseFields>
      <Button type="submit" disabled={pending}>
        {t('submit')}
      </Button>
    </form>
  )
}

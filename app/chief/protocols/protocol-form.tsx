'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useLocale, useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { attachmentProtocolKinds, protocolBases } from '@/db/schema/attachment-protocols'
import type { Locale } from '@/db/schema/people'
import { parseProtocolPeople, protocolDue, type LineError } from '@/lib/attachment-protocol/rules'
import { protocolSchema, type ProtocolData, type ProtocolInput } from '@/lib/attachment-protocol/schema'
import type { CalendarOverride } from '@/lib/calendar'
import { formatInstant } from '@/lib/i18n/format'
import { applyProtocol } from './actions'

const emptyForm = (): ProtocolInput => ({
  kind: 'fund_placement',
  number: '',
  receivedOn: '',
  basis: 'clinic_refusal',
  people: '',
  idempotencyKey: crypto.randomUUID(),
})

type Saved = { attached: number; queued: number; withoutPhone: number }

// Attaching people and sending their SMS cannot be undone, so the form asks once more with the number of people.
// A list with any bad line applies nothing: every line's error comes back and the text stays as typed.
export function ProtocolForm({ today, overrides }: { today: string; overrides: CalendarOverride[] }) {
  const t = useTranslations('protocols')
  const root = useTranslations()
  const locale = useLocale() as Locale
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [confirming, setConfirming] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [lineErrors, setLineErrors] = useState<LineError[]>([])
  const [saved, setSaved] = useState<Saved | null>(null)
  const form = useForm<ProtocolInput, unknown, ProtocolData>({
    resolver: zodResolver(protocolSchema),
    defaultValues: emptyForm(),
  })
  const { errors } = form.formState
  const receivedOn = form.watch('receivedOn')
  const people = form.watch('people')
  const listed = people.trim() ? parseProtocolPeople(people) : null
  const count = listed ? listed.people.length + listed.errors.length : 0
  const due = /^\d{4}-\d{2}-\d{2}$/.test(receivedOn) ? protocolDue(receivedOn, { overrides }) : null
  const edited = () => setConfirming(false)

  const onReview = form.handleSubmit(() => {
    setFormError(null)
    setSaved(null)
    setConfirming(true)
  })
  const onConfirm = () =>
    startTransition(async () => {
      const result = await applyProtocol(form.getValues())
      setConfirming(false)
      if (result.ok) {
        setSaved(result.data)
        setLineErrors([])
        form.reset(emptyForm())
        router.refresh()
        return
      }
      setLineErrors('lineErrors' in result ? (result.lineErrors ?? []) : [])
      for (const [field, key] of Object.entries(result.fieldErrors ?? {}))
        form.setError(field as keyof ProtocolInput, { message: key })
      if (!result.fieldErrors) setFormError(result.code)
    })

  return (
    <form onSubmit={onReview} noValidate className="space-y-3 rounded border border-slate-300 bg-white p-3">
      <h2 className="text-base font-bold">{t('record')}</h2>
      {formError ? <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice> : null}
      {saved ? <Notice>{t('saved', saved)}</Notice> : null}
      <div className="flex flex-wrap items-start gap-3">
        <div>
          <label htmlFor="protocol-kind" className="mb-1 block text-sm font-bold text-slate-700">
            {t('kind')}
          </label>
          <select
            id="protocol-kind"
            className="block rounded border border-slate-400 bg-white px-2 py-1.5 text-base"
            aria-invalid={errors.kind ? true : undefined}
            {...form.register('kind', { onChange: edited })}
          >
            {attachmentProtocolKinds.map((value) => (
              <option key={value} value={value}>
                {t(`kinds.${value}`)}
              </option>
            ))}
          </select>
          <FieldError id="protocol-kind-error" messageKey={errors.kind?.message} />
        </div>
        <TextField
          id="protocol-number"
          label={t('number')}
          error={errors.number?.message}
          {...form.register('number', { onChange: edited })}
        />
        <TextField
          id="protocol-received"
          type="date"
          max={today}
          label={t('receivedOn')}
          error={errors.receivedOn?.message}
          {...form.register('receivedOn', { onChange: edited })}
        />
        <div>
          <label htmlFor="protocol-basis" className="mb-1 block text-sm font-bold text-slate-700">
            {t('basis')}
          </label>
          <select
            id="protocol-basis"
            className="block rounded border border-slate-400 bg-white px-2 py-1.5 text-base"
            aria-invalid={errors.basis ? true : undefined}
            aria-describedby="protocol-basis-hint"
            {...form.register('basis', { onChange: edited })}
          >
            {protocolBases.map((value) => (
              <option key={value} value={value}>
                {t(`bases.${value}`)}
              </option>
            ))}
          </select>
          <p id="protocol-basis-hint" className="mt-1 max-w-md text-xs text-slate-600">
            {t('basisHint')}
          </p>
          <FieldError id="protocol-basis-error" messageKey={errors.basis?.message} />
        </div>
      </div>
      {due ? (
        <p className="text-sm text-slate-700" data-testid="protocol-due">
          {t('dueHint', { due: formatInstant(due, locale) })}
        </p>
      ) : null}
      <div>
        <label htmlFor="protocol-people" className="mb-1 block text-sm font-bold text-slate-700">
          {t('people')}
        </label>
        <textarea
          id="protocol-people"
          rows={8}
          spellCheck={false}
          className="block w-full max-w-xl rounded border border-slate-400 px-2 py-1.5 font-mono text-sm aria-[invalid=true]:border-red-600"
          aria-invalid={errors.people ? true : undefined}
          aria-describedby={errors.people ? 'protocol-people-hint protocol-people-error' : 'protocol-people-hint'}
          {...form.register('people', {
            onChange: () => {
              edited()
              setLineErrors([])
            },
          })}
        />
        <p id="protocol-people-hint" className="mt-1 text-xs text-slate-600">
          {t('peopleHint')} {count > 0 ? t('peopleCount', { count }) : null}
        </p>
        <FieldError id="protocol-people-error" messageKey={errors.people?.message} />
        {lineErrors.length > 0 ? (
          <ul
            aria-label={t('lineErrors')}
            className="mt-1 list-disc pl-5 text-sm text-red-700"
            data-testid="protocol-line-errors"
          >
            {lineErrors.map((error) => (
              <li key={`${error.line}-${error.code}`}>{root(error.code, { line: error.line, first: error.first ?? '' })}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <input type="hidden" {...form.register('idempotencyKey')} />
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 p-2">
          <p className="text-sm font-bold text-amber-900">{t('confirm', { count })}</p>
          <Button type="button" onClick={onConfirm} disabled={pending} autoFocus>
            {pending ? root('common.wait') : t('submit')}
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

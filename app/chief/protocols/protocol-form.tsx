'use client'

import { useRouter } from 'next/navigation'
import { useLocale, useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { DateField, FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { ReviewBar } from '@/components/ui/review-bar'
import { useActionForm } from '@/components/ui/use-action-form'
import { attachmentProtocolKinds, protocolBases } from '@/db/schema/attachment-protocols'
import type { Locale } from '@/db/schema/people'
import { parseProtocolPeople, protocolDue, type LineError } from '@/lib/services/attachment/rules/protocols'
import { protocolFormSchema } from '@/lib/services/attachment/protocols/schema'
import { CALENDAR_YEARS, type CalendarOverride, isInCalendarYears } from '@/lib/calendar'
import { WithoutPhoneCheck } from '@/components/notices/without-phone-check'
import { formatInstant } from '@/lib/i18n/format'
import { applyProtocol, checkProtocol } from './actions'

const emptyForm = { kind: 'fund_placement', number: '', receivedOn: '', basis: 'clinic_refusal', people: '' } as const

type Saved = { attached: number; queued: number; withoutPhone: number }

// Attaching people and sending their SMS cannot be undone, so the form asks once more with the number of people.
// The server checks everything before that question (issue 15): a list with any bad line, or a day in the future,
// never reaches it; every line's error comes back and the text stays as typed. The question names the people no SMS
// can reach, for the written notice.
export function ProtocolForm({ today, overrides }: { today: string; overrides: CalendarOverride[] }) {
  const t = useTranslations('protocols')
  const root = useTranslations()
  const locale = useLocale() as Locale
  const router = useRouter()
  const [lineErrors, setLineErrors] = useState<LineError[]>([])
  const [saved, setSaved] = useState<Saved | null>(null)
  const { form, errors, pending, formError, submit, reviewing, checked, confirm, cancelReview } = useActionForm({
    schema: protocolFormSchema,
    defaultValues: emptyForm,
    action: (protocol, idempotencyKey) => applyProtocol({ ...protocol, idempotencyKey }),
    check: (protocol, idempotencyKey) => checkProtocol({ ...protocol, idempotencyKey }),
    review: true,
    onSuccess: (data, applied) => {
      setSaved(data)
      setLineErrors([])
      applied.reset(emptyForm)
      router.refresh()
    },
    onFailure: (result) => setLineErrors('lineErrors' in result ? (result.lineErrors ?? []) : []),
  })
  const receivedOn = form.watch('receivedOn')
  const people = form.watch('people')
  const listed = people.trim() ? parseProtocolPeople(people) : null
  const count = listed ? listed.people.length + listed.errors.length : 0
  // Only a day the calendar knows has a deadline (issue 15: 2099 crashed the page); the field tells the rest.
  const due = isInCalendarYears(receivedOn) ? protocolDue(receivedOn, { overrides }) : null

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
      {saved ? <Notice>{t('saved', saved)}</Notice> : null}
      <div className="flex flex-wrap items-start gap-3">
        <SelectField id="protocol-kind" label={t('kind')} error={errors.kind?.message} {...form.register('kind')}>
          {attachmentProtocolKinds.map((value) => (
            <option key={value} value={value}>
              {t(`kinds.${value}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="protocol-number" label={t('number')} error={errors.number?.message} {...form.register('number')} />
        <DateField
          id="protocol-received"
          min={`${CALENDAR_YEARS.first}-01-01`}
          max={today}
          label={t('receivedOn')}
          error={errors.receivedOn?.message}
          errorParams={CALENDAR_YEARS}
          {...form.register('receivedOn')}
        />
        <SelectField
          id="protocol-basis"
          label={t('basis')}
          hint={t('basisHint')}
          error={errors.basis?.message}
          {...form.register('basis')}
        >
          {protocolBases.map((value) => (
            <option key={value} value={value}>
              {t(`bases.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {due ? (
        <p className="text-sm text-slate-700" data-testid="protocol-due">
          {t('dueHint', { due: formatInstant(due, locale) })}
        </p>
      ) : null}
      <div>
        <TextAreaField
          id="protocol-people"
          rows={8}
          spellCheck={false}
          dense
          mono
          width="prose"
          label={t('people')}
          hint={
            <>
              {t('peopleHint')} {count > 0 ? t('peopleCount', { count }) : null}
            </>
          }
          error={errors.people?.message}
          {...form.register('people', { onChange: () => setLineErrors([]) })}
        />
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
      {reviewing && checked ? (
        <>
          <ReviewBar
            question={t('confirm', { count: checked.attached })}
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

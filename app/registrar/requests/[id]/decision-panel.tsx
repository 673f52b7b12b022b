'use client'

import { useRouter } from 'next/navigation'
import { useLocale, useTranslations } from 'next-intl'
import { useEffect, useRef, useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { DenseFields, RadioGroupField, SelectField, TextAreaField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import { formatInstant } from '@/lib/i18n/format'
import type { MessageKey } from '@/lib/i18n/messages'
import type { ApprovalChoicesDto } from '@/lib/requests/queries'
import { refusalSchema } from '@/lib/requests/schemas'
import { approveRequest, refuseRequest, takeRequest } from '../actions'

type Result = Awaited<ReturnType<typeof approveRequest>>

// Keys: T takes the request, A then Enter approves, R opens the refusal, Esc goes back to the queue.
export function DecisionPanel({
  requestId,
  version,
  canTake,
  grounds,
  familyCount,
  choices = [],
}: {
  requestId: string
  version: number
  canTake: boolean
  grounds: { code: string; title: string; text: string }[]
  // p.30 para 2: the open requests of the family this decision covers, this one included.
  familyCount?: number
  // What the approval asks for, per request of the decision (an attachment's section), with its suggestion chosen.
  choices?: ApprovalChoicesDto[]
}) {
  const t = useTranslations('decision')
  const root = useTranslations()
  const locale = useLocale()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [refusing, setRefusing] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  // Issue 15: someone else decided the request meanwhile. The panel stays, says who and when, and keeps what this person
  // typed (to copy into a note or a complaint's answer); the decision itself is shown when he asks for it.
  const [overtaken, setOvertaken] = useState<{ message: string; typed: string } | null>(null)
  const approveRef = useRef<HTMLButtonElement>(null)
  const decided = () => {
    setMessage(null)
    router.refresh()
  }
  const refused = (result: Extract<Result, { ok: false }>) => {
    if (result.code === 'errors.request.alreadyDecided' && 'decided' in result && result.decided?.decidedAt) {
      setOvertaken({
        message: root('errors.request.alreadyDecidedBy', {
          who: result.decided.decidedBy ?? '—',
          when: formatInstant(new Date(result.decided.decidedAt), locale === 'ru' ? 'ru' : 'kk'),
        }),
        typed: form.getValues('reason').trim(),
      })
      return
    }
    setMessage(root(result.code as 'errors.unexpected'))
    router.refresh()
  }
  const report = (result: Result) => (result.ok ? decided() : refused(result))

  // The refusal's field errors stand at its fields; the rest of its answer is told above, as approve's and take's are.
  const refusal = useActionForm({
    schema: refusalSchema,
    defaultValues: { requestId, version, ground: '', reason: '' },
    action: (values) => refuseRequest(values),
    onSuccess: decided,
    onFailure: refused,
  })
  const { form, errors } = refusal
  const busy = pending || refusal.pending

  useEffect(() => form.setValue('version', version), [form, version])

  const [chosen, setChosen] = useState<Record<string, Record<string, string>>>(() =>
    Object.fromEntries(
      choices.map((entry) => [
        entry.requestId,
        Object.fromEntries(entry.choices.flatMap((choice) => (choice.value ? [[choice.name, choice.value]] : []))),
      ]),
    ),
  )
  const [choiceErrors, setChoiceErrors] = useState<Record<string, string>>({})
  const approve = () =>
    startTransition(async () => {
      const result = await approveRequest({ requestId, version, details: chosen })
      setChoiceErrors(!result.ok && 'fieldErrors' in result && result.fieldErrors ? result.fieldErrors : {})
      report(result)
    })
  const take = () => startTransition(async () => report(await takeRequest({ requestId, version })))

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, textarea, select') || event.altKey || event.ctrlKey || event.metaKey) {
        if (event.key === 'Escape') setRefusing(false)
        return
      }
      // Physical keys (event.code): the shortcuts work whatever the keyboard layout.
      const key = event.code
      if (key === 'KeyA') {
        event.preventDefault()
        // A puts the focus on Approve; Enter then confirms. One stray key never decides a request.
        approveRef.current?.focus()
      } else if (key === 'KeyR') {
        event.preventDefault()
        setRefusing(true)
      } else if (key === 'KeyT' && canTake) {
        event.preventDefault()
        take()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  })

  useEffect(() => {
    if (refusing) form.setFocus('ground')
  }, [refusing, form])

  if (overtaken)
    return (
      <DecisionFrame heading={t('heading')}>
        <Notice tone="error">{overtaken.message}</Notice>
        {overtaken.typed ? (
          <DenseFields>
            <TextAreaField
              id="unsent-reason"
              rows={4}
              label={t('unsentReason')}
              hint={t('unsentReasonHint')}
              readOnly
              value={overtaken.typed}
            />
          </DenseFields>
        ) : null}
        <Button onClick={() => router.refresh()}>{t('showDecision')}</Button>
      </DecisionFrame>
    )

  return (
    <DecisionFrame heading={t('heading')}>
      {message ? <Notice tone="error">{message}</Notice> : null}
      {familyCount ? <Notice tone="warning">{root('family.decisionApplies', { count: familyCount })}</Notice> : null}
      {choices.length > 0 ? (
        <DenseFields>
          {choices.map((entry) =>
            entry.choices.map((choice) => {
              const id = `approval-${entry.requestId}-${choice.name}`
              const error = choiceErrors[`details.${entry.requestId}.${choice.name}`]
              return (
                <SelectField
                  key={id}
                  id={id}
                  label={
                    choices.length > 1
                      ? `${root(choice.label as MessageKey)}: ${entry.patientName}`
                      : root(choice.label as MessageKey)
                  }
                  hint={choice.hint ? root(choice.hint as MessageKey) : undefined}
                  error={error}
                  value={chosen[entry.requestId]?.[choice.name] ?? ''}
                  onChange={(event) =>
                    setChosen((current) => ({
                      ...current,
                      [entry.requestId]: { ...current[entry.requestId], [choice.name]: event.target.value },
                    }))
                  }
                >
                  {choice.value === null ? <option value="">—</option> : null}
                  {choice.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </SelectField>
              )
            }),
          )}
        </DenseFields>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {canTake ? (
          <Button variant="secondary" onClick={take} disabled={busy} aria-keyshortcuts="T">
            {t('take')} <kbd className="text-xs text-slate-500">T</kbd>
          </Button>
        ) : null}
        <Button ref={approveRef} onClick={approve} disabled={busy} aria-keyshortcuts="A">
          {t('approve')} <kbd className="text-xs text-white/70">A</kbd>
        </Button>
        <Button variant="secondary" onClick={() => setRefusing(true)} disabled={busy} aria-keyshortcuts="R">
          {t('refuse')} <kbd className="text-xs text-slate-500">R</kbd>
        </Button>
      </div>
      {refusing ? (
        <form onSubmit={refusal.submit} noValidate className="space-y-2 border-t border-slate-200 pt-3">
          <DenseFields>
            <RadioGroupField
              id="ground"
              legend={t('ground')}
              options={grounds.map((ground) => ({
                value: ground.code,
                label: <span className="font-bold">{ground.title}</span>,
                description: ground.text,
              }))}
              error={errors.ground?.message}
              {...form.register('ground')}
            />
            <TextAreaField
              id="reason"
              rows={4}
              label={t('reason')}
              hint={t('reasonHint')}
              error={errors.reason?.message}
              {...form.register('reason')}
            />
          </DenseFields>
          <div className="flex gap-2">
            <Button type="submit" disabled={busy} className="bg-red-700 hover:bg-red-800">
              {t('confirmRefusal')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRefusing(false)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      <p className="text-xs text-slate-700">{t('keys')}</p>
    </DecisionFrame>
  )
}

function DecisionFrame({ heading, children }: { heading: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby="decision-panel-heading"
      className="space-y-3 self-start rounded border border-slate-300 bg-white p-3"
    >
      <h2 id="decision-panel-heading" className="font-bold">
        {heading}
      </h2>
      {children}
    </section>
  )
}

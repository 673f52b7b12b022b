'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useLocale, useTranslations } from 'next-intl'
import { useEffect, useRef, useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError, TextAreaField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { formatInstant } from '@/lib/i18n/format'
import { refusalSchema, type RefusalInput } from '@/lib/requests/schemas'
import { approveRequest, refuseRequest, takeRequest } from '../actions'

type Result = Awaited<ReturnType<typeof approveRequest>>

// Keys: T takes the request, A then Enter approves, R opens the refusal, Esc goes back to the queue.
export function DecisionPanel({
  requestId,
  version,
  canTake,
  grounds,
  familyCount,
}: {
  requestId: string
  version: number
  canTake: boolean
  grounds: { code: string; title: string; text: string }[]
  // p.30 para 2: the open requests of the family this decision covers, this one included.
  familyCount?: number
}) {
  const t = useTranslations('decision')
  const root = useTranslations()
  const locale = useLocale()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [refusing, setRefusing] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const approveRef = useRef<HTMLButtonElement>(null)
  const form = useForm<RefusalInput>({
    resolver: zodResolver(refusalSchema),
    defaultValues: { requestId, version, ground: '', reason: '' },
  })
  const { errors } = form.formState

  useEffect(() => form.setValue('version', version), [form, version])

  function report(result: Result) {
    if (result.ok) {
      setMessage(null)
      router.refresh()
      return
    }
    if (result.code === 'errors.request.alreadyDecided' && 'decided' in result && result.decided?.decidedAt) {
      setMessage(
        root('errors.request.alreadyDecidedBy', {
          who: result.decided.decidedBy ?? '—',
          when: formatInstant(new Date(result.decided.decidedAt), locale === 'ru' ? 'ru' : 'kk'),
        }),
      )
    } else {
      setMessage(root(result.code as 'errors.unexpected'))
    }
    for (const [field, key] of Object.entries(result.fieldErrors ?? {}))
      form.setError(field as keyof RefusalInput, { message: key })
    router.refresh()
  }

  const approve = () => startTransition(async () => report(await approveRequest({ requestId, version })))
  const take = () => startTransition(async () => report(await takeRequest({ requestId, version })))
  const refuse = form.handleSubmit((values) => startTransition(async () => report(await refuseRequest(values))))

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

  return (
    <section
      aria-labelledby="decision-panel-heading"
      className="space-y-3 self-start rounded border border-slate-300 bg-white p-3"
    >
      <h2 id="decision-panel-heading" className="font-bold">
        {t('heading')}
      </h2>
      {message ? <Notice tone="error">{message}</Notice> : null}
      {familyCount ? <Notice tone="warning">{root('family.decisionApplies', { count: familyCount })}</Notice> : null}
      <div className="flex flex-wrap gap-2">
        {canTake ? (
          <Button variant="secondary" onClick={take} disabled={pending} aria-keyshortcuts="T">
            {t('take')} <kbd className="text-xs text-slate-500">T</kbd>
          </Button>
        ) : null}
        <Button ref={approveRef} onClick={approve} disabled={pending} aria-keyshortcuts="A">
          {t('approve')} <kbd className="text-xs text-white/70">A</kbd>
        </Button>
        <Button variant="secondary" onClick={() => setRefusing(true)} disabled={pending} aria-keyshortcuts="R">
          {t('refuse')} <kbd className="text-xs text-slate-500">R</kbd>
        </Button>
      </div>
      {refusing ? (
        <form onSubmit={refuse} noValidate className="space-y-2 border-t border-slate-200 pt-3">
          <fieldset aria-describedby={errors.ground ? 'ground-error' : undefined}>
            <legend className="mb-1 block text-sm font-bold text-slate-700">{t('ground')}</legend>
            <div className="space-y-1">
              {grounds.map((ground) => (
                <label key={ground.code} className="flex items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
                  <input
                    type="radio"
                    value={ground.code}
                    className="mt-1"
                    aria-invalid={errors.ground ? true : undefined}
                    {...form.register('ground')}
                  />
                  <span>
                    <span className="font-bold">{ground.title}</span>
                    <span className="block text-xs text-slate-700">{ground.text}</span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError id="ground-error" messageKey={errors.ground?.message} />
          </fieldset>
          <TextAreaField
            id="reason"
            rows={4}
            label={t('reason')}
            hint={t('reasonHint')}
            error={errors.reason?.message}
            {...form.register('reason')}
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending} className="bg-red-700 hover:bg-red-800">
              {t('confirmRefusal')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRefusing(false)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      <p className="text-xs text-slate-700">{t('keys')}</p>
    </section>
  )
}

'use client'

import type { ErrorCode } from '@/lib/errors/codes'
import { useLocale, useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { FieldError, TextAreaField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import type { InboxDocument } from '@/lib/documents/inbox'
import { refuseToSignSchema, signDocumentsSchema } from '@/lib/documents/schema'
import { signHashesWithNcaLayer } from '@/lib/signing/ncalayer-client'

// What the page hands the inbox of each document (lib/documents/inbox), with its deadline drawn.
export type InboxRow = Pick<
  InboxDocument,
  'id' | 'kind' | 'number' | 'version' | 'snapshotHash' | 'onBehalfOfClinic' | 'patientName' | 'patientIin' | 'requestNumber'
> & { due: ReactNode }

type Method = 'pin' | 'ncalayer'
type Outcome = { tone: 'info' | 'error'; key: string; values?: Record<string, string | number> } | null

// The signing inbox: documents awaiting this person's signature, oldest deadline first, the PDF of the current one
// beside the list. Tick several and sign them with one PIN entry (demo PKI) or one NCALayer dialog; or send the
// current one back to the registrar with a reason. Keys: j/k move, x ticks, a ticks all, p goes to the PIN.
type Signed = { ok: true; data: { signed: number } } | { ok: false; code: ErrorCode; fieldErrors?: Record<string, string> }
type Refused = { ok: true; data: unknown } | { ok: false; code: ErrorCode; fieldErrors?: Record<string, string> }

// The signer's server actions, passed in by the route (app/doctor/sign/actions.ts).
export type SigningActions = {
  signDocuments: (input: unknown) => Promise<Signed>
  submitNcaLayerSignatures: (input: unknown) => Promise<Signed>
  refuseToSignDocument: (input: unknown) => Promise<Refused>
}

export function SigningInbox({ rows, demoPki, actions }: { rows: InboxRow[]; demoPki: boolean; actions: SigningActions }) {
  const { signDocuments, submitNcaLayerSignatures, refuseToSignDocument } = actions
  const t = useTranslations('signingInbox')
  const root = useTranslations()
  const locale = useLocale() as 'kk' | 'ru'
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [current, setCurrent] = useState<string | null>(rows[0]?.id ?? null)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [method, setMethod] = useState<Method>(demoPki ? 'pin' : 'ncalayer')
  const [pin, setPin] = useState('')
  const [pinError, setPinError] = useState<string | undefined>()
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [refusing, setRefusing] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | undefined>()
  const table = useRef<HTMLTableSectionElement>(null)

  // Rows leave the list once signed; forget ticks and the preview of rows that are gone.
  const ids = useMemo(() => new Set(rows.map((row) => row.id)), [rows])
  const visibleSelected = [...selected].filter((id) => ids.has(id))
  const shown = rows.find((row) => row.id === current) ?? rows[0] ?? null
  const chosen = rows.filter((row) => selected.has(row.id))

  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const allTicked = rows.length > 0 && rows.every((row) => selected.has(row.id))
  const tickAll = () => setSelected(allTicked ? new Set() : new Set(rows.map((row) => row.id)))

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement
      if (target.closest('input:not([type=checkbox]), textarea, select, [contenteditable=true]')) return
      if (event.altKey || event.ctrlKey || event.metaKey) return
      const list = Array.from(table.current?.querySelectorAll<HTMLElement>('[data-row]') ?? [])
      const index = list.findIndex((row) => row.dataset.id === shown?.id)
      const move = (to: number) => {
        const row = list[Math.max(0, Math.min(to, list.length - 1))]
        if (!row) return
        setCurrent(row.dataset.id!)
        row.focus()
      }
      if (event.key === 'ArrowDown' || event.code === 'KeyJ') {
        event.preventDefault()
        move(index + 1)
      } else if (event.key === 'ArrowUp' || event.code === 'KeyK') {
        event.preventDefault()
        move(index - 1)
      } else if (event.code === 'KeyX' && shown) {
        event.preventDefault()
        toggle(shown.id)
      } else if (event.code === 'KeyA') {
        event.preventDefault()
        tickAll()
      } else if (event.code === 'KeyP' && method === 'pin') {
        event.preventDefault()
        document.getElementById('signing-pin')?.focus()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  })

  function finish(result: Signed) {
    if (result.ok) {
      setOutcome({ tone: 'info', key: 'signingInbox.signed', values: { count: result.data.signed } })
      setSelected(new Set())
      setPin('')
      setPinError(undefined)
      router.refresh()
    } else if (result.fieldErrors?.pin) {
      setPinError(result.fieldErrors.pin)
      setOutcome(null)
    } else {
      setOutcome({ tone: 'error', key: result.code })
    }
  }

  function sign() {
    setOutcome(null)
    const documentIds = chosen.map((row) => row.id)
    if (method === 'pin') {
      const parsed = signDocumentsSchema.safeParse({ documentIds, pin })
      if (!parsed.success) {
        const issues = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]))
        setPinError(issues.pin)
        if (issues.documentIds) setOutcome({ tone: 'error', key: issues.documentIds })
        if (issues.pin) document.getElementById('signing-pin')?.focus()
        return
      }
      startTransition(async () => finish(await signDocuments(parsed.data)))
      return
    }
    if (documentIds.length === 0) {
      setOutcome({ tone: 'error', key: 'errors.signing.nothingSelected' })
      return
    }
    startTransition(async () => {
      const signed = await signHashesWithNcaLayer(
        chosen.map((row) => row.snapshotHash),
        { locale, organization: chosen.some((row) => row.onBehalfOfClinic) },
      )
      if (!signed.ok) {
        setOutcome({ tone: 'error', key: signed.error })
        return
      }
      finish(
        await submitNcaLayerSignatures({
          items: chosen.map((row, index) => ({ documentId: row.id, signature: signed.signatures[index]! })),
        }),
      )
    })
  }

  function refuse() {
    if (!shown) return
    const parsed = refuseToSignSchema.safeParse({ documentId: shown.id, version: shown.version, reason })
    if (!parsed.success) {
      setReasonError(parsed.error.issues.find((issue) => issue.path[0] === 'reason')?.message ?? 'errors.invalidInput')
      document.getElementById('refusal-reason')?.focus()
      return
    }
    startTransition(async () => {
      const result = await refuseToSignDocument(parsed.data)
      if (result.ok) {
        setOutcome({ tone: 'info', key: 'signingInbox.returned', values: { number: shown.number } })
        setRefusing(false)
        setReason('')
        setReasonError(undefined)
        setSelected((previous) => {
          const next = new Set(previous)
          next.delete(shown.id)
          return next
        })
        router.refresh()
      } else if (result.fieldErrors?.reason) setReasonError(result.fieldErrors.reason)
      else setOutcome({ tone: 'error', key: result.code })
    })
  }

  const outcomeText = outcome
    ? root.has(outcome.key as never)
      ? root(outcome.key as never, outcome.values as never)
      : root('errors.unexpected')
    : null

  return (
    <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="inbox-list-heading" className="min-w-0">
        <h2 id="inbox-list-heading" className="sr-only">
          {t('listHeading')}
        </h2>
        {outcomeText ? (
          <div className="mb-2" data-testid="signing-outcome">
            <Notice tone={outcome!.tone}>{outcomeText}</Notice>
          </div>
        ) : null}
        {rows.length === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-3 text-sm">{t('empty')}</p>
        ) : (
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left text-slate-600">
                <th className="w-8 px-2 py-1.5">
                  <input
                    type="checkbox"
                    aria-label={t('tickAll')}
                    checked={allTicked}
                    onChange={tickAll}
                    className="size-4 align-middle"
                  />
                </th>
                <th className="px-2 py-1.5 font-bold">{t('columns.document')}</th>
                <th className="px-2 py-1.5 font-bold">{t('columns.patient')}</th>
                <th className="px-2 py-1.5 font-bold">{t('columns.request')}</th>
                <th className="px-2 py-1.5 font-bold">{t('columns.due')}</th>
              </tr>
            </thead>
            <tbody ref={table}>
              {rows.map((row) => {
                const isShown = row.id === shown?.id
                return (
                  <tr
                    key={row.id}
                    data-row
                    data-id={row.id}
                    data-testid={`inbox-${row.id}`}
                    tabIndex={0}
                    aria-current={isShown ? 'true' : undefined}
                    onClick={() => setCurrent(row.id)}
                    className={`cursor-pointer border-b border-slate-100 focus:outline-2 focus:outline-amber-500 ${isShown ? 'bg-sky-50' : 'hover:bg-slate-50'}`}
                  >
                    <td className="px-2 py-1.5" onClick={(event) => event.stopPropagation()}>
                      <input
                        type="checkbox"
                        className="size-4 align-middle"
                        aria-label={t('tick', { kind: root(`documents.kinds.${row.kind}`), number: row.number })}
                        checked={selected.has(row.id)}
                        onChange={() => toggle(row.id)}
                      />
                    </td>
                    <td className="px-2 py-1.5">
                      {root(`documents.kinds.${row.kind}`)}{' '}
                      <span className="whitespace-nowrap tabular-nums text-slate-600">№ {row.number}</span>
                    </td>
                    <td className="px-2 py-1.5">
                      {row.patientName} <span className="tabular-nums text-slate-600">{row.patientIin}</span>
                    </td>
                    <td className="whitespace-nowrap px-2 py-1.5 tabular-nums">
                      {row.requestNumber ? `№ ${row.requestNumber}` : '—'}
                    </td>
                    <td className="px-2 py-1.5">{row.due}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
        <p className="mt-1 text-xs text-slate-600">{t('keys')}</p>

        {rows.length > 0 ? (
          <form
            className="mt-3 rounded border border-slate-300 bg-white p-3"
            aria-labelledby="sign-heading"
            onSubmit={(event) => {
              event.preventDefault()
              sign()
            }}
          >
            <h2 id="sign-heading" className="mb-2 font-bold">
              {t('signHeading', { count: visibleSelected.length })}
            </h2>
            <fieldset className="mb-2 flex flex-wrap gap-4 text-sm">
              <legend className="sr-only">{t('method')}</legend>
              {demoPki ? (
                <label className="inline-flex items-center gap-1.5">
                  <input type="radio" name="method" checked={method === 'pin'} onChange={() => setMethod('pin')} />
                  {t('methods.pin')}
                </label>
              ) : null}
              <label className="inline-flex items-center gap-1.5">
                <input type="radio" name="method" checked={method === 'ncalayer'} onChange={() => setMethod('ncalayer')} />
                {t('methods.ncalayer')}
              </label>
            </fieldset>
            <div className="flex flex-wrap items-start gap-3">
              {method === 'pin' ? (
                <div>
                  <label htmlFor="signing-pin" className="mb-1 block text-sm font-bold text-slate-700">
                    {t('pin')}
                  </label>
                  <input
                    id="signing-pin"
                    type="password"
                    inputMode="numeric"
                    autoComplete="off"
                    value={pin}
                    onChange={(event) => {
                      setPin(event.target.value)
                      setPinError(undefined)
                    }}
                    aria-invalid={pinError ? true : undefined}
                    aria-describedby={pinError ? 'signing-pin-error signing-pin-hint' : 'signing-pin-hint'}
                    className="block w-40 rounded border border-slate-400 px-2 py-1.5 font-mono text-base aria-[invalid=true]:border-red-600"
                  />
                  <p id="signing-pin-hint" className="mt-1 max-w-xs text-xs text-slate-600">
                    {t('pinHint')}
                  </p>
                  <FieldError id="signing-pin-error" messageKey={pinError} />
                </div>
              ) : (
                <p className="max-w-md text-sm text-slate-700">{t('ncalayerHint')}</p>
              )}
              <Button type="submit" disabled={pending} className="mt-6">
                {pending ? t('signing') : t('sign', { count: visibleSelected.length })}
              </Button>
            </div>
          </form>
        ) : null}
      </section>

      {shown ? (
        <section aria-labelledby="preview-heading" className="min-w-0">
          <div className="mb-1 flex items-baseline justify-between gap-2">
            <h2 id="preview-heading" className="font-bold">
              {root(`documents.kinds.${shown.kind}`)} № {shown.number}
            </h2>
            <a href={`/documents/${shown.id}/pdf`} target="_blank" rel="noreferrer" className="text-sm text-brand underline">
              {t('openPdf')}
            </a>
          </div>
          <iframe
            key={shown.id}
            title={t('previewTitle', { kind: root(`documents.kinds.${shown.kind}`), number: shown.number })}
            src={`/documents/${shown.id}/pdf#toolbar=0&view=FitH`}
            className="h-[70vh] w-full rounded border border-slate-300 bg-white"
          />
          {refusing ? (
            <form
              className="mt-2 rounded border border-slate-300 bg-white p-3"
              onSubmit={(event) => {
                event.preventDefault()
                refuse()
              }}
            >
              <TextAreaField
                id="refusal-reason"
                rows={3}
                label={t('refuseReason')}
                error={reasonError}
                value={reason}
                autoFocus
                onChange={(event) => {
                  setReason(event.target.value)
                  setReasonError(undefined)
                }}
              />
              <div className="mt-2 flex gap-2">
                <Button type="submit" disabled={pending}>
                  {t('refuseSubmit')}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setRefusing(false)}>
                  {t('refuseCancel')}
                </Button>
              </div>
            </form>
          ) : (
            <Button type="button" variant="secondary" className="mt-2" onClick={() => setRefusing(true)}>
              {t('refuse')}
            </Button>
          )}
        </section>
      ) : null}
    </div>
  )
}

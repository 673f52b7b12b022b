'use client'

import { useTranslations } from 'next-intl'
import Link from 'next/link'
import { useRef, useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { Notice } from '@/components/ui/notice'
import { formatDay } from '@/lib/i18n/format'
import { maxPdfBytes } from '@/lib/verification/pdf-limits'
import type { PdfCheckAnswer } from './pdf/answer'

type Shown = { tone: 'info' | 'error' | 'warning'; answer: PdfCheckAnswer }

const toneOf = (answer: PdfCheckAnswer): Shown['tone'] =>
  answer.outcome === 'match'
    ? answer.revoked || answer.expired
      ? 'warning'
      : 'info'
    : answer.outcome === 'differs'
      ? 'error'
      : 'warning'

// Posts the file to the route handler /verify/pdf (a server action's body is capped at 1 MB) and shows its answer,
// translated here from the message key it returns.
export function PdfUploadForm() {
  const t = useTranslations()
  const input = useRef<HTMLInputElement>(null)
  const [pending, startTransition] = useTransition()
  const [shown, setShown] = useState<Shown | null>(null)

  const show = (answer: PdfCheckAnswer) => setShown({ tone: toneOf(answer), answer })

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const file = input.current?.files?.[0]
    if (!file) return show({ outcome: 'invalid', messageKey: 'verify.pdf.noFile' })
    if (file.size > maxPdfBytes) return show({ outcome: 'invalid', messageKey: 'verify.pdf.tooLarge' })
    setShown(null)
    startTransition(async () => {
      const body = new FormData()
      body.set('file', file)
      try {
        const response = await fetch('/verify/pdf', { method: 'POST', body })
        show((await response.json()) as PdfCheckAnswer)
      } catch {
        show({ outcome: 'invalid', messageKey: 'verify.pdf.failed' })
      }
    })
  }

  const answer = shown?.answer
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" encType="multipart/form-data">
      {shown && answer ? (
        <Notice tone={shown.tone}>
          <p className="font-bold">
            {answer.outcome === 'match' || answer.outcome === 'unsigned' || answer.outcome === 'unsigned_copy'
              ? t(answer.messageKey, { kind: t(`documents.kinds.${answer.kind}`), number: answer.number })
              : answer.outcome === 'rate_limited'
                ? t('verify.rateLimited', { time: answer.time })
                : t(answer.messageKey)}
          </p>
          {answer.outcome === 'match' && answer.revoked ? <p>{t('verify.pdf.revokedNote')}</p> : null}
          {answer.outcome === 'match' && !answer.revoked && answer.validThrough ? (
            <p className={answer.expired ? 'font-bold' : undefined}>
              {t(answer.expired ? 'verify.pdf.expiredNote' : 'verify.pdf.validThroughNote', {
                date: formatDay(answer.validThrough),
              })}
            </p>
          ) : null}
          {'code' in answer ? (
            <Link href={`/verify/${answer.code}`} prefetch={false} className="font-bold text-brand underline">
              {t('verify.pdf.open')}
            </Link>
          ) : null}
        </Notice>
      ) : null}
      <div>
        <label htmlFor="verification-pdf" className="mb-1 block text-sm font-bold text-slate-700">
          {t('verify.pdf.label')}
        </label>
        <input
          ref={input}
          id="verification-pdf"
          name="file"
          type="file"
          accept="application/pdf,.pdf"
          onChange={() => setShown(null)}
          className="block w-full text-sm file:mr-3 file:rounded file:border file:border-slate-400 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-bold"
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('verify.pdf.checking') : t('verify.pdf.submit')}
      </Button>
    </form>
  )
}

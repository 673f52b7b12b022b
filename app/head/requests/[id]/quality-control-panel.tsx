import { getLocale, getTranslations } from 'next-intl/server'
import { DeadlineBadge } from '@/components/requests/deadline-badge'
import type { CalendarOverride } from '@/lib/calendar'
import { formatInstant } from '@/lib/i18n/format'
import type { RequestDetailDto } from '@/lib/requests/queries'
import { isOpen } from '@/lib/requests/status'
import { complaintForwardBy, qualityControlDueAt, wasForwardedLate } from '@/lib/services/complaint/deadline'
import { forwardedGrounds } from '@/lib/services/complaint'
import { qualityControlAnswerEvent } from '@/lib/services/complaint/schema'
import { qualityControlOutcomes, type QualityControlOutcome } from '@/lib/services/complaint/schema'
import { QualityControlAnswerForm } from './quality-control-answer-form'

// A complaint's way to the quality-control body: the forwarding limit while the clinic holds it (p.40), then the
// body's 15 working days (p.39) and its answer, recorded by the head.
export async function QualityControlPanel({
  request,
  now,
  overrides,
}: {
  request: RequestDetailDto
  now: Date
  overrides: readonly CalendarOverride[]
}) {
  const t = await getTranslations('complaint')
  const root = await getTranslations()
  const locale = await getLocale()
  const options = { overrides }
  const forwardedAt =
    request.status === 'refused' && forwardedGrounds.includes(request.refusalGround ?? '') ? request.decidedAt : null
  if (!isOpen(request.status) && !forwardedAt) return null
  const answer = request.timeline.find((event) => event.type === qualityControlAnswerEvent)
  const outcome = qualityControlOutcomes.find((value) => value === answer?.data.outcome) as QualityControlOutcome | undefined
  return (
    <section aria-labelledby="quality-control-heading" className="space-y-2 rounded border border-slate-300 bg-white p-3">
      <h2 id="quality-control-heading" className="font-bold">
        {t('review.heading')}
      </h2>
      <dl className="grid grid-cols-[13rem_1fr] gap-x-3 gap-y-1 text-sm">
        {forwardedAt ? (
          <>
            <dt className="text-slate-600">{t('review.forwardedAt')}</dt>
            <dd className="tabular-nums">
              {formatInstant(forwardedAt, locale)}
              {wasForwardedLate({ submittedAt: request.submittedAt, channel: request.channel, forwardedAt }, options) ? (
                <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs font-bold text-white" data-flag="forwarded-late">
                  {root('complaints.forwardedLate')}
                </span>
              ) : null}
            </dd>
            <dt className="text-slate-600">{t('review.dueAt')}</dt>
            <dd>
              <DeadlineBadge due={qualityControlDueAt(forwardedAt, options)} now={now} overrides={overrides} open={!answer} />
            </dd>
          </>
        ) : (
          <>
            <dt className="text-slate-600">{t('forwardBy')}</dt>
            <dd>
              <DeadlineBadge
                due={complaintForwardBy(request.submittedAt, request.channel, options)}
                now={now}
                overrides={overrides}
              />
            </dd>
          </>
        )}
        {answer && outcome ? (
          <>
            <dt className="text-slate-600">{t('review.answer')}</dt>
            <dd>
              <span className="font-bold">{t(`review.outcomes.${outcome}`)}</span>
              {typeof answer.data.text === 'string' ? (
                <span className="block whitespace-pre-wrap">{answer.data.text}</span>
              ) : null}
              <span className="block text-xs text-slate-600">
                {t('review.recordedBy', { who: answer.actorName ?? '—', when: formatInstant(answer.createdAt, locale) })}
              </span>
            </dd>
          </>
        ) : null}
      </dl>
      {forwardedAt && !answer ? (
        <>
          <p className="text-sm text-slate-700">{t('review.awaiting')}</p>
          <QualityControlAnswerForm requestId={request.id} />
        </>
      ) : null}
    </section>
  )
}

import { Fragment } from 'react'
import { useLocale, useTranslations } from 'next-intl'
import type { CalendarOverride } from '@/lib/calendar'
import type { MessageKey } from '@/lib/i18n/messages'
import { formatDay, formatInstant, localized } from '@/lib/i18n/format'
import { isOpen } from '@/lib/requests/status'
import type { RequestDetailDto } from '@/lib/requests/queries'
import type { DecisionWords, RefusalGround, SummaryRow } from '@/lib/requests/contract'
import { DeadlineBadge } from './deadline-badge'
import { StatusBadge } from './status-badge'
import { Timeline } from './timeline'

// What the patient and the registrar both see of a request: status, deadline, what was asked, the decision, the history.
export function RequestSummary({
  request,
  rows,
  grounds,
  eventNotes,
  now,
  overrides,
  audience,
  actions,
  decisionWords,
  eventLabels,
  requestHref,
  calendarClock = false,
}: {
  request: RequestDetailDto
  // What was asked, as the request's service words it (ServiceDefinition.summary).
  rows: readonly SummaryRow[]
  // The service's refusal grounds, to name the one a refusal gave.
  grounds: readonly RefusalGround[]
  // What the service says under its own events (ServiceDefinition.eventNote), by event id.
  eventNotes: Readonly<Record<number, string>>
  now: Date
  overrides: readonly CalendarOverride[]
  // Staff see the working time left; a patient sees when the answer is due.
  audience: 'staff' | 'patient'
  // The service's limit runs round the clock: the time left is plain time (lib/services calendarClockServices).
  calendarClock?: boolean
  actions?: React.ReactNode
  // The service's own words for the decision, translated (a complaint is satisfied or forwarded, not approved).
  decisionWords?: DecisionWords | null
  // The service's own names for events of its history, by event id.
  eventLabels?: Readonly<Record<number, string>>
  // This audience's page of another request (the decision a complaint contests), for the links to it.
  requestHref?: (requestId: string) => string
}) {
  const t = useTranslations('requests')
  const root = useTranslations()
  const locale = useLocale()
  const groundText = (code: string) => {
    const ground = grounds.find((g) => g.code === code)
    return ground ? localized(locale, ground.kk, ground.ru) : code
  }
  // What the approval said to the applicant (a complaint's answer), from its latest approval in the history.
  const approvalNote =
    request.status === 'approved' ? request.timeline.findLast((event) => event.type === 'approve')?.data.note : undefined
  return (
    <div className="space-y-3">
      <section aria-labelledby="request-heading" className="rounded border border-slate-300 bg-white p-3">
        <div className="mb-2 flex flex-wrap items-center gap-2">
          <h1 id="request-heading" className="text-lg font-bold">
            {t('title', {
              number: request.number,
              service: root(`services.${request.service}.name` as MessageKey),
            })}
          </h1>
          <StatusBadge status={request.status} label={decisionWords?.status} />
        </div>
        <dl className="grid grid-cols-[11rem_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600">{t('fields.patient')}</dt>
          <dd>
            {request.patientName} <span className="font-mono text-slate-600">{request.patientIin}</span>
          </dd>
          <dt className="text-slate-600">{t('fields.birthDate')}</dt>
          <dd className="tabular-nums">{formatDay(request.patientBirthDate)}</dd>
          <dt className="text-slate-600">{t('fields.clinic')}</dt>
          <dd>{localized(locale, request.organizationNameKk, request.organizationNameRu)}</dd>
          {rows.map((row) => (
            <Fragment key={row.label}>
              <dt className="text-slate-600">{row.label}</dt>
              <dd className={row.multiline ? 'whitespace-pre-wrap' : undefined}>
                {row.requestId && requestHref ? (
                  <a href={requestHref(row.requestId)} className="font-bold text-brand underline" data-contested>
                    {row.value}
                  </a>
                ) : (
                  row.value
                )}
                {row.note ? <span className="text-slate-600"> {row.note}</span> : null}
                {row.alert ? (
                  <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs font-bold text-white">{row.alert}</span>
                ) : null}
                {row.block ? <span className="block text-slate-600">{row.block}</span> : null}
              </dd>
            </Fragment>
          ))}
          <dt className="text-slate-600">{t('fields.channel')}</dt>
          <dd>{t(`channels.${request.channel}`)}</dd>
          <dt className="text-slate-600">{t('fields.submittedAt')}</dt>
          <dd className="tabular-nums">{formatInstant(request.submittedAt, locale)}</dd>
          <dt className="text-slate-600">{t('fields.dueAt')}</dt>
          <dd>
            <DeadlineBadge
              due={request.dueAt}
              now={now}
              overrides={overrides}
              open={isOpen(request.status)}
              countdown={audience === 'staff'}
              clock={calendarClock ? 'calendar' : 'working'}
            />
          </dd>
          {request.assigneeName ? (
            <>
              <dt className="text-slate-600">{t('fields.assignee')}</dt>
              <dd>{request.assigneeName}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t('fields.currentAttachment')}</dt>
          <dd>
            {request.currentAttachment
              ? t('attachedTo', {
                  clinic: localized(
                    locale,
                    request.currentAttachment.organizationNameKk,
                    request.currentAttachment.organizationNameRu,
                  ),
                  section: request.currentAttachment.sectionNumber ?? '—',
                  since: formatDay(request.currentAttachment.validFrom),
                })
              : root('patient.attachment.none')}
          </dd>
        </dl>
        {actions ? <div className="mt-3 border-t border-slate-200 pt-3">{actions}</div> : null}
      </section>
      {request.status === 'approved' || request.status === 'refused' ? (
        <section
          aria-labelledby="decision-heading"
          className={`rounded border p-3 text-sm ${request.status === 'approved' ? 'border-emerald-300 bg-emerald-50' : 'border-red-300 bg-red-50'}`}
        >
          <h2 id="decision-heading" className="mb-1 font-bold">
            {decisionWords?.heading ?? (request.status === 'approved' ? t('decision.approved') : t('decision.refused'))}
          </h2>
          <p>
            {t('decision.by', {
              who: request.decidedByName ?? '—',
              when: request.decidedAt ? formatInstant(request.decidedAt, locale) : '—',
            })}
          </p>
          {request.status === 'refused' && request.refusalGround ? (
            <>
              <p className="mt-2 font-bold">{decisionWords?.ground ?? t('decision.ground')}</p>
              <p>{groundText(request.refusalGround)}</p>
              <p className="mt-2 font-bold">{decisionWords?.reason ?? t('decision.reason')}</p>
              <p className="whitespace-pre-wrap">{request.refusalReason}</p>
            </>
          ) : null}
          {typeof approvalNote === 'string' ? (
            <>
              <p className="mt-2 font-bold">{decisionWords?.reason ?? t('decision.note')}</p>
              <p className="whitespace-pre-wrap">{approvalNote}</p>
            </>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="timeline-heading" className="rounded border border-slate-300 bg-white p-3">
        <h2 id="timeline-heading" className="mb-2 font-bold">
          {t('timeline')}
        </h2>
        <Timeline
          events={request.timeline}
          groundText={groundText}
          notes={eventNotes}
          labels={eventLabels}
          requestHref={requestHref}
        />
      </section>
    </div>
  )
}

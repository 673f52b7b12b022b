import { useLocale, useTranslations } from 'next-intl'
import { isDocumentKind, type DocumentKind } from '@/lib/documents/kinds'
import { formatInstant } from '@/lib/i18n/format'
import type { MessageKey } from '@/lib/i18n/messages'
import type { TimelineEventDto } from '@/lib/requests/queries'

export function Timeline({
  events,
  groundText,
  notes,
  labels = {},
  requestHref,
}: {
  events: TimelineEventDto[]
  groundText: (code: string) => string
  // A service's own words under its own events, by event id.
  notes: Readonly<Record<number, string>>
  // The service's own names for some events (a complaint's approval is "satisfied"), by event id.
  labels?: Readonly<Record<number, string>>
  // This audience's page of another request (the one whose decision reopened this one).
  requestHref?: (requestId: string) => string
}) {
  const t = useTranslations('requests.events')
  const documentKinds = useTranslations('documents.kinds')
  const locale = useLocale()
  return (
    <ol className="space-y-2 border-l-2 border-slate-300 pl-3 text-sm">
      {events.map((event) => (
        <li key={event.id} className="relative">
          <span className="absolute top-1.5 -left-[17px] h-2 w-2 rounded-full bg-brand" aria-hidden />
          <div className="flex flex-wrap gap-x-2">
            <time className="text-slate-600 tabular-nums" dateTime={event.createdAt.toISOString()}>
              {formatInstant(event.createdAt, locale)}
            </time>
            <span className="font-bold">{labels[event.id] ?? t(event.type as 'submitted')}</span>
            {event.actorName ? <span className="text-slate-700">{event.actorName}</span> : null}
          </div>
          {event.type === 'refuse' && typeof event.data.ground === 'string' ? (
            <p className="mt-0.5 text-slate-800">
              {groundText(event.data.ground)}
              {typeof event.data.reason === 'string' ? `: ${event.data.reason}` : null}
            </p>
          ) : null}
          {event.type.startsWith('document_') && isDocumentKind(String(event.data.kind)) ? (
            <p className="mt-0.5 text-slate-800">
              {documentKinds(String(event.data.kind) as DocumentKind)} № {String(event.data.number)}
              {typeof event.data.reason === 'string' ? `: ${event.data.reason}` : null}
            </p>
          ) : null}
          {event.type === 'reopen' ? <ReopenedBy data={event.data} requestHref={requestHref} /> : null}
          {notes[event.id] ? <p className="mt-0.5 text-slate-800">{notes[event.id]}</p> : null}
        </li>
      ))}
    </ol>
  )
}

// The request whose decision reopened this one (a satisfied complaint, Rules of attachment p.40), linked.
function ReopenedBy({ data, requestHref }: { data: Record<string, unknown>; requestHref?: (requestId: string) => string }) {
  const t = useTranslations()
  const by = data.by as { requestId?: unknown; number?: unknown; service?: unknown } | undefined
  if (!by || typeof by.requestId !== 'string' || typeof by.service !== 'string') return null
  const name = `${t(`services.${by.service}.name` as MessageKey)} №${String(by.number)}`
  return (
    <p className="mt-0.5 text-slate-800">
      {t('requests.reopenedBy')}{' '}
      {requestHref ? (
        <a href={requestHref(by.requestId)} className="font-bold text-brand underline" data-reopened-by>
          {name}
        </a>
      ) : (
        name
      )}
    </p>
  )
}

import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import type { CalendarOverride } from '@/lib/calendar'
import type { MessageKey } from '@/lib/i18n/messages'
import { formatInstant } from '@/lib/i18n/format'
import type { QueueFlag } from '@/lib/requests/contract'
import type { QueueRowDto } from '@/lib/requests/queries'
import { isOpen } from '@/lib/requests/status'
import { DeadlineBadge } from './deadline-badge'
import { FamilyNote } from './family-note'
import { StatusBadge } from './status-badge'

// Requests as a dense table, nearest deadline first: the registrar's queue and the head's overdue board.
// With `hrefFor`, rows are focusable and open on Enter (see QueueKeyboard).
export async function RequestTable({
  rows,
  now,
  overrides,
  hrefFor,
  holderHeading,
  nobody = '—',
  calendarClock = [],
}: {
  // Each row with the flags its service puts on it (lib/requests/summary.ts queueFlagsOf).
  rows: (QueueRowDto & { flags: readonly QueueFlag[] })[]
  now: Date
  overrides: readonly CalendarOverride[]
  hrefFor?: (id: string) => string
  holderHeading: string
  nobody?: string
  // The services whose limit runs round the clock (lib/services calendarClockServices): their time left is plain time.
  calendarClock?: readonly string[]
}) {
  const t = await getTranslations('queue.columns')
  const root = await getTranslations()
  const locale = await getLocale()
  return (
    <table className="w-full border border-slate-300 bg-white text-sm">
      <thead className="border-b border-slate-300 bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-2 py-1 font-normal">{t('number')}</th>
          <th className="px-2 py-1 font-normal">{t('deadline')}</th>
          <th className="px-2 py-1 font-normal">{t('patient')}</th>
          <th className="px-2 py-1 font-normal">{t('service')}</th>
          <th className="px-2 py-1 font-normal">{t('status')}</th>
          <th className="px-2 py-1 font-normal">{t('submitted')}</th>
          <th className="px-2 py-1 font-normal">{holderHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const href = hrefFor?.(row.id)
          return (
            <tr
              key={row.id}
              data-row={href ? '' : undefined}
              data-href={href}
              tabIndex={href ? 0 : undefined}
              className="border-b border-slate-100 hover:bg-sky-50 focus:bg-amber-50 focus:outline-2 focus:outline-amber-500"
            >
              <td className="px-2 py-1 font-bold tabular-nums">
                {href ? (
                  <Link href={href} tabIndex={-1} className="text-brand hover:underline">
                    {row.number}
                  </Link>
                ) : (
                  row.number
                )}
              </td>
              <td className="px-2 py-1">
                {/* A decided request back in the queue for a returned document has no deadline left to show. */}
                {isOpen(row.status) ? (
                  <DeadlineBadge
                    due={row.dueAt}
                    now={now}
                    overrides={overrides}
                    clock={calendarClock.includes(row.service) ? 'calendar' : 'working'}
                  />
                ) : (
                  nobody
                )}
              </td>
              <td className="px-2 py-1">
                {row.patientName} <span className="font-mono text-xs text-slate-600">{row.patientIin}</span>
                {row.flags.map((flag) => (
                  <span key={flag.short} className="ml-1 rounded bg-red-600 px-1 text-xs font-bold text-white" title={flag.title}>
                    {flag.short}
                  </span>
                ))}
                {row.family ? <FamilyNote members={row.family} /> : null}
              </td>
              <td className="px-2 py-1">
                {root(`services.${row.service}.name` as MessageKey)}
                <span className="text-xs text-slate-600"> · {root(`requests.channels.${row.channel}`)}</span>
              </td>
              <td className="px-2 py-1">
                <StatusBadge status={row.status} />
                {row.returnedDocuments > 0 ? (
                  <span
                    className="ml-1 rounded bg-amber-600 px-1 text-xs font-bold text-white"
                    title={root('documents.queueReturnedTitle')}
                  >
                    {root('documents.queueReturned')}
                  </span>
                ) : null}
              </td>
              <td className="px-2 py-1 tabular-nums text-slate-700">{formatInstant(row.submittedAt, locale)}</td>
              <td className="px-2 py-1">{row.assigneeName ?? nobody}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

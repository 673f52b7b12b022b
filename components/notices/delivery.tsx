import type { Locale } from '@/db/schema'
import { formatInstant } from '@/lib/i18n/format'

// Pieces of the boards where a clinic watches a mass notice go out (attachment protocols, p.35-36; care stop, p.34):
// when it was recorded against its deadline, the SMS delivery, and the people to reach on paper.

export function RecordedCell({
  at,
  by,
  late,
  locale,
  labels,
}: {
  at: Date
  by: string
  late: boolean
  locale: Locale
  labels: { late: string; onTime: string }
}) {
  return (
    <td className="p-2">
      <span className="tabular-nums">{formatInstant(at, locale)}</span>{' '}
      <span className={`rounded px-1 text-xs font-bold ${late ? 'bg-red-100 text-red-800' : 'bg-emerald-100 text-emerald-800'}`}>
        {late ? labels.late : labels.onTime}
      </span>
      <div className="text-xs text-slate-600">{by}</div>
    </td>
  )
}

export type Delivery = { sent: number; pending: number; failed: number }

// `text` gets the counts and says them in the board's own words.
export function DeliveryCell({
  delivery,
  label,
  text,
}: {
  delivery: Delivery
  label: string
  text: {
    progress: (sent: number, total: number) => string
    pending: (count: number) => string
    failed: (count: number) => string
  }
}) {
  const { sent, pending, failed } = delivery
  const queued = sent + pending + failed
  return (
    <td className="min-w-56 p-2">
      <div className="tabular-nums">{text.progress(sent, queued)}</div>
      {/* A native bar: the page's Content-Security-Policy allows no inline style attribute for a width. */}
      <progress
        className="mt-1 block h-2 w-full appearance-none overflow-hidden rounded bg-slate-200 [&::-moz-progress-bar]:bg-emerald-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-emerald-600"
        value={queued ? sent : 1}
        max={queued || 1}
        aria-valuemin={0}
        aria-valuemax={queued}
        aria-valuenow={sent}
        aria-label={label}
      />
      <div className="mt-1 flex gap-2 text-xs">
        {pending > 0 ? <span className="text-slate-700">{text.pending(pending)}</span> : null}
        {failed > 0 ? <span className="font-bold text-red-700">{text.failed(failed)}</span> : null}
      </div>
    </td>
  )
}

// A short list of people under a heading: who did not get the SMS, who gets a written notice.
export function PeopleTable<Row extends { patientId: string | number }>({
  heading,
  lead,
  columns,
  rows,
  className,
  testId,
}: {
  heading: { text: string; className?: string }
  lead?: string
  columns: { label: string; value: (row: Row) => string; numeric?: boolean }[]
  rows: Row[]
  className: string
  testId?: string
}) {
  return (
    <section className="space-y-1" data-testid={testId}>
      <h3 className={`text-sm font-bold ${heading.className ?? ''}`.trim()}>{heading.text}</h3>
      {lead ? <p className="text-xs text-slate-700">{lead}</p> : null}
      <table className={`w-full border-collapse bg-white text-sm ${className}`}>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            {columns.map((column) => (
              <th key={column.label} className="p-2">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.patientId} className="border-b border-slate-200">
              {columns.map((column) => (
                <td key={column.label} className={column.numeric ? 'p-2 tabular-nums' : 'p-2'}>
                  {column.value(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

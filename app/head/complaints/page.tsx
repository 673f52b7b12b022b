import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { DeadlineBadge } from '@/components/requests/deadline-badge'
import { StatusBadge } from '@/components/requests/status-badge'
import { requireActor } from '@/lib/auth/session'
import { formatInstant } from '@/lib/i18n/format'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { runningComplaintDeadlines, wasForwardedLate, type ComplaintDeadline } from '@/lib/services/complaint/deadline'
import { listComplaintBoard, type ComplaintBoardRowDto } from '@/lib/services/complaint/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('complaints'))('heading') }
}

const cell = 'px-2 py-1'
const heading = 'px-2 py-1 font-normal'

// Complaints about the clinic's decisions. While the clinic holds one: forward it within 3 working days unless it is
// fully satisfied (p.40), answer within 5 (p.38). Once forwarded: the quality-control body's 15 working days (p.39),
// until the head records its answer.
export default async function ComplaintsPage() {
  const actor = await requireActor('head')
  const t = await getTranslations('complaints')
  const root = await getTranslations()
  const locale = await getLocale()
  const db = getDb()
  const now = new Date()
  const [rows, overrides] = await Promise.all([
    listComplaintBoard(db, actor, { address: await clientAddress(), now }),
    loadCalendarOverrides(db, now),
  ])
  const options = { overrides }
  const board = rows.map((row) => ({
    row,
    deadlines: runningComplaintDeadlines({ ...row, answered: false }, now, options),
  }))
  const held = board.filter(({ row }) => row.forwardedAt === null)
  const forwarded = board.filter(({ row }) => row.forwardedAt !== null)
  const deadline = (deadlines: ComplaintDeadline[], kind: ComplaintDeadline['kind']) => {
    const found = deadlines.find((d) => d.kind === kind)
    return found ? <DeadlineBadge due={found.due} now={now} overrides={overrides} /> : null
  }
  const numberCell = (row: ComplaintBoardRowDto) => (
    <td className={`${cell} font-bold tabular-nums`}>
      <Link href={`/head/requests/${row.id}`} className="text-brand hover:underline">
        {row.number}
      </Link>
    </td>
  )
  const patientCell = (row: ComplaintBoardRowDto) => (
    <td className={cell}>
      {row.patientName} <span className="font-mono text-xs text-slate-600">{row.patientIin}</span>
    </td>
  )
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-bold">
        {t('heading')} <span className="text-slate-600">({rows.length})</span>
      </h1>
      <section aria-labelledby="complaints-open" className="space-y-2">
        <h2 id="complaints-open" className="font-bold">
          {t('open')} <span className="text-slate-600">({held.length})</span>
        </h2>
        {held.length === 0 ? (
          <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
            {t('openEmpty')}
          </p>
        ) : (
          <table className="w-full border border-slate-300 bg-white text-sm">
            <thead className="border-b border-slate-300 bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={heading}>{root('queue.columns.number')}</th>
                <th className={heading}>{t('columns.forwardBy')}</th>
                <th className={heading}>{t('columns.answerBy')}</th>
                <th className={heading}>{root('queue.columns.patient')}</th>
                <th className={heading}>{root('queue.columns.status')}</th>
                <th className={heading}>{root('queue.columns.submitted')}</th>
                <th className={heading}>{root('queue.columns.assignee')}</th>
              </tr>
            </thead>
            <tbody>
              {held.map(({ row, deadlines }) => (
                <tr key={row.id} data-row="" className="border-b border-slate-100 hover:bg-sky-50">
                  {numberCell(row)}
                  <td className={cell} data-column="forward-by">
                    {deadline(deadlines, 'forward')}
                  </td>
                  <td className={cell} data-column="answer-by">
                    {deadline(deadlines, 'answer')}
                  </td>
                  {patientCell(row)}
                  <td className={cell}>
                    <StatusBadge status={row.status} />
                  </td>
                  <td className={`${cell} tabular-nums text-slate-700`}>{formatInstant(row.submittedAt, locale)}</td>
                  <td className={cell}>{row.assigneeName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="complaints-forwarded" className="space-y-2">
        <h2 id="complaints-forwarded" className="font-bold">
          {t('forwarded')} <span className="text-slate-600">({forwarded.length})</span>
        </h2>
        {forwarded.length === 0 ? (
          <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
            {t('forwardedEmpty')}
          </p>
        ) : (
          <table className="w-full border border-slate-300 bg-white text-sm">
            <thead className="border-b border-slate-300 bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={heading}>{root('queue.columns.number')}</th>
                <th className={heading}>{t('columns.qualityControlDueAt')}</th>
                <th className={heading}>{root('queue.columns.patient')}</th>
                <th className={heading}>{root('queue.columns.submitted')}</th>
                <th className={heading}>{t('columns.forwardedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {forwarded.map(({ row, deadlines }) => (
                <tr key={row.id} data-row="" className="border-b border-slate-100 hover:bg-sky-50">
                  {numberCell(row)}
                  <td className={cell} data-column="quality-control-due">
                    {deadline(deadlines, 'qualityControl')}
                  </td>
                  {patientCell(row)}
                  <td className={`${cell} tabular-nums text-slate-700`}>{formatInstant(row.submittedAt, locale)}</td>
                  <td className={`${cell} tabular-nums`}>
                    {row.forwardedAt ? formatInstant(row.forwardedAt, locale) : null}
                    {row.forwardedAt &&
                    wasForwardedLate(
                      { submittedAt: row.submittedAt, channel: row.channel, forwardedAt: row.forwardedAt },
                      options,
                    ) ? (
                      <span
                        className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs font-bold text-white"
                        data-flag="forwarded-late"
                      >
                        {t('forwardedLate')}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

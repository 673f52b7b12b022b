import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { DeadlineBadge } from '@/components/requests/deadline-badge'
import { StatusBadge } from '@/components/requests/status-badge'
import { requireActor } from '@/lib/auth/session'
import { formatInstant } from '@/lib/i18n/format'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { listOverdue } from '@/lib/requests/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('overdue'))('heading') }
}

// The clinic's requests past their legal deadline, and who holds each.
export default async function OverduePage() {
  const actor = await requireActor('head')
  const t = await getTranslations('overdue')
  const root = await getTranslations()
  const locale = await getLocale()
  const db = getDb()
  const now = new Date()
  const [rows, overrides] = await Promise.all([listOverdue(db, actor, now), loadCalendarOverrides(db, now)])
  return (
    <div className="space-y-2">
      <h1 className="text-lg font-bold">
        {t('heading')} <span className="text-slate-600">({rows.length})</span>
      </h1>
      {rows.length === 0 ? (
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
          {t('empty')}
        </p>
      ) : (
        <table className="w-full border border-slate-300 bg-white text-sm">
          <thead className="border-b border-slate-300 bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-1 font-normal">{root('queue.columns.number')}</th>
              <th className="px-2 py-1 font-normal">{root('queue.columns.deadline')}</th>
              <th className="px-2 py-1 font-normal">{root('queue.columns.patient')}</th>
              <th className="px-2 py-1 font-normal">{root('queue.columns.service')}</th>
              <th className="px-2 py-1 font-normal">{root('queue.columns.status')}</th>
              <th className="px-2 py-1 font-normal">{root('queue.columns.submitted')}</th>
              <th className="px-2 py-1 font-normal">{t('holder')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100">
                <td className="px-2 py-1 font-bold tabular-nums">{row.number}</td>
                <td className="px-2 py-1">
                  <DeadlineBadge due={row.dueAt} now={now} overrides={overrides} />
                </td>
                <td className="px-2 py-1">{row.patientName}</td>
                <td className="px-2 py-1">{root(`services.${row.service}.name` as 'services.attachment.name')}</td>
                <td className="px-2 py-1">
                  <StatusBadge status={row.status} />
                </td>
                <td className="px-2 py-1 tabular-nums">{formatInstant(row.submittedAt, locale)}</td>
                <td className="px-2 py-1 font-bold">{row.assigneeName ?? t('nobody')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

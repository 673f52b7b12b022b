import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { RequestTable } from '@/components/requests/request-table'
import { requireActor } from '@/lib/auth/session'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { listQueue } from '@/lib/requests/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('complaints'))('heading') }
}

// Complaints about the clinic's decisions, nearest deadline first (p.38: an answer within 5 working days).
export default async function ComplaintsPage() {
  const actor = await requireActor('head')
  const t = await getTranslations('complaints')
  const root = await getTranslations()
  const db = getDb()
  const now = new Date()
  const [rows, overrides] = await Promise.all([listQueue(db, actor, { service: 'complaint' }), loadCalendarOverrides(db, now)])
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
        <RequestTable
          rows={rows}
          now={now}
          overrides={overrides}
          hrefFor={(id) => `/head/requests/${id}`}
          holderHeading={root('queue.columns.assignee')}
        />
      )}
    </div>
  )
}

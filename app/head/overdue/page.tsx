import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { RequestTable } from '@/components/requests/request-table'
import { requireActor } from '@/lib/auth/session'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { listOverdue } from '@/lib/requests/queries'
import { withQueueFlags } from '@/lib/requests/summary'
import { serverTranslate } from '@/lib/i18n/server'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('overdue'))('heading') }
}

// The clinic's requests past their legal deadline, and who holds each.
export default async function OverduePage() {
  const actor = await requireActor('head')
  const t = await getTranslations('overdue')
  const db = getDb()
  const now = new Date()
  const [rows, overrides] = await Promise.all([
    listOverdue(db, actor, { address: await clientAddress(), now }),
    loadCalendarOverrides(db, now),
  ])
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
          rows={withQueueFlags(rows, await serverTranslate())}
          now={now}
          overrides={overrides}
          holderHeading={t('holder')}
          nobody={t('nobody')}
        />
      )}
    </div>
  )
}

import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { QueueKeyboard } from '@/components/requests/queue-keyboard'
import { RequestTable } from '@/components/requests/request-table'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { RefreshWhile } from '@/components/ui/refresh-while'
import { servicesFor } from '@/lib/auth/authorize'
import { calendarClockServices } from '@/lib/services'
import { requireActor } from '@/lib/auth/session'
import { serverTranslate } from '@/lib/i18n/server'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { listQueue, queueLimit } from '@/lib/requests/queries'
import { withQueueFlags } from '@/lib/requests/summary'
import { searchParamText } from '@/lib/route-params'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('centreQueue'))('heading') }
}

// Issue 16: the certificate requests the centre's information system could not match for certain, with their
// 30-minute clock (list row 4); the page follows new ones without a reload.
export default async function CentreQueuePage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const actor = await requireActor('dispensary_doctor')
  const t = await getTranslations('centreQueue')
  const after = searchParamText((await searchParams).after, 36) || null
  const db = getDb()
  const now = new Date()
  const services = servicesFor(actor, 'approve').map((service) => service.id)
  const [rows, overrides] = await Promise.all([
    listQueue(
      db,
      actor,
      { services, status: 'in_review', after },
      {
        address: await clientAddress(),
        now,
      },
    ),
    loadCalendarOverrides(db, now),
  ])
  return (
    <div className="space-y-2">
      <h1 className="text-lg font-bold">
        {t('heading')} <span className="text-slate-600">({rows.length === queueLimit ? `${queueLimit}+` : rows.length})</span>
      </h1>
      <p className="text-sm text-slate-700">{t('intro')}</p>
      <QueueKeyboard>
        {rows.length === 0 ? (
          <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
            {t('empty')}
          </p>
        ) : (
          <RequestTable
            rows={withQueueFlags(rows, await serverTranslate())}
            now={now}
            overrides={overrides}
            hrefFor={(id) => `/centre/requests/${id}`}
            holderHeading={t('assignee')}
            calendarClock={calendarClockServices()}
          />
        )}
      </QueueKeyboard>
      <KeysetNav
        label={t('pages')}
        first={after ? '?' : null}
        next={rows.length === queueLimit ? `?${new URLSearchParams({ after: rows.at(-1)!.id })}` : null}
        labels={{ first: t('first'), next: t('next') }}
      />
      <RefreshWhile active everyMs={10_000} />
    </div>
  )
}

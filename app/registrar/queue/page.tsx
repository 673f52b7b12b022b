import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { FilterForm } from '@/components/patients/filter-form'
import { QueueKeyboard } from '@/components/requests/queue-keyboard'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { RequestTable } from '@/components/requests/request-table'
import { requestStatuses, type RequestStatus } from '@/db/schema'
import { servicesFor } from '@/lib/auth/authorize'
import { requireActor } from '@/lib/auth/session'
import { parseSearchQuery, searchEchoLimit } from '@/lib/patients/search-query'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { listQueue, queueLimit } from '@/lib/requests/queries'
import { withQueueFlags } from '@/lib/requests/summary'
import { serverTranslate } from '@/lib/i18n/server'
import type { MessageKey } from '@/lib/i18n/messages'
import { searchParamText } from '@/lib/route-params'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('queue'))('heading') }
}

type Search = { service?: string; status?: string; mine?: string; q?: string | string[]; after?: string | string[] }

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor('registrar')
  const t = await getTranslations('queue')
  const root = await getTranslations()
  const search = await searchParams
  const decidable = servicesFor(actor, 'approve').map((definition) => definition.id)
  const service = decidable.find((id) => id === search.service) ?? null
  const status = (['submitted', 'in_review'] as RequestStatus[]).find((s) => s === search.status) ?? null
  const mine = search.mine === '1'
  const text = searchParamText(search.q, searchEchoLimit)
  const query = parseSearchQuery(text)
  const after = searchParamText(search.after, 36) || null
  const db = getDb()
  const now = new Date()
  const [rows, overrides] = await Promise.all([
    listQueue(db, actor, { service, services: decidable, status, mine, query, after }, { address: await clientAddress(), now }),
    loadCalendarOverrides(db, now),
  ])
  const selectClass = 'rounded border border-slate-400 bg-white px-2 py-1'
  const filters: Record<string, string> = {
    ...(service ? { service } : {}),
    ...(status ? { status } : {}),
    ...(mine ? { mine: '1' } : {}),
    ...(text ? { q: text } : {}),
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-lg font-bold">
          {t('heading')} <span className="text-slate-600">({rows.length === queueLimit ? `${queueLimit}+` : rows.length})</span>
        </h1>
        <p className="text-xs text-slate-600">{t('keys')}</p>
      </div>
      <FilterForm id="queue-query" text={text} query={query}>
        <div>
          <label htmlFor="queue-service" className="block font-bold text-slate-700">
            {t('filters.service')}
          </label>
          <select id="queue-service" name="service" defaultValue={service ?? ''} className={selectClass}>
            <option value="">{t('filters.all')}</option>
            {decidable.map((id) => (
              <option key={id} value={id}>
                {root(`services.${id}.name` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="queue-status" className="block font-bold text-slate-700">
            {t('filters.status')}
          </label>
          <select id="queue-status" name="status" defaultValue={status ?? ''} className={selectClass}>
            <option value="">{t('filters.open')}</option>
            {requestStatuses
              .filter((s) => s === 'submitted' || s === 'in_review')
              .map((s) => (
                <option key={s} value={s}>
                  {root(`requests.status.${s}`)}
                </option>
              ))}
          </select>
        </div>
        <label className="flex items-center gap-1 pb-1">
          <input type="checkbox" name="mine" value="1" defaultChecked={mine} />
          {t('filters.mine')}
        </label>
      </FilterForm>
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
            hrefFor={(id) => `/registrar/requests/${id}`}
            holderHeading={t('columns.assignee')}
          />
        )}
      </QueueKeyboard>
      <KeysetNav
        label={t('pages')}
        first={after ? `?${new URLSearchParams(filters)}` : null}
        next={rows.length === queueLimit ? `?${new URLSearchParams({ ...filters, after: rows.at(-1)!.id })}` : null}
        labels={{ first: t('first'), next: t('next') }}
      />
    </div>
  )
}

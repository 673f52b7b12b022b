import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { Locale } from '@/db/schema'
import { DeliveryCell, PeopleTable, RecordedCell } from '@/components/notices/delivery'
import { RefreshWhile } from '@/components/ui/refresh-while'
import { requireActor } from '@/lib/auth/session'
import {
  countAttachedPopulation,
  failedCareStopDeliveries,
  listCareStopNotices,
} from '@/lib/services/attachment/care-stop/queries'
import { isNoticeLate } from '@/lib/services/attachment/rules/care-stop'
import { almatyDay } from '@/lib/calendar'
import { formatDay } from '@/lib/i18n/format'
import { clientAddress } from '@/lib/request-context'
import { CareStopForm } from './care-stop-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('careStop'))('heading') }
}

// Rules of attachment p.34: the clinic tells its attached population that it stops primary care, and watches the SMS go out.
export default async function CareStopPage() {
  const actor = await requireActor('head')
  const t = await getTranslations('careStop')
  const locale = (await getLocale()) as Locale
  const db = getDb()
  const [notices, attached] = await Promise.all([listCareStopNotices(db, actor), countAttachedPopulation(db, actor)])
  const view = { address: await clientAddress(), now: new Date() }
  const failures = await Promise.all(
    notices
      .filter((notice) => notice.failed > 0)
      .map(async (notice) => ({ notice, rows: await failedCareStopDeliveries(db, actor, notice.id, view) })),
  )
  const deliveryText = {
    progress: (sent: number, total: number) => t('progress', { sent, total }),
    pending: (count: number) => t('pending', { count }),
    failed: (count: number) => t('failed', { count }),
  }
  return (
    <div className="space-y-3">
      <RefreshWhile active={notices.some((notice) => notice.pending > 0)} />
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <p className="max-w-4xl text-sm text-slate-700">{t('lead')}</p>
      <p className="text-sm font-bold">{t('attachedNow', { count: attached })}</p>
      <CareStopForm today={almatyDay(view.now)} />
      <h2 className="text-base font-bold">{t('history')}</h2>
      {notices.length === 0 ? (
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
          {t('empty')}
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="p-2">№</th>
              <th className="p-2">{t('columns.reason')}</th>
              <th className="p-2">{t('columns.stopsOn')}</th>
              <th className="p-2">{t('columns.due')}</th>
              <th className="p-2">{t('columns.recorded')}</th>
              <th className="p-2">{t('columns.delivery')}</th>
              <th className="p-2">{t('columns.withoutPhone')}</th>
            </tr>
          </thead>
          <tbody>
            {notices.map((notice) => {
              return (
                <tr key={notice.id} className="border-b border-slate-200 align-top" data-testid={`care-stop-${notice.id}`}>
                  <td className="p-2 tabular-nums">{notice.id}</td>
                  <td className="p-2">
                    {t(`reasons.${notice.reason}`)}
                    {notice.note ? <div className="text-xs text-slate-600">{notice.note}</div> : null}
                  </td>
                  <td className="p-2 tabular-nums">{formatDay(notice.stopsOn)}</td>
                  <td className="p-2 tabular-nums">{formatDay(notice.noticeDue)}</td>
                  <RecordedCell
                    at={notice.recordedAt}
                    by={notice.recordedBy}
                    late={isNoticeLate(notice.noticeDue, almatyDay(notice.recordedAt))}
                    locale={locale}
                    labels={{ late: t('late'), onTime: t('onTime') }}
                  />
                  <DeliveryCell delivery={notice} label={t('columns.delivery')} text={deliveryText} />
                  <td className="p-2 tabular-nums">
                    {notice.withoutPhoneCount}
                    {notice.withoutPhoneCount > 0 ? <div className="text-xs text-slate-600">{t('withoutPhoneHint')}</div> : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {failures.map(({ notice, rows }) => (
        <PeopleTable
          key={notice.id}
          heading={{ text: t('failedHeading', { id: notice.id }), className: 'text-red-800' }}
          className="max-w-3xl"
          rows={rows}
          columns={[
            { label: t('columnsFailed.name'), value: (row) => row.name },
            { label: t('columnsFailed.iin'), value: (row) => row.iin, numeric: true },
            { label: t('columnsFailed.phone'), value: (row) => row.phone ?? '', numeric: true },
          ]}
        />
      ))}
    </div>
  )
}

import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { Locale } from '@/db/schema'
import { RefreshWhile } from '@/components/ui/refresh-while'
import { requireActor } from '@/lib/auth/session'
import { countAttachedPopulation, failedCareStopDeliveries, listCareStopNotices } from '@/lib/care-stop/queries'
import { isNoticeLate } from '@/lib/care-stop/rules'
import { almatyDay } from '@/lib/calendar'
import { formatDay, formatInstant } from '@/lib/i18n/format'
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
  const failures = await Promise.all(
    notices
      .filter((notice) => notice.failed > 0)
      .map(async (notice) => ({ notice, rows: await failedCareStopDeliveries(db, actor, notice.id) })),
  )
  return (
    <div className="space-y-3">
      <RefreshWhile active={notices.some((notice) => notice.pending > 0)} />
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <p className="max-w-4xl text-sm text-slate-700">{t('lead')}</p>
      <p className="text-sm font-bold">{t('attachedNow', { count: attached })}</p>
      <CareStopForm attachedCount={attached} />
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
              const queued = notice.sent + notice.pending + notice.failed
              const late = isNoticeLate(notice.noticeDue, almatyDay(notice.recordedAt))
              return (
                <tr key={notice.id} className="border-b border-slate-200 align-top" data-testid={`care-stop-${notice.id}`}>
                  <td className="p-2 tabular-nums">{notice.id}</td>
                  <td className="p-2">
                    {t(`reasons.${notice.reason}`)}
                    {notice.note ? <div className="text-xs text-slate-600">{notice.note}</div> : null}
                  </td>
                  <td className="p-2 tabular-nums">{formatDay(notice.stopsOn)}</td>
                  <td className="p-2 tabular-nums">{formatDay(notice.noticeDue)}</td>
                  <td className="p-2">
                    <span className="tabular-nums">{formatInstant(notice.recordedAt, locale)}</span>{' '}
                    <span
                      className={`rounded px-1 text-xs font-bold ${late ? 'bg-red-100 text-red-800' : 'bg-emerald-100 text-emerald-800'}`}
                    >
                      {late ? t('late') : t('onTime')}
                    </span>
                    <div className="text-xs text-slate-600">{notice.recordedBy}</div>
                  </td>
                  <td className="min-w-56 p-2">
                    <div className="tabular-nums">{t('progress', { sent: notice.sent, total: queued })}</div>
                    <div
                      className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-200"
                      role="progressbar"
                      aria-valuemin={0}
                      aria-valuemax={queued}
                      aria-valuenow={notice.sent}
                      aria-label={t('columns.delivery')}
                    >
                      <div className="h-2 bg-emerald-600" style={{ width: `${queued ? (notice.sent / queued) * 100 : 100}%` }} />
                    </div>
                    <div className="mt-1 flex gap-2 text-xs">
                      {notice.pending > 0 ? (
                        <span className="text-slate-700">{t('pending', { count: notice.pending })}</span>
                      ) : null}
                      {notice.failed > 0 ? (
                        <span className="font-bold text-red-700">{t('failed', { count: notice.failed })}</span>
                      ) : null}
                    </div>
                  </td>
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
        <section key={notice.id} className="space-y-1">
          <h3 className="text-sm font-bold text-red-800">{t('failedHeading', { id: notice.id })}</h3>
          <table className="w-full max-w-3xl border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th className="p-2">{t('columnsFailed.name')}</th>
                <th className="p-2">{t('columnsFailed.iin')}</th>
                <th className="p-2">{t('columnsFailed.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.patientId} className="border-b border-slate-200">
                  <td className="p-2">{row.name}</td>
                  <td className="p-2 tabular-nums">{row.iin}</td>
                  <td className="p-2 tabular-nums">{row.phone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  )
}

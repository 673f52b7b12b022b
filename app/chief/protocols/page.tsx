import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { Locale } from '@/db/schema'
import { RefreshWhile } from '@/components/ui/refresh-while'
import { listAttachmentProtocols, listWrittenNotices } from '@/lib/attachment-protocol/queries'
import { isProtocolLate } from '@/lib/attachment-protocol/rules'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { ProtocolForm } from './protocol-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('protocols'))('heading') }
}

// Rules of attachment p.16, p.35-36: the receiving clinic applies a Fund or regional commission protocol, watches the
// SMS go out, and sends written notices to the people no SMS can reach.
export default async function ProtocolsPage() {
  const actor = await requireActor('chief')
  const t = await getTranslations('protocols')
  const locale = (await getLocale()) as Locale
  const db = getDb()
  const now = new Date()
  const [protocols, overrides] = await Promise.all([listAttachmentProtocols(db, actor), loadCalendarOverrides(db, now)])
  const written = await Promise.all(
    protocols
      .filter((protocol) => protocol.withoutPhoneCount > 0)
      .slice(0, 5)
      .map(async (protocol) => ({ protocol, rows: await listWrittenNotices(db, actor, protocol.id, 100) })),
  )
  return (
    <div className="space-y-3">
      <RefreshWhile active={protocols.some((protocol) => protocol.pending > 0)} />
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <p className="max-w-4xl text-sm text-slate-700">{t('lead')}</p>
      <ProtocolForm today={almatyDay(now)} overrides={[...overrides]} />
      <h2 className="text-base font-bold">{t('history')}</h2>
      {protocols.length === 0 ? (
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
          {t('empty')}
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="p-2">{t('columns.number')}</th>
              <th className="p-2">{t('columns.kind')}</th>
              <th className="p-2">{t('columns.received')}</th>
              <th className="p-2">{t('columns.due')}</th>
              <th className="p-2">{t('columns.applied')}</th>
              <th className="p-2">{t('columns.people')}</th>
              <th className="p-2">{t('columns.delivery')}</th>
              <th className="p-2">{t('columns.written')}</th>
            </tr>
          </thead>
          <tbody>
            {protocols.map((protocol) => {
              const queued = protocol.sent + protocol.pending + protocol.failed
              const late = isProtocolLate(protocol.dueAt, protocol.appliedAt)
              return (
                <tr key={protocol.id} className="border-b border-slate-200 align-top" data-testid={`protocol-${protocol.id}`}>
                  <td className="p-2 tabular-nums">{protocol.number}</td>
                  <td className="p-2">
                    {t(`kinds.${protocol.kind}`)}
                    <div className="text-xs text-slate-600">{t(`bases.${protocol.basis}`)}</div>
                  </td>
                  <td className="p-2 tabular-nums">{formatDay(protocol.receivedOn)}</td>
                  <td className="p-2 tabular-nums">{formatInstant(protocol.dueAt, locale)}</td>
                  <td className="p-2">
                    <span className="tabular-nums">{formatInstant(protocol.appliedAt, locale)}</span>{' '}
                    <span
                      className={`rounded px-1 text-xs font-bold ${late ? 'bg-red-100 text-red-800' : 'bg-emerald-100 text-emerald-800'}`}
                    >
                      {late ? t('late') : t('onTime')}
                    </span>
                    <div className="text-xs text-slate-600">{protocol.appliedBy}</div>
                  </td>
                  <td className="p-2 tabular-nums">{protocol.peopleCount}</td>
                  <td className="min-w-56 p-2">
                    <div className="tabular-nums">{t('progress', { sent: protocol.sent, total: queued })}</div>
                    <div
                      className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-200"
                      role="progressbar"
                      aria-valuemin={0}
                      aria-valuemax={queued}
                      aria-valuenow={protocol.sent}
                      aria-label={t('columns.delivery')}
                    >
                      <div
                        className="h-2 bg-emerald-600"
                        style={{ width: `${queued ? (protocol.sent / queued) * 100 : 100}%` }}
                      />
                    </div>
                    <div className="mt-1 flex gap-2 text-xs">
                      {protocol.pending > 0 ? (
                        <span className="text-slate-700">{t('pending', { count: protocol.pending })}</span>
                      ) : null}
                      {protocol.failed > 0 ? (
                        <span className="font-bold text-red-700">{t('failed', { count: protocol.failed })}</span>
                      ) : null}
                    </div>
                  </td>
                  <td className="p-2 tabular-nums">
                    {protocol.withoutPhoneCount}
                    {protocol.withoutPhoneCount > 0 ? (
                      <div>
                        <a
                          className="text-xs text-brand underline"
                          href={`/chief/protocols/${protocol.id}/written-notices`}
                          download
                        >
                          {t('downloadCsv')}
                        </a>
                      </div>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {written.map(({ protocol, rows }) => (
        <section key={protocol.id} className="space-y-1" data-testid={`protocol-written-${protocol.id}`}>
          <h3 className="text-sm font-bold">{t('writtenHeading', { number: protocol.number })}</h3>
          <p className="text-xs text-slate-700">{t('writtenLead')}</p>
          <table className="w-full max-w-4xl border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th className="p-2">{t('columnsWritten.name')}</th>
                <th className="p-2">{t('columnsWritten.iin')}</th>
                <th className="p-2">{t('columnsWritten.address')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.patientId} className="border-b border-slate-200">
                  <td className="p-2">{row.name}</td>
                  <td className="p-2 tabular-nums">{row.iin}</td>
                  <td className="p-2">{row.address}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  )
}

import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { Locale } from '@/db/schema'
import { DeliveryCell, PeopleTable, RecordedCell } from '@/components/notices/delivery'
import { RefreshWhile } from '@/components/ui/refresh-while'
import { listAttachmentProtocols, listWrittenNotices } from '@/lib/services/attachment/protocols/queries'
import { isProtocolLate } from '@/lib/services/attachment/rules/protocols'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { clientAddress } from '@/lib/request-context'
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
  const view = { address: await clientAddress(), now }
  const written = await Promise.all(
    protocols
      .filter((protocol) => protocol.withoutPhoneCount > 0)
      .slice(0, 5)
      .map(async (protocol) => ({ protocol, rows: await listWrittenNotices(db, actor, protocol.id, view, 100) })),
  )
  const deliveryText = {
    progress: (sent: number, total: number) => t('progress', { sent, total }),
    pending: (count: number) => t('pending', { count }),
    failed: (count: number) => t('failed', { count }),
  }
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
              return (
                <tr key={protocol.id} className="border-b border-slate-200 align-top" data-testid={`protocol-${protocol.id}`}>
                  <td className="p-2 tabular-nums">{protocol.number}</td>
                  <td className="p-2">
                    {t(`kinds.${protocol.kind}`)}
                    <div className="text-xs text-slate-600">{t(`bases.${protocol.basis}`)}</div>
                  </td>
                  <td className="p-2 tabular-nums">{formatDay(protocol.receivedOn)}</td>
                  <td className="p-2 tabular-nums">{formatInstant(protocol.dueAt, locale)}</td>
                  <RecordedCell
                    at={protocol.appliedAt}
                    by={protocol.appliedBy}
                    late={isProtocolLate(protocol.dueAt, protocol.appliedAt)}
                    locale={locale}
                    labels={{ late: t('late'), onTime: t('onTime') }}
                  />
                  <td className="p-2 tabular-nums">{protocol.peopleCount}</td>
                  <DeliveryCell delivery={protocol} label={t('columns.delivery')} text={deliveryText} />
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
        <PeopleTable
          key={protocol.id}
          testId={`protocol-written-${protocol.id}`}
          heading={{ text: t('writtenHeading', { number: protocol.number }) }}
          lead={t('writtenLead')}
          className="max-w-4xl"
          rows={rows}
          columns={[
            { label: t('columnsWritten.name'), value: (row) => row.name },
            { label: t('columnsWritten.iin'), value: (row) => row.iin, numeric: true },
            { label: t('columnsWritten.address'), value: (row) => row.address },
          ]}
        />
      ))}
    </div>
  )
}

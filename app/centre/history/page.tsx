import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { getPersonHistory } from '@/lib/registries/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam, searchParamText } from '@/lib/route-params'
import { RemoveRecordForm } from './remove-record-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('centre.history'))('heading') }
}

// Issue 16: a person's history in the centre's registry (every record of her IIN, each with its events), opened from
// one of her records; the active record can be removed here. Another centre's record looks missing.
export default async function PersonHistoryPage({ searchParams }: { searchParams: Promise<{ record?: string | string[] }> }) {
  const actor = await requireActor('dispensary_doctor')
  const asked = searchParamText((await searchParams).record, 20)
  if (!asked) redirect('/centre')
  const recordId = rowIdParam(asked)
  const history = recordId ? await getPersonHistory(getDb(), actor, recordId, await clientAddress()) : null
  if (!history) notFound()
  const t = await getTranslations('centre.history')
  const reasons = await getTranslations('centre.remove.reasons')
  const today = almatyDay(new Date())
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-bold">
          {t('heading')}: {history.name}{' '}
          <span className="font-mono text-base font-normal text-slate-600">{history.iin ?? t('noIin')}</span>
        </h1>
        <Link href="/centre" className="text-sm text-brand underline">
          {t('back')}
        </Link>
      </div>
      <p className="text-sm">{t('born', { date: formatDay(history.birthDate) })}</p>
      <ol className="space-y-3">
        {history.records.map((record) => (
          <li key={record.id} className="space-y-2 rounded border border-slate-300 bg-white p-3 text-sm">
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              <span className="font-bold">{t('record', { id: record.id })}</span>
              <span>{t('group', { group: record.observationGroup })}</span>
              <span>{t('observedSince', { date: formatDay(record.observedSince) })}</span>
              <span className="text-slate-600">{t(`source.${record.source}`)}</span>
            </div>
            {record.removedOn ? (
              <p className="text-slate-700">
                {t('removed', {
                  date: formatDay(record.removedOn),
                  reason: reasons(record.removalReason as 'other'),
                })}
              </p>
            ) : (
              <p className="font-bold text-emerald-800">{t('active')}</p>
            )}
            <ul className="space-y-0.5 border-l-2 border-slate-200 pl-3 text-slate-700">
              {record.events.map((event) => (
                <li key={event.id}>
                  {t('eventLine', {
                    when: formatInstant(event.createdAt),
                    what: t(`events.${event.type}`),
                    who: event.staffName,
                  })}
                  {typeof event.data.note === 'string' ? <span> — {t('note', { note: event.data.note })}</span> : null}
                </li>
              ))}
            </ul>
            {record.removedOn ? null : (
              <RemoveRecordForm
                recordId={record.id}
                version={record.version}
                name={record.name}
                today={today}
                observedSince={record.observedSince}
              />
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}

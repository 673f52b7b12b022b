import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { FieldError } from '@/components/ui/field'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { requireActor } from '@/lib/auth/session'
import { formatDay } from '@/lib/i18n/format'
import { parseSearchQuery, searchEchoLimit, type SearchQuery } from '@/lib/patients/search-query'
import { centreOf } from '@/lib/registries/centre'
import { listRegistry, registryStatuses, type RegistryStatus } from '@/lib/registries/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam, searchParamText } from '@/lib/route-params'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('centre.nav'))('registry') }
}

// The centre's registry: who is (or was) under dynamic observation, newest first, 50 a page; search by IIN, surname or
// birth date.
export default async function CentreRegistryPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; status?: string | string[]; before?: string | string[] }>
}) {
  const actor = await requireActor('dispensary_doctor')
  const db = getDb()
  const centre = await centreOf(db, actor, 'registry.read')
  if (!centre) notFound()
  const t = await getTranslations('centre.list')
  const root = await getTranslations()
  const search = await searchParams
  const text = searchParamText(search.q, searchEchoLimit)
  const statusText = searchParamText(search.status, 20)
  const status: RegistryStatus = (registryStatuses as readonly string[]).includes(statusText)
    ? (statusText as RegistryStatus)
    : 'active'
  const parsed = parseSearchQuery(text)
  const query: SearchQuery = parsed.kind === 'phone' ? { kind: 'invalid', error: 'centre.errors.searchKind' } : parsed
  const before = rowIdParam(searchParamText(search.before, 20))
  const listed =
    query.kind === 'invalid'
      ? null
      : await listRegistry(db, actor, { status, query, before }, { address: await clientAddress(), now: new Date() })
  const link = (cursor: number | null) =>
    `?${new URLSearchParams({ ...(text ? { q: text } : {}), status, ...(cursor ? { before: String(cursor) } : {}) })}`
  const registry = root(`centre.registries.${centre.registry}`)
  return (
    <div className="space-y-2">
      <h1 className="text-lg font-bold">{t('heading', { registry })}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-2 text-sm">
        <div className="min-w-80 flex-1">
          <label htmlFor="registry-query" className="mb-1 block font-bold text-slate-700">
            {t('search')}
          </label>
          <input
            id="registry-query"
            name="q"
            defaultValue={text}
            autoFocus
            aria-invalid={query.kind === 'invalid' ? true : undefined}
            aria-describedby={query.kind === 'invalid' ? 'registry-query-error' : 'registry-query-hint'}
            className="block w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-red-600"
          />
          <p id="registry-query-hint" className="mt-1 text-xs text-slate-600">
            {t('searchHint')}
          </p>
          <FieldError id="registry-query-error" messageKey={query.kind === 'invalid' ? query.error : undefined} />
        </div>
        <div>
          <label htmlFor="registry-status" className="mb-1 block font-bold text-slate-700">
            {t('status')}
          </label>
          <select
            id="registry-status"
            name="status"
            defaultValue={status}
            className="rounded border border-slate-400 bg-white px-2 py-1"
          >
            {registryStatuses.map((value) => (
              <option key={value} value={value}>
                {t(`statuses.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="mb-5 rounded bg-brand px-3 py-1 font-bold text-white hover:bg-brand-dark">
          {t('submit')}
        </button>
      </form>
      {listed && listed.rows.length === 0 ? <p className="text-sm text-slate-600">{t('nothing')}</p> : null}
      {listed && listed.rows.length > 0 ? (
        <table className="w-full border border-slate-300 bg-white text-sm">
          <thead className="border-b border-slate-300 bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-1 font-normal">{t('columns.name')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.iin')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.birthDate')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.group')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.observedSince')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {listed.rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 hover:bg-sky-50">
                <td className="px-2 py-1">
                  <Link href={`/centre/history?record=${row.id}`} className="text-brand hover:underline">
                    {row.name}
                  </Link>
                </td>
                <td className="px-2 py-1 font-mono">
                  {row.iin ?? <span className="font-sans text-slate-500">{t('noIin')}</span>}
                </td>
                <td className="px-2 py-1 tabular-nums">{formatDay(row.birthDate)}</td>
                <td className="px-2 py-1">{row.observationGroup}</td>
                <td className="px-2 py-1 tabular-nums">{formatDay(row.observedSince)}</td>
                <td className="px-2 py-1">
                  {row.removedOn ? (
                    <span className="text-slate-600">
                      {t('removedOn', {
                        date: formatDay(row.removedOn),
                        reason: root(`centre.remove.reasons.${row.removalReason as 'other'}`),
                      })}
                    </span>
                  ) : (
                    <span className="font-bold text-emerald-800">{t('active')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <KeysetNav
        label={t('pages')}
        first={before ? link(null) : null}
        next={listed?.before ? link(listed.before) : null}
        labels={{ first: t('first'), next: t('next') }}
      />
    </div>
  )
}

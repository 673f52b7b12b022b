import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { CsvExportButton } from '@/components/patients/csv-export-button'
import { FilterForm } from '@/components/patients/filter-form'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { requireActor } from '@/lib/auth/session'
import { formatDay } from '@/lib/i18n/format'
import { listSectionLoad } from '@/lib/organizations/queries'
import { parseSearchQuery, searchEchoLimit } from '@/lib/patients/search-query'
import { listRegister } from '@/lib/services/attachment/register/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam, searchParamText } from '@/lib/route-params'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('register'))('heading') }
}

const pageSize = 100

// The register of attached population: who is attached to which section, since when (Rules p.13-14).
export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<{ section?: string; q?: string | string[]; after?: string | string[]; before?: string | string[] }>
}) {
  const actor = await requireActor('registrar')
  const t = await getTranslations('register')
  const root = await getTranslations()
  const search = await searchParams
  const db = getDb()
  const sections = await listSectionLoad(db, actor)
  const sectionId = sections.find((s) => String(s.id) === search.section)?.id ?? null
  const text = searchParamText(search.q, searchEchoLimit)
  const query = parseSearchQuery(text)
  const outcome = await listRegister(
    db,
    actor,
    { sectionId, query },
    {
      after: rowIdParam(searchParamText(search.after, 20)),
      before: rowIdParam(searchParamText(search.before, 20)),
      limit: pageSize,
    },
    { address: await clientAddress(), now: new Date() },
  )
  const { total, rows, hasPrevious, hasNext } =
    outcome.state === 'done' ? outcome.value : { total: null, rows: [], hasPrevious: false, hasNext: false }
  const link = (cursor: { after?: number; before?: number }) =>
    `?${new URLSearchParams({
      ...(sectionId ? { section: String(sectionId) } : {}),
      ...(text ? { q: text } : {}),
      ...(cursor.after ? { after: String(cursor.after) } : {}),
      ...(cursor.before ? { before: String(cursor.before) } : {}),
    })}`
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-bold">
          {t('heading')} {total === null ? null : <span className="text-slate-600">({total})</span>}
        </h1>
        <CsvExportButton
          href={`/registrar/register/export${sectionId ? `?section=${sectionId}` : ''}`}
          filename={`register${sectionId ? `-section-${sectionId}` : ''}.csv`}
        />
      </div>
      <FilterForm
        id="register-query"
        text={text}
        query={query}
        error={outcome.state === 'refine' ? 'errors.search.refine' : undefined}
      >
        <div>
          <label htmlFor="register-section" className="block font-bold text-slate-700">
            {t('section')}
          </label>
          <select
            id="register-section"
            name="section"
            defaultValue={sectionId ?? ''}
            className="rounded border border-slate-400 bg-white px-2 py-1"
          >
            <option value="">{t('allSections')}</option>
            {sections.map((section) => (
              <option key={section.id} value={section.id}>
                №{section.number} ({section.attachedCount})
              </option>
            ))}
          </select>
        </div>
      </FilterForm>
      {outcome.state === 'done' ? (
        <table className="w-full border border-slate-300 bg-white text-sm">
          <thead className="border-b border-slate-300 bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-1 font-normal">{t('columns.name')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.iin')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.birthDate')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.section')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.since')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.until')}</th>
              <th className="px-2 py-1 font-normal">{t('columns.basis')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.patientId} className="border-b border-slate-100 hover:bg-sky-50">
                <td className="px-2 py-1">
                  <Link href={`/registrar/patients/${row.patientId}`} className="text-brand hover:underline">
                    {[row.lastName, row.firstName, row.middleName].filter(Boolean).join(' ')}
                  </Link>
                </td>
                <td className="px-2 py-1 font-mono">{row.iin}</td>
                <td className="px-2 py-1 tabular-nums">{formatDay(row.birthDate)}</td>
                <td className="px-2 py-1">{row.sectionNumber ?? '—'}</td>
                <td className="px-2 py-1 tabular-nums">{formatDay(row.validFrom)}</td>
                <td className="px-2 py-1 tabular-nums">{row.validTo ? formatDay(row.validTo) : '—'}</td>
                <td className="px-2 py-1">{root(`patient.attachment.bases.${row.basis}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <KeysetNav
        label={t('pages')}
        first={hasPrevious ? link({}) : null}
        previous={hasPrevious ? link({ before: rows[0]?.patientId }) : null}
        next={hasNext ? link({ after: rows.at(-1)?.patientId }) : null}
        labels={{ first: t('first'), previous: t('previous'), next: t('next') }}
      />
    </div>
  )
}

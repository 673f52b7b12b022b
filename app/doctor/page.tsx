import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { CsvExportButton } from '@/components/patients/csv-export-button'
import { FilterForm } from '@/components/patients/filter-form'
import { SectionLoadTable } from '@/components/organizations/section-load-table'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { Panel } from '@/components/ui/panel'
import { requireActor } from '@/lib/auth/session'
import { formatDay } from '@/lib/i18n/format'
import { listSectionLoad } from '@/lib/organizations/queries'
import { parseSearchQuery, searchEchoLimit } from '@/lib/patients/search-query'
import { listOwnSection } from '@/lib/services/attachment/register/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam, searchParamText } from '@/lib/route-params'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('doctorHome'))('heading') }
}

const pageSize = 50

type Search = { section?: string | string[]; q?: string | string[]; after?: string | string[]; before?: string | string[] }

// The doctor's sections, and the people of one of them (`?section=<id>`, the first by default): searched by name as
// a Russian keyboard spells it, IIN, phone or birth date, 50 at a time by keyset, and the whole section as CSV.
export default async function DoctorHome({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor('doctor')
  const t = await getTranslations('doctorHome')
  const root = await getTranslations()
  const search = await searchParams
  const db = getDb()
  const sections = await listSectionLoad(db, actor, { doctorId: actor.id })
  const wanted = rowIdParam(searchParamText(search.section, 20))
  const section = sections.find((candidate) => candidate.id === wanted) ?? sections[0]
  const text = searchParamText(search.q, searchEchoLimit)
  const query = parseSearchQuery(text)
  const outcome = section
    ? await listOwnSection(
        db,
        actor,
        section.id,
        query,
        {
          after: rowIdParam(searchParamText(search.after, 20)),
          before: rowIdParam(searchParamText(search.before, 20)),
          limit: pageSize,
        },
        { address: await clientAddress(), now: new Date() },
      )
    : null
  const page = outcome?.state === 'done' ? outcome.value : null
  const link = (cursor: { after?: number; before?: number }) =>
    `?${new URLSearchParams({
      ...(section ? { section: String(section.id) } : {}),
      ...(text ? { q: text } : {}),
      ...(cursor.after ? { after: String(cursor.after) } : {}),
      ...(cursor.before ? { before: String(cursor.before) } : {}),
    })}`
  return (
    <div className="space-y-3">
      <Panel id="sections" title={t('heading')} level={1} headingClassName="mb-2 text-lg font-bold">
        <SectionLoadTable sections={sections} hrefFor={(id) => `?${new URLSearchParams({ section: String(id) })}`} />
      </Panel>
      {section ? (
        <section aria-labelledby="section-list" className="space-y-2 rounded border border-slate-300 bg-white p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="section-list" className="font-bold">
              {t('patientsOfSection', { number: section.number, count: section.attachedCount })}
            </h2>
            <CsvExportButton
              href={`/doctor/export?${new URLSearchParams({ section: String(section.id) })}`}
              filename={`section-${section.number}.csv`}
            />
          </div>
          <FilterForm
            id="section-query"
            text={text}
            query={query}
            error={outcome?.state === 'refine' ? 'errors.search.refine' : undefined}
          >
            <input type="hidden" name="section" value={section.id} />
          </FilterForm>
          {page && query.kind !== 'empty' && page.rows.length > 0 ? (
            <p role="status" className="text-sm text-slate-700">
              {t('found', { count: page.total })}
            </p>
          ) : null}
          {page ? (
            page.rows.length === 0 ? (
              <p role="status" className="text-sm text-slate-700">
                {root('patientSearch.nothing')}
              </p>
            ) : (
              <table className="w-full text-sm">
                <caption className="sr-only">{t('patientsOfSection', { number: section.number, count: page.total })}</caption>
                <thead className="border-b border-slate-300 text-left text-slate-600">
                  <tr>
                    <th className="py-1 font-normal">{root('register.columns.name')}</th>
                    <th className="py-1 font-normal">{root('register.columns.iin')}</th>
                    <th className="py-1 font-normal">{root('register.columns.birthDate')}</th>
                    <th className="py-1 font-normal">{root('register.columns.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((row) => (
                    <tr key={row.patientId} className="border-b border-slate-100 hover:bg-sky-50">
                      <td className="py-0.5">
                        <Link href={`/doctor/patients/${row.patientId}`} className="text-brand hover:underline">
                          {[row.lastName, row.firstName, row.middleName].filter(Boolean).join(' ')}
                        </Link>
                      </td>
                      <td className="py-0.5 font-mono">{row.iin}</td>
                      <td className="py-0.5 tabular-nums">{formatDay(row.birthDate)}</td>
                      <td className="py-0.5 tabular-nums">{formatDay(row.validFrom)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
          <KeysetNav
            label={t('pages', { number: section.number })}
            first={page?.hasPrevious ? link({}) : null}
            previous={page?.hasPrevious ? link({ before: page.rows[0]?.patientId }) : null}
            next={page?.hasNext ? link({ after: page.rows.at(-1)?.patientId }) : null}
            labels={{ first: t('first'), previous: t('previous'), next: t('next') }}
          />
        </section>
      ) : null}
    </div>
  )
}

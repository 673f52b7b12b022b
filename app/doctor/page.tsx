import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { SectionLoadTable } from '@/components/organizations/section-load-table'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { Panel } from '@/components/ui/panel'
import { requireActor } from '@/lib/auth/session'
import { formatDay } from '@/lib/i18n/format'
import { listSectionLoad, listSectionPatients } from '@/lib/organizations/queries'
import { clientAddress } from '@/lib/request-context'
import { rowIdParam, searchParamText } from '@/lib/route-params'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('doctorHome'))('heading') }
}

const pageSize = 200

// The doctor's sections and their people, a page of each at a time (`?section=<id>&after=<patient>` moves one section on).
export default async function DoctorHome({
  searchParams,
}: {
  searchParams: Promise<{ section?: string | string[]; after?: string | string[] }>
}) {
  const actor = await requireActor('doctor')
  const t = await getTranslations('doctorHome')
  const search = await searchParams
  const pagedSection = rowIdParam(searchParamText(search.section, 20))
  const after = rowIdParam(searchParamText(search.after, 20))
  const db = getDb()
  const sections = await listSectionLoad(db, actor, { doctorId: actor.id })
  const view = { address: await clientAddress(), now: new Date() }
  const lists = await Promise.all(
    sections.map((section) =>
      listSectionPatients(db, actor, section.id, view, {
        after: section.id === pagedSection ? after : null,
        limit: pageSize,
      }),
    ),
  )
  return (
    <div className="space-y-3">
      <Panel id="sections" title={t('heading')} level={1} headingClassName="mb-2 text-lg font-bold">
        <SectionLoadTable sections={sections} />
      </Panel>
      {sections.map((section, index) => (
        <section
          key={section.id}
          aria-labelledby={`section-${section.id}`}
          className="rounded border border-slate-300 bg-white p-3"
        >
          <h2 id={`section-${section.id}`} className="mb-2 font-bold">
            {t('patientsOfSection', { number: section.number, count: section.attachedCount })}
          </h2>
          <ol className="grid gap-x-6 text-sm sm:grid-cols-2 xl:grid-cols-3">
            {lists[index]?.map((patient) => (
              <li key={patient.id} className="flex justify-between gap-2 border-b border-slate-100 py-0.5">
                <Link href={`/doctor/patients/${patient.id}`} className="text-brand hover:underline">
                  {patient.name}
                </Link>
                <span className="tabular-nums text-slate-600">{formatDay(patient.birthDate)}</span>
              </li>
            ))}
          </ol>
          <KeysetNav
            label={t('pages', { number: section.number })}
            first={section.id === pagedSection && after ? '?' : null}
            next={
              (lists[index]?.length ?? 0) === pageSize
                ? `?${new URLSearchParams({ section: String(section.id), after: String(lists[index]!.at(-1)!.id) })}#section-${section.id}`
                : null
            }
            labels={{ first: t('first'), next: t('next') }}
          />
        </section>
      ))}
    </div>
  )
}

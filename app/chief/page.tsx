import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { SectionLoadTable } from '@/components/organizations/section-load-table'
import { StaffTable } from '@/components/organizations/staff-table'
import { Panel } from '@/components/ui/panel'
import { requireActor } from '@/lib/auth/session'
import { listSectionLoad, listStaff } from '@/lib/organizations/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('chiefHome'))('heading') }
}

export default async function ChiefHome() {
  const actor = await requireActor('chief')
  const t = await getTranslations('chiefHome')
  const db = getDb()
  const [sections, members] = await Promise.all([listSectionLoad(db, actor), listStaff(db, actor)])
  const attached = sections.reduce((sum, section) => sum + section.attachedCount, 0)
  const norm = sections.reduce((sum, section) => sum + section.capacityNorm, 0)
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <dl className="flex flex-wrap gap-3 text-sm">
        {[
          [t('attached'), attached],
          [t('norm'), norm],
          [t('sectionsCount'), sections.length],
          [t('staffCount'), members.length],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded border border-slate-300 bg-white px-3 py-2">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <Panel id="sections" title={t('sections')}>
        <SectionLoadTable sections={sections} />
      </Panel>
      <Panel id="staff" title={t('staff')}>
        <StaffTable rows={members} />
      </Panel>
    </div>
  )
}

import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { SectionLoadTable } from '@/components/organizations/section-load-table'
import { StaffTable } from '@/components/organizations/staff-table'
import { Panel } from '@/components/ui/panel'
import { requireActor } from '@/lib/auth/session'
import { localized } from '@/lib/i18n/format'
import { getDepartment, listSectionLoad, listStaff } from '@/lib/organizations/queries'
import { deskServiceTime } from '@/lib/services/attachment/desk-time'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('headHome'))('heading') }
}

export default async function HeadHome() {
  const actor = await requireActor('head')
  const t = await getTranslations('headHome')
  const locale = await getLocale()
  const db = getDb()
  const [department, sections, members, deskTime] = await Promise.all([
    getDepartment(db, actor, actor.departmentId),
    listSectionLoad(db, actor, { departmentId: actor.departmentId }),
    listStaff(db, actor, { departmentId: actor.departmentId }),
    deskServiceTime(db, actor, new Date()),
  ])
  const percent = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'kk-KZ', { style: 'percent', maximumFractionDigits: 0 })
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{department ? localized(locale, department.nameKk, department.nameRu) : t('heading')}</h1>
      <Panel id="sections" title={t('sections')}>
        <SectionLoadTable sections={sections} />
      </Panel>
      <Panel id="desk-time" title={t('deskTime')} className="text-sm" headingClassName="mb-1 font-bold">
        {deskTime.requests === 0 ? (
          <p>{t('deskTimeNone')}</p>
        ) : (
          <p className={deskTime.overThirtyShare ? 'font-bold text-red-700' : ''}>
            {t('deskTimeFigures', {
              requests: deskTime.requests,
              median: Math.round(deskTime.medianMinutes ?? 0),
              over: percent.format(deskTime.overThirtyShare ?? 0),
            })}
          </p>
        )}
      </Panel>
      <Panel id="staff" title={t('staff')}>
        <StaffTable rows={members} />
      </Panel>
    </div>
  )
}

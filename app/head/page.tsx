import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { SectionLoadTable } from '@/components/organizations/section-load-table'
import { StaffTable } from '@/components/organizations/staff-table'
import { requireActor } from '@/lib/auth/session'
import { localized } from '@/lib/i18n/format'
import { getDepartment, listSectionLoad, listStaff } from '@/lib/organizations/queries'
import { deskServiceTime } from '@/lib/requests/desk-time'

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
      <section aria-labelledby="sections-heading" className="rounded border border-slate-300 bg-white p-3">
        <h2 id="sections-heading" className="mb-2 font-bold">
          {t('sections')}
        </h2>
        <SectionLoadTable sections={sections} />
      </section>
      <section aria-labelledby="desk-time-heading" className="rounded border border-slate-300 bg-white p-3 text-sm">
        <h2 id="desk-time-heading" className="mb-1 font-bold">
          {t('deskTime')}
        </h2>
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
      </section>
      <section aria-labelledby="staff-heading" className="rounded border border-slate-300 bg-white p-3">
        <h2 id="staff-heading" className="mb-2 font-bold">
          {t('staff')}
        </h2>
        <StaffTable rows={members} />
      </section>
    </div>
  )
}

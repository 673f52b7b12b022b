import type { ReactNode } from 'react'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { StaffActor } from '@/lib/auth/actor'
import { almatyDay, CALENDAR_YEARS, holidaysOf } from '@/lib/calendar'
import { listCalendarOverrides } from '@/lib/calendar-admin/queries'
import { formatDay, localized } from '@/lib/i18n/format'

// The working-day calendar every deadline uses: the holidays of the law for a year, and every transfer of a day off
// stored, whatever its year (issue 15). A clinic's chief reads it; the region's administrator also gets `manage`: the
// form, and a remove button on each transfer.
export async function CalendarPage({
  actor,
  askedYear,
  manage,
}: {
  actor: StaffActor
  askedYear: string | undefined
  manage?: { form: ReactNode; removeButton: (day: string) => ReactNode }
}) {
  const t = await getTranslations('calendar')
  const locale = await getLocale()
  const thisYear = Number(almatyDay(new Date()).slice(0, 4))
  const asked = Number(askedYear)
  const inYears = (y: number) => y >= CALENDAR_YEARS.first && y <= CALENDAR_YEARS.last
  const year = Number.isInteger(asked) && inYears(asked) ? asked : thisYear
  const overrides = await listCalendarOverrides(getDb(), actor)
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-bold">{t('heading')}</h1>
        <nav aria-label={t('years')} className="flex gap-2 text-sm">
          {[year - 1, year, year + 1].filter(inYears).map((y) => (
            <a
              key={y}
              href={`?year=${y}`}
              aria-current={y === year ? 'page' : undefined}
              className="text-brand underline aria-[current=page]:font-bold aria-[current=page]:no-underline"
            >
              {y}
            </a>
          ))}
        </nav>
      </div>
      <p className="max-w-4xl text-sm text-slate-700">{manage ? t('intro') : t('introReadOnly')}</p>
      <div className="grid gap-3 lg:grid-cols-2">
        <section aria-labelledby="holidays-heading" className="rounded border border-slate-300 bg-white p-3">
          <h2 id="holidays-heading" className="mb-2 font-bold">
            {t('holidays', { year })}
          </h2>
          <table className="w-full text-sm">
            <tbody>
              {holidaysOf(year).map((holiday) => (
                <tr key={holiday.day} className="border-b border-slate-100">
                  <td className="py-0.5 pr-3 tabular-nums">{formatDay(holiday.day)}</td>
                  <td className="py-0.5">{localized(locale, holiday.nameKk, holiday.nameRu)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="overrides-heading" className="space-y-3 rounded border border-slate-300 bg-white p-3">
          <h2 id="overrides-heading" className="font-bold">
            {t('overridesAll')}
          </h2>
          {overrides.length === 0 ? (
            <p className="text-sm">{t('noOverrides')}</p>
          ) : (
            <table className="w-full text-sm">
              <tbody>
                {overrides.map((override) => (
                  <tr key={override.day} className="border-b border-slate-100 align-top">
                    <td className="py-0.5 pr-3 tabular-nums">{formatDay(override.day)}</td>
                    <td className="py-0.5 pr-3 font-bold">{t(`kinds.${override.kind}`)}</td>
                    <td className="py-0.5">{override.note}</td>
                    {manage ? <td className="py-0.5 text-right">{manage.removeButton(override.day)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {manage?.form}
        </section>
      </div>
    </div>
  )
}

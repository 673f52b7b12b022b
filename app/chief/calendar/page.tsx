import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { almatyDay, FIRST_CALENDAR_YEAR, holidaysOf } from '@/lib/calendar'
import { formatDay, localized } from '@/lib/i18n/format'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { OverrideForm, RemoveOverrideButton } from './override-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('heading') }
}

// The working-day calendar every deadline uses: the holidays of the law, and the government's transfers of days off.
export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  await requireActor('chief')
  const t = await getTranslations('calendar')
  const locale = await getLocale()
  const now = new Date()
  const thisYear = Number(almatyDay(now).slice(0, 4))
  const asked = Number((await searchParams).year)
  const year = Number.isInteger(asked) && asked >= FIRST_CALENDAR_YEAR && asked <= thisYear + 2 ? asked : thisYear
  const overrides = (await loadCalendarOverrides(getDb(), now)).filter((override) => override.day.startsWith(`${year}-`))
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-bold">{t('heading')}</h1>
        <nav aria-label={t('years')} className="flex gap-2 text-sm">
          {[year - 1, year, year + 1]
            .filter((y) => y >= FIRST_CALENDAR_YEAR && y <= thisYear + 2)
            .map((y) => (
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
      <p className="text-sm text-slate-700">{t('intro')}</p>
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
            {t('overrides', { year })}
          </h2>
          {overrides.length === 0 ? (
            <p className="text-sm">{t('noOverrides')}</p>
          ) : (
            <table className="w-full text-sm">
              <tbody>
                {overrides.map((override) => (
                  <tr key={override.day} className="border-b border-slate-100">
                    <td className="py-0.5 pr-3 tabular-nums">{formatDay(override.day)}</td>
                    <td className="py-0.5 pr-3 font-bold">{t(`kinds.${override.kind}`)}</td>
                    <td className="py-0.5">{override.note}</td>
                    <td className="py-0.5 text-right">
                      <RemoveOverrideButton day={override.day} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <OverrideForm />
        </section>
      </div>
    </div>
  )
}

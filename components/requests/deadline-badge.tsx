import { useLocale, useTranslations } from 'next-intl'
import type { CalendarOverride } from '@/lib/calendar'
import { deadlineState, workingTimeLeft } from '@/lib/calendar'
import { formatInstant } from '@/lib/i18n/format'

// A deadline counted in calendar minutes round the clock (a registry certificate's 30 minutes, Order ҚР ДСМ-49/2020
// list row 4) turns amber this close to it.
const calendarSoonMinutes = 10

// Time left to the legal deadline: amber under 2 working hours, red when overdue. `clock: 'calendar'`: the service's
// limit runs round the clock, so the time left is plain time, not working time.
export function DeadlineBadge({
  due,
  now,
  overrides,
  open = true,
  countdown = true,
  clock = 'working',
}: {
  due: Date
  now: Date
  overrides: readonly CalendarOverride[]
  open?: boolean
  countdown?: boolean
  clock?: 'working' | 'calendar'
}) {
  const t = useTranslations('requests.deadline')
  const locale = useLocale()
  const when = formatInstant(due, locale)
  if (!open) return <span className="tabular-nums">{when}</span>
  const plainLeft = Math.floor((due.getTime() - now.getTime()) / 60_000)
  const state =
    clock === 'calendar'
      ? plainLeft < 0
        ? 'overdue'
        : plainLeft < calendarSoonMinutes
          ? 'soon'
          : 'ok'
      : deadlineState(now, due, { overrides })
  // The patient sees no countdown, but does see that the deadline has passed without a decision (p.38: inaction may
  // be complained about).
  if (!countdown)
    return (
      <span className="inline-flex flex-wrap items-center gap-1 tabular-nums">
        <span>{when}</span>
        {state === 'overdue' ? (
          <span className="rounded bg-red-600 px-1.5 py-0.5 text-xs font-bold text-white" data-deadline={state}>
            {t('passed')}
          </span>
        ) : null}
      </span>
    )
  const left =
    clock === 'calendar' ? { minutes: Math.abs(plainLeft), overdue: plainLeft < 0 } : workingTimeLeft(now, due, { overrides })
  const hours = Math.floor(left.minutes / 60)
  const minutes = left.minutes % 60
  const tone = { overdue: 'bg-red-600 text-white', soon: 'bg-amber-300 text-amber-950', ok: 'bg-slate-100 text-slate-800' }[state]
  const label = left.overdue
    ? t('overdue', { hours, minutes })
    : t(clock === 'calendar' ? 'leftCalendar' : 'left', { hours, minutes })
  return (
    <span className="inline-flex flex-wrap items-center gap-1 tabular-nums">
      <span>{when}</span>
      <span className={`rounded px-1.5 py-0.5 text-xs font-bold ${tone}`} data-deadline={state}>
        {label}
      </span>
    </span>
  )
}

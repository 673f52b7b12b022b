import type { WorkingHours } from '@/db/schema'

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type WeekDay = (typeof weekDays)[number]

// A run of consecutive days with the same hours, as a clinic's board shows them ("Mon-Fri 08:00-20:00").
export type HoursRun = { first: WeekDay; last: WeekDay; from: string; to: string }

export function workingHourRuns(hours: WorkingHours): HoursRun[] {
  const runs: HoursRun[] = []
  for (const day of weekDays) {
    const open = hours[day]
    if (!open) continue
    const previous = runs.at(-1)
    const adjacent = previous && weekDays.indexOf(previous.last) === weekDays.indexOf(day) - 1
    if (previous && adjacent && previous.from === open.from && previous.to === open.to) previous.last = day
    else runs.push({ first: day, last: day, from: open.from, to: open.to })
  }
  return runs
}

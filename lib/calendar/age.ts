import type { Day } from './almaty-time'

// Full years of age on `today`: a birthday not yet reached this year does not count.
export function ageOn(birthDate: Day, today: Day): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

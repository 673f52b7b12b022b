import { describe, expect, it } from 'vitest'
import { workingDayBefore } from '../../scripts/seed/overdue-data'

// The demo's overdue requests are submitted on working days before the seed's day (scripts/seed/overdue-requests.ts),
// so a portal request, due at 20:00 on its day, is past due whatever day the demo starts on.
describe('The demo seed counts working days back over weekends, holidays and overrides', () => {
  it.each([
    { label: 'Monday, 1 back: Friday', today: '2026-11-23', n: 1, day: '2026-11-20' },
    { label: 'Monday, 4 back: Tuesday before', today: '2026-11-23', n: 4, day: '2026-11-17' },
    { label: 'Sunday, 1 back: Friday', today: '2026-11-22', n: 1, day: '2026-11-20' },
    { label: 'after Nauryz (23-25 March 2026 off), 1 back: Friday 20 March', today: '2026-03-26', n: 1, day: '2026-03-20' },
    { label: '2 January 2026, 1 back: 31 December 2025', today: '2026-01-05', n: 1, day: '2025-12-31' },
  ])('$label', ({ today, n, day }) => expect(workingDayBefore(today, n, [])).toBe(day))

  it('a day an administrator made a day off is skipped', () => {
    expect(workingDayBefore('2026-11-23', 1, [{ day: '2026-11-20', kind: 'day_off' }])).toBe('2026-11-19')
  })
})

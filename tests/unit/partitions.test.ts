import { describe, expect, it } from 'vitest'
import { addMonths, almatyDay, monthOf, monthsBetween } from '../../lib/calendar'
import { firstMonthKept, partitionMonths, retention } from '../../lib/partitions'

describe('months of the Almaty calendar', () => {
  it.each([
    { label: 'the next month', month: '2026-11', n: 1, expected: '2026-12' },
    { label: 'December to January of the next year', month: '2026-12', n: 1, expected: '2027-01' },
    { label: 'back over a year boundary', month: '2027-01', n: -1, expected: '2026-12' },
    { label: 'five years back', month: '2031-12', n: -60, expected: '2026-12' },
    { label: 'no move', month: '2026-12', n: 0, expected: '2026-12' },
  ])('addMonths: $label', ({ month, n, expected }) => expect(addMonths(month, n)).toBe(expected))

  it('counts whole months between two months, across a year', () => {
    expect(monthsBetween('2026-11', '2027-02')).toBe(3)
    expect(monthsBetween('2027-02', '2026-11')).toBe(-3)
    expect(monthsBetween('2026-12', '2026-12')).toBe(0)
  })

  it('refuses what is not a month', () => {
    expect(() => addMonths('2026-13', 1)).toThrow(RangeError)
    expect(() => addMonths('2026-12', 0.5)).toThrow(RangeError)
    expect(() => monthOf('2026-02-30')).toThrow(RangeError)
  })
})

describe('Partitions job: the months that must exist on a day (previous month through three ahead)', () => {
  it.each([
    { label: 'mid-November', today: '2026-11-24', months: ['2026-10', '2026-11', '2026-12', '2027-01', '2027-02'] },
    {
      label: '15 December: into the next year',
      today: '2026-12-15',
      months: ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03'],
    },
    { label: '31 December', today: '2026-12-31', months: ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03'] },
    {
      label: '1 January: the previous month is last December',
      today: '2027-01-01',
      months: ['2026-12', '2027-01', '2027-02', '2027-03', '2027-04'],
    },
    {
      label: 'October: the third month ahead is January',
      today: '2026-10-01',
      months: ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'],
    },
  ])('$label', ({ today, months }) => expect(partitionMonths(today)).toEqual(months))

  it("the day is Almaty's: 31 December 19:30 UTC is already 1 January, 18:59 UTC still 31 December", () => {
    expect(partitionMonths(almatyDay(new Date('2026-12-31T19:30:00Z')))).toEqual([
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
    ])
    expect(partitionMonths(almatyDay(new Date('2026-12-31T18:59:59Z')))[1]).toBe('2026-12')
    // Before 1 March 2024 Almaty was UTC+6: 31 January 2024 18:30 UTC was already 1 February there.
    expect(partitionMonths(almatyDay(new Date('2024-01-31T18:30:00Z')))[1]).toBe('2024-02')
  })

  it('ahead is a whole number of months', () => {
    expect(partitionMonths('2026-12-15', 0)).toEqual(['2026-11', '2026-12'])
    expect(() => partitionMonths('2026-12-15', -1)).toThrow(RangeError)
  })
})

describe("Retention: a month is retired once it has been over for the rule's full months", () => {
  it.each([
    { label: 'audit, 60 months: December 2026 is kept through December 2031', today: '2031-12-31', keep: 60, first: '2026-12' },
    { label: 'audit, 60 months: retired on 1 January 2032', today: '2032-01-01', keep: 60, first: '2027-01' },
    { label: 'outbox, 12 months, over a year boundary', today: '2027-01-10', keep: 12, first: '2026-01' },
  ])('$label', ({ today, keep, first }) => expect(firstMonthKept(today, keep)).toBe(first))

  it('the history is moved out (detached), never dropped; only the outbox is dropped', () => {
    expect(retention.audit_log).toEqual({ keepMonths: 60, then: 'detach' })
    expect(retention.request_events).toEqual({ keepMonths: 60, then: 'detach' })
    expect(retention.notifications.then).toBe('drop')
  })

  it('refuses a retention of no months', () => {
    expect(() => firstMonthKept('2026-12-15', 0)).toThrow(RangeError)
  })
})

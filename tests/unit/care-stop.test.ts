import { describe, expect, it } from 'vitest'
import { isNoticeLate, noticeDeadline } from '@/lib/services/attachment/rules/care-stop'
import { careStopSchema } from '@/lib/services/attachment/care-stop/schema'

const key = '6f1d8f0e-3c1a-4c55-9a55-0d6c1f0b2a11'

describe('Rules of attachment p.34: when the clinic must tell its population that it stops primary care', () => {
  it('p.34(1): at least 30 calendar days before the purchase contract is terminated or amended', () => {
    expect(noticeDeadline('contract_terminated', { stopsOn: '2027-01-01' })).toBe('2026-12-02')
    expect(noticeDeadline('contract_amended', { stopsOn: '2026-03-01' })).toBe('2026-01-30')
    // Calendar days, not working days: the Nauryz holidays inside the window change nothing.
    expect(noticeDeadline('contract_terminated', { stopsOn: '2026-04-20' })).toBe('2026-03-21')
  })

  it('p.34(2)-(3): within 2 calendar days of learning of reorganization, liquidation or non-placement', () => {
    for (const reason of ['reorganization', 'liquidation', 'non_placement'] as const) {
      expect(noticeDeadline(reason, { stopsOn: '2027-02-01', learnedOn: '2026-12-30' })).toBe('2027-01-01')
    }
  })

  it('p.34(1), rule 46: a contract terminated with effect from 31 December 2025 is told by 1 December 2025', () => {
    expect(noticeDeadline('contract_terminated', { stopsOn: '2025-12-31' })).toBe('2025-12-01')
  })

  it('p.34(2), rule 47: reorganization learned of on Friday 17 October 2025 is told by Sunday 19 October (calendar days)', () => {
    expect(noticeDeadline('reorganization', { stopsOn: '2026-01-01', learnedOn: '2025-10-17' })).toBe('2025-10-19')
  })

  it('p.34: a notice recorded after its last day is late; on the last day it is in time', () => {
    expect(isNoticeLate('2026-12-02', '2026-12-02')).toBe(false)
    expect(isNoticeLate('2026-12-02', '2026-12-03')).toBe(true)
    expect(isNoticeLate('2026-12-02', '2026-11-20')).toBe(false)
  })

  it('p.34(2)-(3): the form needs the day the clinic learned of it, and the stop cannot come before it', () => {
    const learned = careStopSchema.safeParse({ reason: 'liquidation', stopsOn: '2027-01-10', learnedOn: '', idempotencyKey: key })
    expect(learned.success).toBe(false)
    expect(learned.error?.issues[0]).toMatchObject({ path: ['learnedOn'], message: 'errors.careStop.learnedOnRequired' })
    const order = careStopSchema.safeParse({
      reason: 'non_placement',
      stopsOn: '2026-11-01',
      learnedOn: '2026-11-20',
      idempotencyKey: key,
    })
    expect(order.error?.issues[0]).toMatchObject({ path: ['stopsOn'], message: 'errors.careStop.stopsBeforeLearned' })
    const contract = careStopSchema.safeParse({ reason: 'contract_terminated', stopsOn: '2027-01-01', idempotencyKey: key })
    expect(contract.success).toBe(true)
    const badDay = careStopSchema.safeParse({ reason: 'contract_terminated', stopsOn: '2027-02-30', idempotencyKey: key })
    expect(badDay.error?.issues[0]).toMatchObject({ path: ['stopsOn'], message: 'errors.careStop.stopsOnRequired' })
  })
})

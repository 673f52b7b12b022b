import { describe, expect, it } from 'vitest'
import { blockedUntil, limitRules, lockedUntil } from '@/lib/auth/lockout'

const t0 = new Date('2026-11-23T04:00:00Z')
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)
const fail = (minutes: number) => ({ at: at(minutes), succeeded: false })
const ok = (minutes: number) => ({ at: at(minutes), succeeded: true })

describe('sign-in lockout: five failures in 15 minutes lock for 15 minutes', () => {
  it('four failures do not lock', () => {
    expect(lockedUntil([fail(0), fail(1), fail(2), fail(3)], at(4))).toBeNull()
  })

  it('the fifth failure within 15 minutes locks until 15 minutes after it', () => {
    const attempts = [fail(0), fail(1), fail(2), fail(3), fail(4)]
    expect(lockedUntil(attempts, at(5))).toEqual(at(19))
    expect(lockedUntil(attempts, at(18.99))).toEqual(at(19))
    expect(lockedUntil(attempts, at(19))).toBeNull()
  })

  it('five failures spread over more than 15 minutes do not lock', () => {
    expect(lockedUntil([fail(0), fail(4), fail(8), fail(12), fail(15.5)], at(16))).toBeNull()
  })

  it('five failures exactly 15 minutes apart lock', () => {
    expect(lockedUntil([fail(0), fail(4), fail(8), fail(12), fail(15)], at(16))).toEqual(at(30))
  })

  it('a success clears the failures before it', () => {
    expect(lockedUntil([fail(0), fail(1), fail(2), fail(3), ok(4), fail(5)], at(6))).toBeNull()
  })

  it('after the lock ends, one more failure does not lock again', () => {
    expect(lockedUntil([fail(0), fail(1), fail(2), fail(3), fail(4), fail(20)], at(21))).toBeNull()
  })

  it('order of the rows does not matter', () => {
    expect(lockedUntil([fail(4), fail(0), fail(3), fail(1), fail(2)], at(5))).toEqual(at(19))
  })
})

describe('limits on attempts: the rules behind every lock', () => {
  it('a window counts every attempt, and a full window refuses until its oldest attempt leaves it', () => {
    const rule = limitRules.codeRequests
    expect(blockedUntil(rule, [ok(0), fail(1)], at(2))).toBeNull()
    expect(blockedUntil(rule, [ok(0), fail(1), ok(2)], at(3))).toEqual(at(15))
    expect(blockedUntil(rule, [ok(0), fail(1), ok(2)], at(15))).toBeNull()
    expect(blockedUntil(rule, [ok(0), fail(1), ok(2), ok(14)], at(15))).toEqual(at(16))
  })

  it('public verification: a success neither counts nor clears, so one real code between guesses resets nothing', () => {
    const rule = limitRules.verification
    const guesses = Array.from({ length: 9 }, (_, i) => fail(i * 0.5))
    expect(blockedUntil(rule, [...guesses, ok(5), fail(6)], at(6))).toEqual(at(21))
    expect(blockedUntil(limitRules.signInFromAddress, [fail(0), fail(1), fail(2), fail(3), ok(4), fail(5)], at(6))).toBeNull()
  })

  it('attempts at the same instant are ordered by the order they were counted', () => {
    const same = at(0)
    const attempts = [
      { at: same, succeeded: false, order: 2 },
      { at: same, succeeded: true, order: 1 },
      { at: same, succeeded: false, order: 3 },
      { at: same, succeeded: false, order: 4 },
      { at: same, succeeded: false, order: 5 },
      { at: same, succeeded: false, order: 6 },
    ]
    expect(blockedUntil(limitRules.signInFromAddress, attempts, at(1))).toEqual(at(15))
    expect(blockedUntil(limitRules.signInFromAddress, attempts.slice(0, 5), at(1))).toBeNull()
  })
})

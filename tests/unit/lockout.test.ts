import { describe, expect, it } from 'vitest'
import { lockedUntil } from '@/lib/auth/lockout'

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

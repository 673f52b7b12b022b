import { describe, expect, it } from 'vitest'
import { normalizeVerificationCode } from '@/lib/documents/verification-code'
import { initials, maskIin } from '@/lib/verification/mask'
import { verificationLockedUntil, verificationPolicy } from '@/lib/verification/rate-limit'

describe('issue 6: the public verification page masks personal data', () => {
  it('hides the middle eight digits of the IIN', () => {
    expect(maskIin('920314400015')).toBe('92********15')
    expect(maskIin('92031440001')).toBe('************')
  })

  it('shows a person as initials only, Kazakh letters kept', () => {
    expect(initials({ lastName: 'Сағынбаева', firstName: 'Гүлнұр', middleName: 'Қайратқызы' })).toBe('С. Г. Қ.')
    expect(initials({ lastName: 'Өтегенов', firstName: 'ұлан', middleName: null })).toBe('Ө. Ұ.')
    // A decomposed letter (и + combining breve) is composed into й before the initial is cut.
    expect(initials({ lastName: 'и\u0306с', firstName: 'Әли' })).toBe('Й. Ә.')
  })
})

describe('issue 6: verification codes as people type them from paper', () => {
  it('accepts lower case, spaces and dashes, and folds O, I and L', () => {
    expect(normalizeVerificationCode('7k2m-9xq4 ab')).toBe('7K2M9XQ4AB')
    expect(normalizeVerificationCode('7K2M9XQ4AO')).toBe('7K2M9XQ4A0')
    expect(normalizeVerificationCode('7K2M9XQ4Al')).toBe('7K2M9XQ4A1')
  })

  it('refuses what cannot be a code', () => {
    expect(normalizeVerificationCode('7K2M9XQ4A')).toBeNull()
    expect(normalizeVerificationCode('7K2M9XQ4ABC')).toBeNull()
    expect(normalizeVerificationCode('7K2M9XQ4AU')).toBeNull()
    expect(normalizeVerificationCode('../../etc/p')).toBeNull()
  })
})

describe('issue 6: guessing codes is rate-limited', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 8, minute))
  const failures = (count: number, every = 1) =>
    Array.from({ length: count }, (_, i) => ({ at: at(i * every), succeeded: false }))

  it('ten unknown codes within ten minutes lock the address for fifteen minutes', () => {
    expect(verificationPolicy.maxFailures).toBe(10)
    expect(verificationLockedUntil(failures(9), at(9))).toBeNull()
    expect(verificationLockedUntil(failures(10), at(9))).toEqual(at(24))
    expect(verificationLockedUntil(failures(10), at(24))).toBeNull()
  })

  it('ten unknown codes spread over more than ten minutes do not lock', () => {
    expect(verificationLockedUntil(failures(10, 2), at(18))).toBeNull()
  })
})

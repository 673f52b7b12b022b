import { describe, it, expect } from 'vitest'
import fc from 'fast-check'

import { iinControlDigit, makeIin, normalizeIin, parseIin } from '../../lib/iin'
import { iinSchema } from '../../lib/iin/schema'

const DIGITS = [...'0123456789']
const digit = fc.constantFrom(...DIGITS)
const digitString = (constraints: { minLength?: number; maxLength?: number }) => fc.string({ unit: digit, ...constraints })

// First weighting (1..11) mod 11, computed independently of the module.
const firstWeighting = (iin: string): number => [...iin.slice(0, 11)].reduce((sum, ch, i) => sum + Number(ch) * (i + 1), 0) % 11

const withDigitAt = (iin: string, position: number, d: string): string => iin.slice(0, position) + d + iin.slice(position + 1)

const birthDate = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10))
const sex = fc.constantFrom('male' as const, 'female' as const)
const validIin = fc.record({ birthDate, sex, serial: fc.nat() }).map((input) => makeIin(input))

// Hand-computed IINs (sums shown for the first weighting unless noted).
const MALE_1990 = '900515300127' // 9+0+0+20+5+30+21+0+0+10+22 = 117 ≡ 7
const FEMALE_2001 = '011231603450' // 0+2+3+8+15+6+42+0+27+40+55 = 198 ≡ 0
const MALE_1875 = '750308100017' // 7+10+0+12+0+48+7+0+0+0+11 = 95 ≡ 7

describe('parseIin: hand-computed examples', () => {
  it('control digit: weights 1..11 mod 11 (1990-05-15 male)', () => {
    expect(parseIin(MALE_1990)).toEqual({ valid: true, birthDate: '1990-05-15', sex: 'male' })
    expect(iinControlDigit(MALE_1990.slice(0, 11))).toBe(7)
  })

  it('century digit 6 = female born in the 2000s (2001-12-31)', () => {
    expect(parseIin(FEMALE_2001)).toEqual({ valid: true, birthDate: '2001-12-31', sex: 'female' })
  })

  it('century digit 1 = male born in the 1800s (1875-03-08)', () => {
    expect(parseIin(MALE_1875)).toEqual({ valid: true, birthDate: '1875-03-08', sex: 'male' })
  })

  it('checksum: changing the last digit is rejected', () => {
    expect(parseIin('900515300128')).toEqual({ valid: false, reason: 'checksum' })
    expect(parseIin('011231603451')).toEqual({ valid: false, reason: 'checksum' })
  })

  it('length: 11 digits, 13 digits and the empty string', () => {
    expect(parseIin('90051530012')).toEqual({ valid: false, reason: 'length' })
    expect(parseIin('9005153001270')).toEqual({ valid: false, reason: 'length' })
    expect(parseIin('')).toEqual({ valid: false, reason: 'length' })
  })

  it('digits: any non-digit wins over length, and spaces are not stripped', () => {
    expect(parseIin('12345678901a')).toEqual({ valid: false, reason: 'digits' })
    expect(parseIin('abc')).toEqual({ valid: false, reason: 'digits' })
    expect(parseIin(' 900515300127')).toEqual({ valid: false, reason: 'digits' })
    expect(parseIin('900515 300127')).toEqual({ valid: false, reason: 'digits' })
  })

  it('control digit: when weights 1..11 give 10, weights 3..11,1,2 decide', () => {
    // First: 85 + 9·10 = 175 ≡ 10; second: 27+0+0+30+7+40+27+0+0+9+0 = 140 ≡ 8.
    expect(firstWeighting('900515300908')).toBe(10)
    expect(iinControlDigit('90051530090')).toBe(8)
    expect(parseIin('900515300908')).toEqual({ valid: true, birthDate: '1990-05-15', sex: 'male' })
    expect(parseIin('900515300900')).toEqual({ valid: false, reason: 'checksum' })
  })

  it('control digit: undefined (null) when both weightings give 10, so no IIN has that prefix', () => {
    // First: 85 + 36 + 10 + 55 = 186 ≡ 10; second: 131 + 44 + 1 + 10 = 186 ≡ 10.
    expect(iinControlDigit('90051530415')).toBeNull()
    for (const last of DIGITS) {
      expect(parseIin(`90051530415${last}`)).toEqual({ valid: false, reason: 'checksum' })
    }
  })

  it('century digit 0 or 7-9: valid with null birthDate and sex when the checksum holds', () => {
    // 1+4+9+16+25+36 = 91 ≡ 3
    expect(parseIin('123456000003')).toEqual({ valid: true, birthDate: null, sex: null })
    for (const centuryDigit of ['0', '7', '8', '9']) {
      const first11 = `900515${centuryDigit}0012`
      const control = iinControlDigit(first11)
      expect(control).not.toBeNull()
      expect(parseIin(`${first11}${control}`)).toEqual({ valid: true, birthDate: null, sex: null })
    }
  })

  it('century digit 1-6 with month 13: valid, but birthDate and sex are null', () => {
    // 9+0+3+12+5+30+21 = 80 ≡ 3
    expect(parseIin('901315300003')).toEqual({ valid: true, birthDate: null, sex: null })
  })

  it('calendar: Feb 29 only in leap years (2000 yes; 2001, 1900, 1800 no)', () => {
    expect(parseIin('000229500008')).toEqual({ valid: true, birthDate: '2000-02-29', sex: 'male' })
    expect(parseIin('010229600006')).toEqual({ valid: true, birthDate: null, sex: null })
    expect(parseIin('000229300005')).toEqual({ valid: true, birthDate: null, sex: null })
    expect(parseIin('000229100002')).toEqual({ valid: true, birthDate: null, sex: null })
  })

  it('single-digit change is not always caught: weighting switch (d10) and weight 11 ≡ 0 (d11)', () => {
    expect(parseIin('900515300008').valid).toBe(true)
    expect(parseIin('900515300908').valid).toBe(true) // d10 0→9 moves the first sum to 10
    expect(parseIin('900515300137').valid).toBe(true) // d11 2→3 of MALE_1990
  })
})

describe('normalizeIin and makeIin', () => {
  it('normalizeIin removes regular and non-breaking spaces only', () => {
    expect(normalizeIin(' 900 515\u00A0300 127 ')).toBe(MALE_1990)
    expect(normalizeIin('9005-15\t300127')).toBe('9005-15\t300127')
  })

  it('makeIin: serial fills digits 8-11 (mod 10000) and skips undefined control digits', () => {
    expect(makeIin({ birthDate: '1990-05-15', sex: 'male', serial: 12 })).toBe(MALE_1990)
    expect(makeIin({ birthDate: '2001-12-31', sex: 'female', serial: 10345 })).toBe(FEMALE_2001)
    // serial 0415 has no control digit, 0416 does (first sum 197 ≡ 10, second 188 ≡ 1).
    expect(makeIin({ birthDate: '1990-05-15', sex: 'male', serial: 415 })).toBe('900515304161')
  })

  it('makeIin rejects out-of-range dates and bad serials', () => {
    expect(() => makeIin({ birthDate: '1799-12-31', sex: 'male', serial: 0 })).toThrow(RangeError)
    expect(() => makeIin({ birthDate: '2100-01-01', sex: 'male', serial: 0 })).toThrow(RangeError)
    expect(() => makeIin({ birthDate: '2001-02-29', sex: 'male', serial: 0 })).toThrow(RangeError)
    expect(() => makeIin({ birthDate: '1990-05-15', sex: 'male', serial: -1 })).toThrow(RangeError)
    expect(() => makeIin({ birthDate: '1990-05-15', sex: 'male', serial: 1.5 })).toThrow(RangeError)
  })
})

describe('IIN properties (fast-check)', () => {
  it('makeIin round-trips: parseIin returns exactly the birthDate and sex', () => {
    fc.assert(
      fc.property(birthDate, sex, fc.nat(), (date, s, serial) => {
        const iin = makeIin({ birthDate: date, sex: s, serial })
        expect(iin).toMatch(/^\d{12}$/)
        expect(parseIin(iin)).toEqual({ valid: true, birthDate: date, sex: s })
      }),
    )
  })

  it('makeIin uses the first serial ≥ the given one (mod 10000) with a defined control digit', () => {
    fc.assert(
      fc.property(birthDate, sex, fc.nat(), (date, s, serial) => {
        const iin = makeIin({ birthDate: date, sex: s, serial })
        const used = Number(iin.slice(7, 11))
        const skipped = (used - (serial % 10000) + 10000) % 10000
        for (let k = 0; k < skipped; k++) {
          const tried = String((serial + k) % 10000).padStart(4, '0')
          expect(iinControlDigit(iin.slice(0, 7) + tried)).toBeNull()
        }
      }),
    )
  })

  it('checksum: changing d12 to another digit is always rejected', () => {
    fc.assert(
      fc.property(validIin, digit, (iin, d) => {
        fc.pre(d !== iin[11])
        expect(parseIin(withDigitAt(iin, 11, d))).toEqual({ valid: false, reason: 'checksum' })
      }),
    )
  })

  it('checksum: changing one of d1..d10 is rejected whenever weights 1..11 decide before and after', () => {
    // Only here is it guaranteed: delta·i ≢ 0 mod 11 for i ≤ 10; a switch to/from the second weighting can collide.
    fc.assert(
      fc.property(validIin, fc.integer({ min: 0, max: 9 }), digit, (iin, position, d) => {
        const changed = withDigitAt(iin, position, d)
        fc.pre(d !== iin[position] && firstWeighting(iin) !== 10 && firstWeighting(changed) !== 10)
        expect(parseIin(changed)).toEqual({ valid: false, reason: 'checksum' })
      }),
    )
  })

  it('checksum weakness: d11 has weight 11 ≡ 0, so changing it is undetected when weights 1..11 decide', () => {
    fc.assert(
      fc.property(validIin, digit, (iin, d) => {
        fc.pre(firstWeighting(iin) !== 10)
        expect(parseIin(withDigitAt(iin, 10, d)).valid).toBe(true)
      }),
    )
  })

  it('any 12 digits parse as valid or checksum, valid exactly when d12 is the control digit', () => {
    fc.assert(
      fc.property(digitString({ minLength: 12, maxLength: 12 }), (value) => {
        const parsed = parseIin(value)
        const isValid = iinControlDigit(value.slice(0, 11)) === Number(value[11])
        expect(parsed).toEqual(isValid ? expect.objectContaining({ valid: true }) : { valid: false, reason: 'checksum' })
      }),
      { numRuns: 1000 },
    )
  })

  it('any string with a non-digit character gives digits', () => {
    const nonDigit = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[0-9]/.test(c))
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 16 }),
        nonDigit,
        fc.string({ unit: 'binary', maxLength: 16 }),
        (a, c, b) => {
          expect(parseIin(a + c + b)).toEqual({ valid: false, reason: 'digits' })
        },
      ),
    )
  })

  it('any all-digit string whose length is not 12 gives length', () => {
    fc.assert(
      fc.property(
        digitString({ maxLength: 30 }).filter((s) => s.length !== 12),
        (value) => {
          expect(parseIin(value)).toEqual({ valid: false, reason: 'length' })
        },
      ),
    )
  })
})

describe('iinSchema (zod)', () => {
  const issues = (value: unknown): string[] => {
    const result = iinSchema.safeParse(value)
    return result.success ? [] : result.error.issues.map((issue) => issue.message)
  }

  it('accepts a valid IIN with spaces inserted and outputs the 12 digits', () => {
    fc.assert(
      fc.property(validIin, fc.array(fc.constantFrom(' ', '\u00A0'), { maxLength: 12 }), fc.nat(), (iin, spaces, seed) => {
        let spaced = iin
        spaces.forEach((space, i) => {
          const at = (seed + i * 7) % (spaced.length + 1)
          spaced = spaced.slice(0, at) + space + spaced.slice(at)
        })
        expect(iinSchema.parse(spaced)).toBe(iin)
      }),
    )
  })

  it('reports exactly one message key: the first failing reason', () => {
    expect(issues('')).toEqual(['errors.iin.required'])
    expect(issues(' \u00A0 ')).toEqual(['errors.iin.required'])
    expect(issues(undefined)).toEqual(['errors.iin.required'])
    expect(issues('90051530012a')).toEqual(['errors.iin.digits'])
    expect(issues('9005153001')).toEqual(['errors.iin.length'])
    expect(issues('900515300128')).toEqual(['errors.iin.checksum'])
    expect(issues('900 515 300 127')).toEqual([])
  })
})

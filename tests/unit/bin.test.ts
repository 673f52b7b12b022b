import { describe, expect, it } from 'vitest'
import { iinControlDigit } from '../../lib/iin'
import { isBin, makeBin, parseBin } from '../../lib/iin/bin'

// Hand-computed: 9+18+0+12+20+0+0+0+9+20+33 = 121 ≡ 0 (first weighting).
const RESIDENT_1999 = '990340001230'

describe('standard row 4: the clinic signs with its BIN, a 12-digit number checked like an IIN', () => {
  it.each([
    { label: 'a resident legal entity registered in March 1999', value: RESIDENT_1999, parse: { valid: true } },
    { label: 'the wrong check digit', value: '990340001231', parse: { valid: false, reason: 'checksum' } },
    { label: 'an IIN (a person: the 5th digit is a day)', value: '900515300127', parse: { valid: false, reason: 'kind' } },
    { label: 'a 5th digit of 3', value: '990330001230', parse: { valid: false, reason: 'kind' } },
    { label: 'month 13', value: '991340001230', parse: { valid: false, reason: 'kind' } },
    { label: 'eleven digits', value: '99034000123', parse: { valid: false, reason: 'length' } },
    { label: 'a letter', value: '99034000123a', parse: { valid: false, reason: 'digits' } },
  ])('$label', ({ value, parse }) => expect(parseBin(value)).toEqual(parse))

  it('the check digit is the IIN one (weights 1..11, then 3..11,1,2)', () => {
    expect(iinControlDigit(RESIDENT_1999.slice(0, 11))).toBe(0)
  })

  it.each([0, 1, 7, 63, 99_999, 123_456])('makeBin gives a valid BIN of a resident head office (serial %i)', (serial) => {
    const bin = makeBin({ yearMonth: '2405', serial })
    expect(isBin(bin)).toBe(true)
    expect(bin.slice(0, 6)).toBe('240540')
  })

  it('makeBin refuses a month that does not exist', () => {
    expect(() => makeBin({ yearMonth: '2413', serial: 1 })).toThrow(RangeError)
  })
})

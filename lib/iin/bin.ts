// BIN (БСН / БИН): the 12-digit business identification number of a legal entity. Pure: no I/O, no clock.
// Digits 1-4: year and month of registration; 5: the kind of entity (4 a resident legal entity, 5 a non-resident one,
// 6 an individual entrepreneur in a joint venture); 6: 0 the head office, 1 a branch, 2 a representative office,
// 3 a peasant farm; 7-11: a serial; 12: the check digit, the same mod-11 digit as an IIN's.
import { iinControlDigit } from './index'

export type BinParse = { valid: true } | { valid: false; reason: 'length' | 'digits' | 'kind' | 'checksum' }

const allDigits = /^[0-9]*$/

export function parseBin(value: string): BinParse {
  if (!allDigits.test(value)) return { valid: false, reason: 'digits' }
  if (value.length !== 12) return { valid: false, reason: 'length' }
  const month = Number(value.slice(2, 4))
  if (!['4', '5', '6'].includes(value[4]!) || month < 1 || month > 12) return { valid: false, reason: 'kind' }
  const control = iinControlDigit(value.slice(0, 11))
  return control !== null && control === Number(value[11]) ? { valid: true } : { valid: false, reason: 'checksum' }
}

export const isBin = (value: string): boolean => parseBin(value).valid

// A valid BIN of a resident legal entity's head office registered in `yearMonth` ("YYMM"); `serial` fills digits
// 7-11, and the next serials are tried when a prefix has no check digit. For demo data and tests.
export function makeBin(input: { yearMonth: string; serial: number }): string {
  if (!/^[0-9]{2}(0[1-9]|1[0-2])$/.test(input.yearMonth)) throw new RangeError(`makeBin: yearMonth ${input.yearMonth}`)
  if (!Number.isSafeInteger(input.serial) || input.serial < 0) throw new RangeError(`makeBin: serial ${input.serial}`)
  for (let step = 0; step < 100_000; step++) {
    const first11 = `${input.yearMonth}40${String((input.serial + step) % 100_000).padStart(5, '0')}`
    const control = iinControlDigit(first11)
    if (control !== null) return first11 + String(control)
  }
  throw new Error('makeBin: no serial with a defined check digit')
}

// IIN (ЖСН / ИИН): 12-digit Kazakh individual identification number.
// Pure functions only: no I/O, no clock, no dependencies.

export type IinSex = 'male' | 'female'

export type IinParse =
  { valid: true; birthDate: string | null; sex: IinSex | null } | { valid: false; reason: 'length' | 'digits' | 'checksum' }

const WEIGHTS_FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const
const WEIGHTS_SECOND = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const

const ALL_DIGITS = /^[0-9]*$/
const SPACES = /[ \u00A0]/g

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) {
    sum += (digits[i] ?? 0) * (weights[i] ?? 0)
  }
  return sum % 11
}

function toDigits(value: string): number[] {
  return Array.from(value, (ch) => ch.charCodeAt(0) - 48)
}

/** Control digit for 11 digits, or null when both weightings give 10 (no valid IIN has this prefix). */
export function iinControlDigit(first11: string): number | null {
  if (first11.length !== 11 || !ALL_DIGITS.test(first11)) {
    throw new RangeError('iinControlDigit expects exactly 11 digits')
  }
  const digits = toDigits(first11)
  const first = weightedMod11(digits, WEIGHTS_FIRST)
  if (first !== 10) return first
  const second = weightedMod11(digits, WEIGHTS_SECOND)
  return second === 10 ? null : second
}

/** Removes regular and non-breaking spaces; nothing else. */
export function normalizeIin(value: string): string {
  return value.replace(SPACES, '')
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

// Digit 7: odd = male, even = female; 1-2 → 1800s, 3-4 → 1900s, 5-6 → 2000s.
function decodeBirth(iin: string): { birthDate: string; sex: IinSex } | null {
  const centuryDigit = Number(iin[6])
  if (centuryDigit < 1 || centuryDigit > 6) return null
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100
  const year = century + Number(iin.slice(0, 2))
  const month = Number(iin.slice(2, 4))
  const day = Number(iin.slice(4, 6))
  if (!isRealDate(year, month, day)) return null
  return {
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    sex: centuryDigit % 2 === 1 ? 'male' : 'female',
  }
}

export function parseIin(value: string): IinParse {
  if (!ALL_DIGITS.test(value)) return { valid: false, reason: 'digits' }
  if (value.length !== 12) return { valid: false, reason: 'length' }
  const control = iinControlDigit(value.slice(0, 11))
  if (control === null || control !== Number(value[11])) {
    return { valid: false, reason: 'checksum' }
  }
  const birth = decodeBirth(value)
  return birth ? { valid: true, birthDate: birth.birthDate, sex: birth.sex } : { valid: true, birthDate: null, sex: null }
}

const BIRTH_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Deterministic valid IIN for a birth date (1800-2099) and sex. Serial fills digits 8-11
 * (serial mod 10000); if its control digit is undefined, serial+1, serial+2, ... are tried.
 */
export function makeIin(input: { birthDate: string; sex: IinSex; serial: number }): string {
  const { birthDate, sex, serial } = input
  const match = BIRTH_DATE.exec(birthDate)
  const year = Number(match?.[1])
  const month = Number(match?.[2])
  const day = Number(match?.[3])
  if (!match || year < 1800 || year > 2099 || !isRealDate(year, month, day)) {
    throw new RangeError(`makeIin: invalid birthDate ${birthDate}`)
  }
  if (!Number.isSafeInteger(serial) || serial < 0) {
    throw new RangeError(`makeIin: serial must be a non-negative integer, got ${serial}`)
  }
  const centuryDigit = (Math.floor(year / 100) - 18) * 2 + (sex === 'male' ? 1 : 2)
  const prefix = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${centuryDigit}`
  // At most 10000 distinct serials; at least one of them always has a defined control digit.
  for (let step = 0; step < 10000; step++) {
    const first11 = prefix + pad((serial + step) % 10000, 4)
    const control = iinControlDigit(first11)
    if (control !== null) return first11 + String(control)
  }
  throw new Error('makeIin: no serial with a defined control digit')
}

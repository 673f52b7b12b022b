import type { Icd10Kind } from '@/db/schema/icd10'
import { foldName } from '@/lib/text/fold'

// Issue 17: ICD-10 codes as the register writes them and as a doctor types them. Pure: no database, no clock.

// prettier-ignore
const chapters = [
  'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI',
  'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII',
]

// Cyrillic letters that look like the Latin letters of a code (a code copied from a Russian paper is often typed with
// them: «К80.2», «Е11.9»; the Kazakh «І» is the Latin «I»).
// prettier-ignore
const lookAlike: Record<string, string> = {
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X', У: 'Y',
}

// The Latin letter on the same key of a Russian (ЙЦУКЕН) keyboard: «I20» typed with the Russian layout on is «Ш20».
// prettier-ignore
const sameKey: Record<string, string> = {
  Й: 'Q', Ц: 'W', У: 'E', К: 'R', Е: 'T', Н: 'Y', Г: 'U', Ш: 'I', Щ: 'O', З: 'P', Ф: 'A', Ы: 'S', В: 'D', А: 'F',
  П: 'G', Р: 'H', О: 'J', Л: 'K', Д: 'L', Я: 'Z', Ч: 'X', С: 'C', М: 'V', И: 'B', Т: 'N', Ь: 'M',
}

// What a code names, from its shape; null when it is no ICD-10 code. Subcategories have one or two digits after the
// point (the Russian register adds a fifth character in chapter XIX, «S02.01»).
export function icd10KindOf(code: string): Icd10Kind | null {
  if (chapters.includes(code)) return 'chapter'
  if (/^[A-Z][0-9]{2}-[A-Z][0-9]{2}$/.test(code)) return code.slice(0, 3) <= code.slice(4) ? 'block' : null
  if (/^[A-Z][0-9]{2}$/.test(code)) return 'category'
  if (/^[A-Z][0-9]{2}\.[0-9]{1,2}$/.test(code)) return 'subcategory'
  return null
}

export const isDiagnosisKind = (kind: Icd10Kind) => kind === 'category' || kind === 'subcategory'

// A code as written in a file or chosen on a screen: trimmed, upper case, Cyrillic look-alike letters made Latin and
// a comma made a point («к80,2» → «K80.2»). Whether it is a code is icd10KindOf's question.
export function normalizeIcd10Code(text: string): string {
  let code = ''
  for (const letter of text.trim().toUpperCase()) code += lookAlike[letter] ?? letter
  return code.replace(',', '.')
}

export type Icd10Query =
  | { kind: 'empty' }
  // Code prefixes to look up, the likelier reading first: a Cyrillic first letter is read as its Latin look-alike and
  // as the letter on its key («К40» → K40, R40; «Ш20» → I20).
  | { kind: 'code'; prefixes: string[] }
  // Words of a name, folded (lib/text/fold.ts), each of two letters or more, in any order.
  | { kind: 'words'; words: string[]; folded: string }

export const icd10QueryLimit = 100

// A search box's text: a code or its beginning («I20», «i20.8», «I208», «к80,2», «Ш20ю8»), else words of a name.
export function parseIcd10Query(text: string): Icd10Query {
  const trimmed = text.trim().slice(0, icd10QueryLimit)
  const code = /^(\p{L})([0-9]{0,2})(?:([.,юЮбБ])([0-9]{0,2})|([0-9]{1,2}))?$/u.exec(trimmed)
  if (code) {
    const [, letter = '', digits = '', point, afterPoint = '', joined] = code
    const upper = letter.toUpperCase()
    const letters = [...new Set([/[A-Z]/.test(upper) ? upper : lookAlike[upper], sameKey[upper]])].filter(
      (candidate): candidate is string => candidate !== undefined,
    )
    // «I208»: the digits after the category's two are its subcategory.
    const rest = joined !== undefined ? (digits.length === 2 ? `.${joined}` : null) : point ? `.${afterPoint}` : ''
    if (letters.length > 0 && rest !== null && (rest === '' || digits.length === 2))
      return { kind: 'code', prefixes: letters.map((first) => `${first}${digits}${rest}`) }
  }
  const words = (foldName(trimmed).match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 2)
  if (words.length === 0) return { kind: 'empty' }
  return { kind: 'words', words: [...new Set(words)].slice(0, 8), folded: words.join(' ') }
}

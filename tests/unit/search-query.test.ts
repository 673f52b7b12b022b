import { describe, expect, it } from 'vitest'
import { parseSearchQuery } from '@/lib/patients/search-query'

describe('registrar search box: an IIN is checked like every IIN field, letters are a name', () => {
  it.each([
    { text: '', expected: { kind: 'empty' } },
    { text: '920314400015', expected: { kind: 'iin', iin: '920314400015' } },
    { text: '9203 1440 0015', expected: { kind: 'iin', iin: '920314400015' } },
    { text: '920314400016', expected: { kind: 'invalid', error: 'errors.iin.checksum' } },
    { text: '92031440001', expected: { kind: 'invalid', error: 'errors.iin.length' } },
    { text: 'Жұмабаева 92', expected: { kind: 'invalid', error: 'errors.search.mixed' } },
    { text: 'Ж', expected: { kind: 'invalid', error: 'errors.search.tooShort' } },
    { text: '  Жұмабаева  Айгүл ', expected: { kind: 'name', words: ['Жұмабаева', 'Айгүл'] } },
  ])('"$text"', ({ text, expected }) => {
    expect(parseSearchQuery(text)).toEqual(expected)
  })
})

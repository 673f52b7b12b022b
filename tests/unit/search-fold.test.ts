import { describe, expect, it } from 'vitest'
import { parseBirthDate, parsePhone, parseSearchQuery, searchTextLimit } from '@/lib/patients/search-query'
import { foldName } from '@/lib/text/fold'

describe('Issue 15: a Russian keyboard spelling of a Kazakh name folds to the same text', () => {
  it.each([
    { typed: 'Нурлан', stored: 'Нұрлан' },
    { typed: 'АБЕНОВА', stored: 'Әбенова' },
    { typed: 'галия', stored: 'Ғалия' },
    { typed: 'Курманкызы', stored: 'Құрманқызы' },
    { typed: 'Инкар', stored: 'Іңкәр' },
    { typed: 'Омиржан', stored: 'Өміржан' },
    { typed: 'Усенов', stored: 'Үсенов' },
    { typed: 'Хаким', stored: 'Һәкім' },
    { typed: 'Елкин', stored: 'Ёлкин' },
  ])('$typed ~ $stored', ({ typed, stored }) => {
    expect(foldName(typed)).toBe(foldName(stored))
  })

  it('every Kazakh-only letter, in both cases, leaves no Kazakh-only letter behind', () => {
    const folded = foldName('ӘәҒғҚқҢңӨөҰұҮүҺһІіЁё')
    expect(folded).toBe('ааггккннооууууххииее')
  })

  it('Latin transliteration is not folded: «Nurlan» stays Latin', () => {
    expect(foldName('Nurlan')).toBe('nurlan')
  })
})

describe('Issue 15: the search box reads a phone in any common spelling, a birth date as dd.mm.yyyy', () => {
  it.each([
    { text: '+7 701 234 56 78', phone: '+77012345678' },
    { text: '8 (701) 234-56-78', phone: '+77012345678' },
    { text: '87012345678', phone: '+77012345678' },
    { text: '77012345678', phone: '+77012345678' },
    { text: '701 234 5678', phone: '+77012345678' },
    { text: '+7 (727) 123-45-67', phone: '+77271234567' },
    { text: '+1 212 555 0100', phone: null },
    { text: '2345678', phone: null },
  ])('phone "$text"', ({ text, phone }) => {
    expect(parsePhone(text)).toBe(phone)
  })

  it.each([
    { text: '05.03.1990', date: '1990-03-05' },
    { text: '5.3.1990', date: '1990-03-05' },
    { text: '29/02/2024', date: '2024-02-29' },
    { text: '29.02.2023', date: null },
    { text: '31.04.1990', date: null },
    { text: '1990-03-05', date: null },
  ])('birth date "$text"', ({ text, date }) => {
    expect(parseBirthDate(text)).toBe(date)
  })

  it.each([
    { text: '8 701 234 56 78', expected: { kind: 'phone', phone: '+77012345678' } },
    { text: '05.03.1990', expected: { kind: 'birthDate', birthDate: '1990-03-05' } },
    { text: 'Нурлан 05.03.1990', expected: { kind: 'name', words: ['Нурлан'], birthDate: '1990-03-05' } },
    { text: 'Нурлан 31.02.1990', expected: { kind: 'invalid', error: 'errors.search.birthDate' } },
    { text: 'Нурлан 05.03.1990 06.03.1990', expected: { kind: 'invalid', error: 'errors.search.mixed' } },
    { text: '+7 701 23', expected: { kind: 'invalid', error: 'errors.search.phone' } },
    { text: '920314400015', expected: { kind: 'iin', iin: '920314400015' } },
  ])('"$text"', ({ text, expected }) => {
    expect(parseSearchQuery(text)).toEqual(expected)
  })

  it('a text past the limit (a 5,000-character paste) is refused as too long, not cut', () => {
    expect(parseSearchQuery('Нұрлан '.repeat(715))).toEqual({ kind: 'invalid', error: 'errors.search.tooLong' })
    expect(parseSearchQuery('а'.repeat(searchTextLimit)).kind).toBe('name')
    expect(parseSearchQuery('а'.repeat(searchTextLimit + 1)).kind).toBe('invalid')
  })
})

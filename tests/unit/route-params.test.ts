import { describe, expect, it } from 'vitest'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { instantIdParam, instantIdText, isUuid, rowIdParam, searchParamText } from '@/lib/route-params'

describe('What a URL brings is checked before a query', () => {
  it.each([
    { value: '6f1d8f0e-3c1a-4c55-9a55-0d6c1f0b2a11', uuid: true },
    { value: '6F1D8F0E-3C1A-4C55-9A55-0D6C1F0B2A11', uuid: true },
    { value: '-'.repeat(36), uuid: false },
    { value: '6f1d8f0e-3c1a-4c55-9a55-0d6c1f0b2a1\u0000', uuid: false },
    { value: 'not-a-uuid', uuid: false },
  ])('uuid "$value": $uuid', ({ value, uuid }) => expect(isUuid(value)).toBe(uuid))

  it.each([
    { value: '1', id: 1 },
    { value: '9007199254740991', id: 9007199254740991 },
    { value: '9007199254740992', id: null },
    { value: '99999999999999999999', id: null },
    { value: '0', id: null },
    { value: '-1', id: null },
    { value: '1e3', id: null },
    { value: '1\u0000', id: null },
    { value: '', id: null },
    { value: null, id: null },
  ])('row id "$value": $id', ({ value, id }) => expect(rowIdParam(value)).toBe(id))

  it('a repeated search parameter is read once; a cut never splits a surrogate pair', () => {
    expect(searchParamText(['Ақтау', 'x'], 100)).toBe('Ақтау')
    expect(searchParamText(undefined, 100)).toBe('')
    expect(searchParamText('ab😀', 3)).toBe('ab')
    expect(searchParamText('ab😀', 4)).toBe('ab😀')
  })

  it.each([
    { label: 'a NUL byte', text: 'Жұмабаева\u0000' },
    { label: 'a lone surrogate', text: 'Жұма\uD800баева' },
    { label: 'a control character', text: 'Жұма\u001Bбаева' },
  ])('the search box refuses $label instead of failing the query', ({ text }) => {
    expect(parseSearchQuery(text)).toEqual({ kind: 'invalid', error: 'errors.text.invalidCharacters' })
  })
})

describe('a keyset cursor of an instant and an id (issue 15: the SMS history)', () => {
  it('reads back what the link wrote, to the microsecond', () => {
    const cursor = { at: '2026-11-01T06:00:00.000123Z', id: 42 }
    expect(instantIdParam(instantIdText(cursor))).toEqual(cursor)
  })
  it('refuses anything else rather than pass it to a query', () => {
    for (const text of [
      '',
      '2026-11-01T06:00:00.000Z_42',
      '2026-11-01T06:00:00.000123Z_0',
      '2026-13-45T06:00:00.000123Z_1',
      '2026-11-01T06:00:00.000123Z_1;drop',
      '2026-11-01T06:00:00.000123Z_99999999999999999',
    ])
      expect(instantIdParam(text)).toBeNull()
    expect(instantIdParam(undefined)).toBeNull()
  })
})

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalJson, snapshotHash, snapshotHashBytes } from '@/lib/documents/canonical'

describe('canonical snapshot: the same content always gives the same hash', () => {
  it('sorts keys by code unit, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, B: true })).toBe(
      '{"B":true,"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    )
    expect(snapshotHash({ a: 1, b: 2 })).toBe(snapshotHash({ b: 2, a: 1 }))
  })

  it('normalizes strings and keys to NFC: composed and decomposed forms give one hash', () => {
    const composed = 'Құрманқызы'
    const decomposed = composed.normalize('NFD')
    // Kazakh ә ғ қ ң ө ұ ү һ і have no canonical decomposition (NFD leaves them as they are); й (и + breve) and ё do,
    // and they occur in Kazakh names, so a letter that really changes is checked too.
    const withBreve = 'Алий'.normalize('NFD')
    expect(withBreve).not.toBe('Алий')
    expect(snapshotHash({ name: composed })).toBe(snapshotHash({ name: decomposed }))
    expect(snapshotHash({ name: withBreve })).toBe(snapshotHash({ name: 'Алий' }))
    expect(snapshotHash({ ['й'.normalize('NFD')]: 1 })).toBe(snapshotHash({ й: 1 }))
  })

  it('drops undefined members and writes null for undefined array items, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined, 1] })).toBe('{"b":null,"c":[null,1]}')
    expect(snapshotHash({ a: 1, gone: undefined })).toBe(snapshotHash({ a: 1 }))
  })

  it('has no whitespace and writes numbers as JSON', () => {
    expect(canonicalJson({ list: [1, 2.5, -0, 1e21], text: 'a b' })).toBe('{"list":[1,2.5,0,1e+21],"text":"a b"}')
  })

  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError)
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError)
  })

  it('hashes the UTF-8 of the canonical text; a one-character change changes the hash', () => {
    const snapshot = { patient: { lastName: 'Әлиханова' }, number: '1' }
    const expected = createHash('sha256').update('{"number":"1","patient":{"lastName":"Әлиханова"}}').digest('hex')
    expect(snapshotHash(snapshot)).toBe(expected)
    expect(snapshotHash({ ...snapshot, number: '2' })).not.toBe(expected)
  })

  it('gives the 32 raw bytes of a hash', () => {
    const hex = snapshotHash({ a: 1 })
    const bytes = snapshotHashBytes(hex)
    expect(bytes).toHaveLength(32)
    expect(Buffer.from(bytes).toString('hex')).toBe(hex)
    expect(() => snapshotHashBytes('ABC')).toThrow(TypeError)
  })
})

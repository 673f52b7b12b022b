import { describe, expect, it } from 'vitest'
import { hashHexToBase64, normalizeNcaLayerSignature } from '@/lib/signing/ncalayer-client'

describe('NCALayer data: each snapshot hash goes as the base64 of its 32 raw bytes', () => {
  it('encodes the bytes, not the hex text', () => {
    const hex = '89c1c11df9d8f380ac25a95f232fca9bdfc0f74a7a3b1ec38047b11390b8e29f'
    expect(hashHexToBase64(hex)).toBe(Buffer.from(hex, 'hex').toString('base64'))
    expect(Buffer.from(hashHexToBase64(hex), 'base64')).toHaveLength(32)
  })

  it.each(['', 'abc', 'Z'.repeat(64), '89C1C11DF9D8F380AC25A95F232FCA9BDFC0F74A7A3B1EC38047B11390B8E29F'])(
    'rejects %j',
    (hex) => {
      expect(() => hashHexToBase64(hex)).toThrow()
    },
  )
})

describe('NCALayer result: stored as plain base64 DER whether or not NCALayer wraps it as PEM', () => {
  it.each([
    ['MIIBAgMEBQ==', 'MIIBAgMEBQ=='],
    ['-----BEGIN CMS-----\nMIIBAgME\nBQ==\n-----END CMS-----\n', 'MIIBAgMEBQ=='],
    ['MIIB\r\nAgMEBQ==', 'MIIBAgMEBQ=='],
  ])('%j → %j', (value, expected) => {
    expect(normalizeNcaLayerSignature(value)).toBe(expected)
  })

  it.each([[''], ['-----BEGIN CMS-----\n-----END CMS-----\n'], ['not base64!'], ['MIIB='], [null], [['MIIB']]])(
    'gives null for %j',
    (value) => {
      expect(normalizeNcaLayerSignature(value)).toBeNull()
    },
  )
})

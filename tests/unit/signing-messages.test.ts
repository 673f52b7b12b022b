import { describe, expect, it } from 'vitest'
import { signatureCheckMessageKey, type SignatureCheck } from '@/lib/signing/types'
import { messagesFor } from '@/lib/i18n/messages'

// The app's messages with every service's own merged in, as the app uses them.
const kk = messagesFor('kk')
const ru = messagesFor('ru')

const signer = {
  commonName: 'Оспанов Ерлан',
  iin: '850101300111',
  organization: null,
  subject: 'CN=Оспанов Ерлан',
  issuer: 'CN=Tirkeu demo CA',
  certificateSerial: '01',
  notBefore: new Date(0),
  notAfter: new Date(0),
}

const outcomes: SignatureCheck[] = [
  { status: 'valid', signer, signedAt: null },
  ...(['malformed', 'signature', 'hash_mismatch', 'untrusted', 'expired', 'signer_mismatch'] as const).map(
    (reason): SignatureCheck => ({ status: 'invalid', reason }),
  ),
  { status: 'unsupported', reason: 'gost_without_ncanode' },
  { status: 'unavailable', reason: 'ncanode_error' },
]

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)
}

describe('Every signature check outcome has a text in Kazakh and Russian', () => {
  it.each(outcomes.map((check) => ({ check, key: signatureCheckMessageKey(check) })))('$key', ({ key }) => {
    expect(typeof lookup(kk, key)).toBe('string')
    expect(typeof lookup(ru, key)).toBe('string')
  })
})

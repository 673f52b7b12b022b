import { describe, expect, it } from 'vitest'
import { isDemoMode, smsModeOf } from '@/lib/notifications/sms-mode'

describe('the demo SMS inbox exists only in the demo mode of the embedded demo database', () => {
  it('a configured provider sends every SMS, demo flag or not', () => {
    expect(smsModeOf({ SMS_PROVIDER_URL: 'https://sms.example/send', TIRKEU_DEMO: '1', TIRKEU_DATABASE: 'embedded' })).toEqual({
      kind: 'provider',
      url: 'https://sms.example/send',
    })
  })

  it('the embedded demo with the demo flag shows SMS at /dev/inbox', () => {
    expect(smsModeOf({ TIRKEU_DEMO: '1', TIRKEU_DATABASE: 'embedded' })).toEqual({ kind: 'demo' })
    expect(isDemoMode({ TIRKEU_DEMO: '1', TIRKEU_DATABASE: 'embedded' })).toBe(true)
  })

  it('a server on an external DATABASE_URL refuses to start without a provider, even with the demo flag', () => {
    const decision = smsModeOf({ TIRKEU_DEMO: '1', TIRKEU_DATABASE: 'external' })
    expect(decision).toMatchObject({ kind: 'refused', message: expect.stringContaining('SMS_PROVIDER_URL') })
    expect(isDemoMode({ TIRKEU_DEMO: '1', TIRKEU_DATABASE: 'external' })).toBe(false)
  })

  it('a production server without the demo flag refuses to start without a provider, embedded or not', () => {
    for (const database of ['embedded', 'external', undefined]) {
      expect(smsModeOf({ NODE_ENV: 'production', TIRKEU_DATABASE: database })).toMatchObject({
        kind: 'refused',
        message: expect.stringContaining('SMS_PROVIDER_URL'),
      })
    }
    expect(smsModeOf({ NODE_ENV: 'production', TIRKEU_DEMO: '0', TIRKEU_DATABASE: 'embedded' }).kind).toBe('refused')
  })
})

import { describe, expect, it } from 'vitest'
import { validThrough, validityOn } from '@/lib/documents/validity'
import { testClockOffset } from '@/lib/http/test-clock'
import { signerMismatch, type SignatureCheck, type SignerIdentity } from '@/lib/signing/types'
import { verdictOf } from '@/lib/verification/verdict'

const tenDays = { calendarDays: 10 }

describe('List row 11 «Қолданылу мерзімі – күнтізбелік 10 күн», rule 27 (reading B3): issued D, valid through D+10', () => {
  it.each([
    { label: 'issued on a Tuesday', issuedOn: '2026-11-24', through: '2026-12-04' },
    { label: 'across the month end', issuedOn: '2026-01-25', through: '2026-02-04' },
    { label: 'across 29 February of a leap year', issuedOn: '2028-02-25', through: '2028-03-06' },
    { label: 'across the new year', issuedOn: '2026-12-28', through: '2027-01-07' },
    { label: 'holidays and weekends count (calendar days)', issuedOn: '2026-03-20', through: '2026-03-30' },
  ])('$label', ({ issuedOn, through }) => expect(validThrough(issuedOn, tenDays)).toBe(through))

  it.each([
    { label: 'on the day of issue D', today: '2026-11-24', expired: false },
    { label: 'on D+1', today: '2026-11-25', expired: false },
    { label: 'on D+10, the last valid day', today: '2026-12-04', expired: false },
    { label: 'on D+11, expired', today: '2026-12-05', expired: true },
    { label: 'a year later', today: '2027-11-24', expired: true },
  ])('$label', ({ today, expired }) =>
    expect(validityOn('2026-11-24', tenDays, today)).toEqual({ validThrough: '2026-12-04', expired }),
  )

  it('a kind with no validity, or a document with no date of issue, holds until revoked', () => {
    expect(validityOn('2026-11-24', undefined, '2099-01-01')).toBeNull()
    expect(validityOn(null, tenDays, '2099-01-01')).toBeNull()
  })

  it('a validity is a whole, non-negative number of days', () => {
    expect(() => validThrough('2026-11-24', { calendarDays: -1 })).toThrow()
    expect(() => validThrough('2026-11-24', { calendarDays: 1.5 })).toThrow()
    expect(validThrough('2026-11-24', { calendarDays: 0 })).toBe('2026-11-24')
  })
})

const person: SignerIdentity = {
  commonName: 'Оспанов Ерлан',
  iin: '850101300111',
  organization: { name: 'Центр', bin: '120340012345' },
  subject: 'CN=Оспанов Ерлан',
  issuer: 'CN=Tirkeu demo CA',
  certificateSerial: '01',
  notBefore: new Date(0),
  notAfter: new Date(0),
}
const seal: SignerIdentity = { ...person, commonName: 'Центр', iin: null, subject: 'CN=Центр' }
const valid: SignatureCheck = { status: 'valid', signer: seal, signedAt: null }

describe('/verify: genuine but expired is a verdict of its own (rule 27: shown expired from D+11)', () => {
  it('a valid signature past its validity is expired; revoked and not genuine still win', () => {
    expect(verdictOf('issued', valid, false)).toBe('genuine')
    expect(verdictOf('issued', valid, true)).toBe('expired')
    expect(verdictOf('revoked', valid, true)).toBe('revoked')
    expect(verdictOf('issued', { status: 'invalid', reason: 'hash_mismatch' }, true)).toBe('not_genuine')
    expect(verdictOf('awaiting_signature', null, true)).toBe('not_signed')
  })
})

describe("Issue 16: an information system signs with its organization's seal, which is no person's signature", () => {
  const sealOf = (bin: string | null) => ({ expectedSignerIin: null, expectedOrganizationBin: bin, expectedSeal: true })

  it('the seal of the organization named by the BIN is accepted', () => {
    expect(signerMismatch(seal, sealOf('120340012345'))).toBeNull()
  })

  it("another organization's seal, or a document naming no BIN, is refused", () => {
    expect(signerMismatch(seal, sealOf('990340012345'))).toBe('organization_mismatch')
    expect(signerMismatch(seal, sealOf(null))).toBe('organization_mismatch')
    expect(signerMismatch({ ...seal, organization: null }, sealOf('120340012345'))).toBe('organization_missing')
  })

  it("an employee's certificate of the same organization is not its seal, and the seal is not the employee", () => {
    expect(signerMismatch(person, sealOf('120340012345'))).toBe('signer_mismatch')
    expect(signerMismatch(seal, { expectedSignerIin: '850101300111', expectedOrganizationBin: '120340012345' })).toBe(
      'signer_mismatch',
    )
  })
})

describe("The end-to-end suite's clock moves only where its server switches it on", () => {
  it.each([
    { label: 'switched off: the cookie is ignored', value: '950400000', enabled: false, offset: 0 },
    { label: 'eleven days ahead', value: '950400000', enabled: true, offset: 11 * 86_400_000 },
    { label: 'back an hour', value: '-3600000', enabled: true, offset: -3_600_000 },
    { label: 'not a number', value: '11d', enabled: true, offset: 0 },
    { label: 'no cookie', value: undefined, enabled: true, offset: 0 },
  ])('$label', ({ value, enabled, offset }) => expect(testClockOffset(value, enabled)).toBe(offset))
})

import { describe, expect, it } from 'vitest'
import { dueAt } from '@/lib/calendar'
import {
  certificateLimitMinutes,
  consentCodeAttempts,
  consentExpiresAt,
  fullName,
  matchRegistry,
} from '@/lib/services/registry-certificate/rules'
import { registryCertificateFormSchema } from '@/lib/services/registry-certificate/schema'
import { registryCertificateRefusalGrounds } from '@/lib/services/registry-certificate/refusal-grounds'
import { registryCertificateVariants } from '@/lib/services/registry-certificate/registries'
import { serviceOf, servicesOffered } from '@/lib/services'

const person = { iin: '900120450123', lastName: 'Нұрланова', firstName: 'Әлия', birthDate: '1990-01-20' }

describe('Order ҚР ДСМ-49/2020: the registry certificates’ rules', () => {
  it('List row 4, rules 6-7: 30 calendar minutes round the clock, a Sunday night and a holiday alike', () => {
    const limit = { minutes: certificateLimitMinutes }
    // Sunday 29 November 2026, 23:50 Almaty → Monday 00:20.
    expect(dueAt(new Date('2026-11-29T18:50:00Z'), limit, 'portal').toISOString()).toBe('2026-11-29T19:20:00.000Z')
    // 16 December (Independence Day), 12:00 Almaty → 12:30 the same day.
    expect(dueAt(new Date('2026-12-16T07:00:00Z'), limit, 'portal').toISOString()).toBe('2026-12-16T07:30:00.000Z')
  })

  it('reading B4, rule 21: the consent window closes inside the 30 minutes, leaving the sweep time to refuse', () => {
    const submitted = new Date('2026-11-24T05:00:00Z')
    const closes = consentExpiresAt(submitted).getTime() - submitted.getTime()
    expect(closes).toBeLessThan(certificateLimitMinutes * 60_000)
    expect(closes).toBeGreaterThanOrEqual(20 * 60_000)
    expect(consentCodeAttempts).toBe(5)
  })

  it('rule 11: a record with the person’s IIN says «состоит»', () => {
    expect(matchRegistry(person, [{ ...person, lastName: 'Другая' }])).toBe('registered')
  })

  it('rule 10: no record of the person says «не состоит»; another person born the same day is not her', () => {
    expect(matchRegistry(person, [])).toBe('not_registered')
    expect(
      matchRegistry(person, [{ iin: '900120450999', lastName: 'Серікова', firstName: 'Дана', birthDate: '1990-01-20' }]),
    ).toBe('not_registered')
  })

  it('issue 16: the same name and birth date without the IIN, or with another IIN, is uncertain (the centre’s doctor decides)', () => {
    // Folded spelling (Russian keyboard, capitals): «НУРЛАНОВА Алия» is the same name.
    expect(matchRegistry(person, [{ iin: null, lastName: 'НУРЛАНОВА', firstName: 'Алия', birthDate: '1990-01-20' }])).toBe(
      'uncertain',
    )
    expect(
      matchRegistry(person, [{ iin: '900120450999', lastName: 'Нұрланова', firstName: 'Әлия', birthDate: '1990-01-20' }]),
    ).toBe('uncertain')
  })

  it('rule 24: a person without a patronymic is named without one, never "null"', () => {
    expect(fullName({ lastName: 'Нұрланова', firstName: 'Әлия', middleName: null })).toBe('Нұрланова Әлия')
    expect(fullName({ lastName: 'Нұрланова', firstName: 'Әлия', middleName: '  ' })).toBe('Нұрланова Әлия')
    expect(fullName({ lastName: 'Ахметов', firstName: 'Нұрлан', middleName: 'Серікұлы' })).toBe('Ахметов Нұрлан Серікұлы')
  })

  it('list row 10, rule 20: exactly one refusal ground, coded, the source’s Kazakh words with a Russian translation', () => {
    expect(registryCertificateRefusalGrounds).toHaveLength(1)
    expect(registryCertificateRefusalGrounds[0]).toMatchObject({
      code: 'no_consent',
      kk: 'Сұрау салу жасалған адамның келісімінің болмауы',
    })
    expect(registryCertificateRefusalGrounds[0]!.ru.length).toBeGreaterThan(10)
  })

  it('rule 25, reading B1: three services, each with its registry, its heading and a non-empty information system', () => {
    expect(registryCertificateVariants.map((variant) => variant.registry)).toEqual(['tb', 'mental_health', 'narcology'])
    for (const variant of registryCertificateVariants) {
      expect(variant.system.kk.length).toBeGreaterThan(5)
      expect(variant.system.ru.length).toBeGreaterThan(5)
      expect(variant.heading.length).toBeGreaterThan(20)
    }
  })

  it('rules 3-4, 12: the request names no one but by IIN; another person needs a valid IIN', () => {
    expect(registryCertificateFormSchema.safeParse({ patientId: '5', about: 'self' }).success).toBe(true)
    const missing = registryCertificateFormSchema.safeParse({ patientId: '5', about: 'other', subjectIin: '' })
    expect(missing.success).toBe(false)
    expect(missing.error?.issues[0]?.path).toEqual(['subjectIin'])
    const bad = registryCertificateFormSchema.safeParse({ patientId: '5', about: 'other', subjectIin: '123456789012' })
    expect(bad.success).toBe(false)
    // A typed name is not part of the request (rule 4): it is dropped, never stored.
    const parsed = registryCertificateFormSchema.parse({ patientId: '5', about: 'self', lastName: 'Басқа' })
    expect(parsed).not.toHaveProperty('lastName')
  })

  it('R·p.2, list rows 2-3, rules 1-2: portal only, individuals only; the front desk takes no application', () => {
    for (const variant of registryCertificateVariants) {
      const service = serviceOf(variant.service)!
      expect(service.channels).toEqual(['portal'])
      expect(service.who.submit).toEqual(['patient'])
    }
    const atDesk = servicesOffered('desk', 'registrar').map((service) => service.id)
    for (const variant of registryCertificateVariants) expect(atDesk).not.toContain(variant.service)
    const online = servicesOffered('portal', 'patient').map((service) => service.id)
    for (const variant of registryCertificateVariants) expect(online).toContain(variant.service)
  })
})

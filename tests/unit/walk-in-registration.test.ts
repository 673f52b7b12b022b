import { describe, expect, it } from 'vitest'
import { parseIin } from '@/lib/iin'
import { iinDisagreements, isBirthDateAfter } from '@/lib/patients/registration/rules'
import { registrationFormSchema } from '@/lib/patients/registration/schema'
import { registerOfIndividuals } from '@/lib/register-of-individuals'
import { demoIndividuals } from '@/lib/register-of-individuals/demo'
import { detachmentDayRefusal, endsEveryAttachment } from '@/lib/services/attachment/rules/detachment'

const valid = {
  iin: '920505388050',
  lastName: 'Оспанов',
  firstName: 'Дәурен',
  middleName: '',
  birthDate: '1992-05-05',
  sex: 'male',
  status: 'citizen',
  residence: '',
  address: 'Ақтау қ., 15 шағын аудан, 8 үй',
  phone: '',
  phoneConsent: false,
} as const

const errorsOf = (input: Record<string, unknown>) => {
  const result = registrationFormSchema.safeParse(input)
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]))
}

describe('Issue 15: a walk-in registered from the document agrees with their IIN', () => {
  it.each([
    {
      label: 'date and sex as the IIN encodes them',
      person: { birthDate: '1992-05-05', sex: 'male' },
      want: { birthDate: false, sex: false },
    },
    { label: 'another birth date', person: { birthDate: '1992-05-06', sex: 'male' }, want: { birthDate: true, sex: false } },
    { label: 'the other sex', person: { birthDate: '1992-05-05', sex: 'female' }, want: { birthDate: false, sex: true } },
  ] as const)('$label', ({ person, want }) => expect(iinDisagreements('920505388050', person)).toEqual(want))

  it('an IIN that encodes no birth date binds neither', () => {
    expect(iinDisagreements('920505088001', { birthDate: '2001-01-01', sex: 'female' })).toEqual({ birthDate: false, sex: false })
  })

  it('a birth date after today is a typing mistake', () => {
    expect(isBirthDateAfter('2026-11-25', '2026-11-24')).toBe(true)
    expect(isBirthDateAfter('2026-11-24', '2026-11-24')).toBe(false)
  })

  it.each([
    { label: 'accepted as typed', input: valid, errors: {} },
    { label: 'a checksum that fails', input: { ...valid, iin: '920505388051' }, errors: { iin: 'errors.iin.checksum' } },
    {
      label: 'birth date and sex that disagree with the IIN',
      input: { ...valid, birthDate: '1992-05-06', sex: 'female' },
      errors: { birthDate: 'errors.registration.birthDateDisagreesWithIin', sex: 'errors.registration.sexDisagreesWithIin' },
    },
    {
      label: 'a phone without consent (p.24)',
      input: { ...valid, phone: '+77015550101' },
      errors: { phoneConsent: 'errors.desk.phoneConsentRequired' },
    },
    {
      label: 'a phone in another form',
      input: { ...valid, phone: '87015550101', phoneConsent: true },
      errors: { phone: 'errors.desk.phoneFormat' },
    },
    {
      label: 'a foreigner without a residence status (p.4, p.6)',
      input: { ...valid, status: 'foreigner' },
      errors: { residence: 'errors.registration.residenceRequired' },
    },
    {
      label: 'names missing or with digits, address too short',
      input: { ...valid, lastName: '', firstName: 'Дәурен1', address: 'Ақ' },
      errors: {
        lastName: 'errors.registration.lastNameRequired',
        firstName: 'errors.registration.nameLetters',
        address: 'errors.registration.addressRequired',
      },
    },
  ])('$label', ({ input, errors }) => expect(errorsOf(input)).toEqual(errors))

  it("a citizen's residence mark is dropped; the output parses again", () => {
    const output = registrationFormSchema.parse({ ...valid, residence: 'temporary' })
    expect(output.residence).toBe('')
    expect(registrationFormSchema.parse(output)).toEqual(output)
  })
})

describe('The national register of individuals: a port with the demo adapter', () => {
  it('the demo register knows a few valid IINs, whose digits agree with their people, and no other', async () => {
    const register = registerOfIndividuals(undefined)
    expect(register.name).toBe('demo')
    for (const person of demoIndividuals) {
      const parsed = parseIin(person.iin)
      expect(parsed).toEqual({ valid: true, birthDate: person.birthDate, sex: person.sex })
      expect(await register.lookup(person.iin)).toEqual({ state: 'found', person })
    }
    expect(await register.lookup('920505388050')).toEqual({ state: 'not_found' })
  })

  it('an unknown adapter name stops the app rather than run without a register', () => {
    expect(() => registerOfIndividuals('gbdfl')).toThrow(/REGISTER_OF_INDIVIDUALS=gbdfl/)
  })
})

describe('Detachment, 004 annex 3 p.6(4): its day', () => {
  it.each([
    { label: 'today', day: '2026-11-24', refusal: null },
    { label: 'the day the attachment began', day: '2025-01-10', refusal: null },
    { label: 'tomorrow', day: '2026-11-25', refusal: 'errors.detachment.dayInFuture' },
    { label: 'before the attachment began', day: '2025-01-09', refusal: 'errors.detachment.dayBeforeAttachment' },
  ])('$label', ({ day, refusal }) => expect(detachmentDayRefusal(day, { validFrom: '2025-01-10' }, '2026-11-24')).toBe(refusal))

  it('only a death ends every attachment, a waiting one too', () => {
    expect(endsEveryAttachment('death')).toBe(true)
    expect(endsEveryAttachment('left_country')).toBe(false)
    expect(endsEveryAttachment('attached_elsewhere')).toBe(false)
  })
})

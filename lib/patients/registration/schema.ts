import { z } from 'zod'
import { patientStatuses, residenceStatuses, sexes } from '@/db/schema/people'
import { calendarDay } from '@/lib/calendar/day-schema'
import { iinSchema } from '@/lib/iin/schema'
import { plainText } from '@/lib/text/text-schema'
import { earliestBirthDate, iinDisagreements } from './rules'

// A name as the identity document spells it: letters (Kazakh, Russian, Latin), with hyphens, apostrophes and spaces
// between them.
const namePattern = /^\p{L}[\p{L}\p{M}'’\- ]*$/u
const name = (required: string | undefined) =>
  plainText({
    min: required ? 1 : 0,
    max: 100,
    messages: { required, tooLong: 'errors.registration.nameTooLong' },
  }).refine((text) => text === '' || namePattern.test(text), 'errors.registration.nameLetters')

const registrationFields = z.object({
  iin: iinSchema,
  lastName: name('errors.registration.lastNameRequired'),
  firstName: name('errors.registration.firstNameRequired'),
  middleName: name(undefined),
  birthDate: calendarDay('errors.registration.birthDateRequired').refine(
    (day) => day >= earliestBirthDate,
    'errors.registration.birthDateTooEarly',
  ),
  sex: z.enum(sexes, { error: 'errors.registration.sexRequired' }),
  status: z.enum(patientStatuses, { error: 'errors.registration.statusRequired' }),
  // Only a foreigner or a stateless person lives here permanently or stays temporarily (p.4, p.6, p.27).
  residence: z.union([z.enum(residenceStatuses), z.literal('')], { error: 'errors.registration.residenceRequired' }),
  address: plainText({
    min: 5,
    max: 300,
    messages: { required: 'errors.registration.addressRequired', tooLong: 'errors.registration.addressTooLong' },
  }),
  // p.24: a phone typed by hand only with the person's consent to SMS on it.
  phone: z
    .string()
    .trim()
    .regex(/^(\+7[0-9]{10})?$/, 'errors.desk.phoneFormat'),
  phoneConsent: z.boolean(),
})

function checkPerson(value: z.output<typeof registrationFields>, context: z.RefinementCtx) {
  const foreign = value.status === 'foreigner' || value.status === 'stateless'
  if (foreign && value.residence === '')
    context.addIssue({ code: 'custom', path: ['residence'], message: 'errors.registration.residenceRequired' })
  if (value.phone !== '' && !value.phoneConsent)
    context.addIssue({ code: 'custom', path: ['phoneConsent'], message: 'errors.desk.phoneConsentRequired' })
  const disagreements = iinDisagreements(value.iin, value)
  if (disagreements.birthDate)
    context.addIssue({ code: 'custom', path: ['birthDate'], message: 'errors.registration.birthDateDisagreesWithIin' })
  if (disagreements.sex) context.addIssue({ code: 'custom', path: ['sex'], message: 'errors.registration.sexDisagreesWithIin' })
}

// A citizen, kandas or refugee has no residence mark: whatever the form held for it is dropped.
const withoutStrayResidence = <T extends z.output<typeof registrationFields>>(value: T) => ({
  ...value,
  residence: value.status === 'foreigner' || value.status === 'stateless' ? value.residence : ('' as const),
})

// One schema for the registration form and its action (issue 15: a walk-in registered from the identity document).
export const registrationFormSchema = registrationFields.superRefine(checkPerson).transform(withoutStrayResidence)
export const registrationSchema = registrationFields
  .extend({ idempotencyKey: z.uuid('errors.invalidInput') })
  .superRefine(checkPerson)
  .transform(withoutStrayResidence)
export type RegistrationInput = z.input<typeof registrationSchema>
export type RegistrationData = z.output<typeof registrationSchema>

import { z } from 'zod'
import { calendarDay } from '@/lib/calendar/day-schema'
import { normalizeIin, parseIin } from '@/lib/iin'
import { plainText } from '@/lib/text/text-schema'

// Why a person leaves the registry: recovered (or observation no longer needed), moved out of the centre's area, died,
// put on it by mistake, or another reason told in the note.
export const removalReasons = ['recovered', 'moved', 'death', 'error', 'other'] as const
export type RemovalReason = (typeof removalReasons)[number]

const namePattern = /^\p{L}[\p{L}\p{M}'’\- ]*$/u
const name = (required?: string) =>
  plainText({ min: required ? 1 : 0, max: 100, messages: { required, tooLong: 'centre.errors.nameTooLong' } }).refine(
    (text) => text === '' || namePattern.test(text),
    'centre.errors.nameLetters',
  )

export const observationGroupSchema = plainText({
  min: 1,
  max: 20,
  messages: { required: 'centre.errors.groupRequired', tooLong: 'centre.errors.groupTooLong' },
})

// The add form: a person by IIN (name and birth date come from the patients or the register of individuals, never
// typed), or without one (an old record the centre keeps by name and birth date).
export const addRecordFormSchema = z
  .object({
    withoutIin: z.boolean(),
    iin: z.string().transform(normalizeIin),
    lastName: name(),
    firstName: name(),
    middleName: name(),
    birthDate: z.string(),
    observationGroup: observationGroupSchema,
    observedSince: calendarDay('centre.errors.observedSinceRequired'),
  })
  .superRefine((value, context) => {
    if (!value.withoutIin) {
      const parsed = parseIin(value.iin)
      if (value.iin === '') context.addIssue({ code: 'custom', path: ['iin'], message: 'errors.iin.required' })
      else if (!parsed.valid) context.addIssue({ code: 'custom', path: ['iin'], message: `errors.iin.${parsed.reason}` })
      return
    }
    if (value.lastName === '') context.addIssue({ code: 'custom', path: ['lastName'], message: 'centre.errors.lastNameRequired' })
    if (value.firstName === '')
      context.addIssue({ code: 'custom', path: ['firstName'], message: 'centre.errors.firstNameRequired' })
    if (!calendarDay('x').safeParse(value.birthDate).success)
      context.addIssue({ code: 'custom', path: ['birthDate'], message: 'centre.errors.birthDateRequired' })
  })
export const addRecordSchema = addRecordFormSchema.safeExtend({ idempotencyKey: z.uuid('errors.invalidInput') })
export type AddRecordInput = z.input<typeof addRecordSchema>
export type AddRecordData = z.output<typeof addRecordSchema>

export const lookupSchema = z.object({
  iin: z
    .string({ error: 'errors.iin.required' })
    .transform(normalizeIin)
    .superRefine((value, context) => {
      const parsed = parseIin(value)
      if (value === '') context.addIssue({ code: 'custom', message: 'errors.iin.required' })
      else if (!parsed.valid) context.addIssue({ code: 'custom', message: `errors.iin.${parsed.reason}` })
    }),
})

// Removal from the registry: the day, why, and a note (required for «other»), on the version the doctor saw.
export const removeRecordFormSchema = z
  .object({
    removedOn: calendarDay('centre.errors.removedOnRequired'),
    reason: z.enum(removalReasons, { error: 'centre.errors.reasonRequired' }),
    note: plainText({ max: 300, messages: { tooLong: 'centre.errors.noteTooLong' } }),
  })
  .superRefine((value, context) => {
    if (value.reason === 'other' && value.note === '')
      context.addIssue({ code: 'custom', path: ['note'], message: 'centre.errors.noteRequired' })
  })
export const removeRecordSchema = removeRecordFormSchema.safeExtend({
  recordId: z.number({ error: 'errors.invalidInput' }).int().positive().max(Number.MAX_SAFE_INTEGER),
  version: z.number({ error: 'errors.invalidInput' }).int().positive().max(2_147_483_647),
})
export type RemoveRecordData = z.output<typeof removeRecordSchema>

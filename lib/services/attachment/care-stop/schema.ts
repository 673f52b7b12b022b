import { z } from 'zod'
import { calendarYearsDay } from '@/lib/calendar/day-schema'
import { plainText } from '@/lib/text/text-schema'
import { careStopReasons } from '@/db/schema/care-stop'
import { contractReasons } from '../rules/care-stop'

const careStopFields = z.object({
  reason: z.enum(careStopReasons, { error: 'errors.careStop.reasonRequired' }),
  learnedOn: z.union([calendarYearsDay('errors.careStop.learnedOnRequired'), z.literal('')]).optional(),
  stopsOn: calendarYearsDay('errors.careStop.stopsOnRequired'),
  note: plainText({ max: 300, messages: { tooLong: 'errors.careStop.noteTooLong' } }).optional(),
})

function checkDays(value: z.output<typeof careStopFields>, context: z.RefinementCtx) {
  if (contractReasons.includes(value.reason)) return
  if (!value.learnedOn) {
    context.addIssue({ code: 'custom', path: ['learnedOn'], message: 'errors.careStop.learnedOnRequired' })
  } else if (value.stopsOn < value.learnedOn) {
    context.addIssue({ code: 'custom', path: ['stopsOn'], message: 'errors.careStop.stopsBeforeLearned' })
  }
}

// The head's record of why and when the clinic stops primary care (Rules of attachment p.34): the form's fields, and
// what the action takes, the same with the form's idempotency key.
export const careStopFormSchema = careStopFields.superRefine(checkDays)
export const careStopSchema = careStopFields.extend({ idempotencyKey: z.uuid('errors.invalidInput') }).superRefine(checkDays)
export type CareStopInput = z.input<typeof careStopSchema>
export type CareStopData = z.output<typeof careStopSchema>

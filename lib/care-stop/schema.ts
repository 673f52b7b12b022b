import { z } from 'zod'
import { calendarDay } from '@/lib/calendar/day-schema'
import { plainText } from '@/lib/text/text-schema'
import { careStopReasons } from '@/db/schema/care-stop'
import { contractReasons } from './rules'

// The head's record of why and when the clinic stops primary care (Rules of attachment p.34).
export const careStopSchema = z
  .object({
    reason: z.enum(careStopReasons, { error: 'errors.careStop.reasonRequired' }),
    learnedOn: z.union([calendarDay('errors.careStop.learnedOnRequired'), z.literal('')]).optional(),
    stopsOn: calendarDay('errors.careStop.stopsOnRequired'),
    note: plainText({ max: 300, messages: { tooLong: 'errors.careStop.noteTooLong' } }).optional(),
    idempotencyKey: z.uuid('errors.invalidInput'),
  })
  .superRefine((value, context) => {
    if (contractReasons.includes(value.reason)) return
    if (!value.learnedOn) {
      context.addIssue({ code: 'custom', path: ['learnedOn'], message: 'errors.careStop.learnedOnRequired' })
    } else if (value.stopsOn < value.learnedOn) {
      context.addIssue({ code: 'custom', path: ['stopsOn'], message: 'errors.careStop.stopsBeforeLearned' })
    }
  })
export type CareStopInput = z.input<typeof careStopSchema>
export type CareStopData = z.output<typeof careStopSchema>

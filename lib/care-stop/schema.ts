import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'
import { careStopReasons } from '@/db/schema/care-stop'
import { contractReasons } from './rules'

const isoDay = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((day) => {
      const instant = new Date(`${day}T00:00:00Z`)
      return !Number.isNaN(instant.getTime()) && instant.toISOString().startsWith(day)
    }, message)

// The head's record of why and when the clinic stops primary care (Rules of attachment p.34).
export const careStopSchema = z
  .object({
    reason: z.enum(careStopReasons, { error: 'errors.careStop.reasonRequired' }),
    learnedOn: z.union([isoDay('errors.careStop.learnedOnRequired'), z.literal('')]).optional(),
    stopsOn: isoDay('errors.careStop.stopsOnRequired'),
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

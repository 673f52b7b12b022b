import { z } from 'zod'
import { detachmentReasons } from '@/db/schema/registration'
import { calendarDay } from '@/lib/calendar/day-schema'
import { plainText } from '@/lib/text/text-schema'

// The registrar's record of a detachment (annulled order 004 annex 3 p.6(4)): why, on which day, and a note (the death
// certificate's number, the country); the same with the form's idempotency key and the person detached from the actor's clinic.
export const detachmentFormSchema = z.object({
  reason: z.enum(detachmentReasons, { error: 'errors.detachment.reasonRequired' }),
  detachedOn: calendarDay('errors.detachment.dayRequired'),
  note: plainText({ max: 300, messages: { tooLong: 'errors.detachment.noteTooLong' } }),
})
export const detachmentSchema = detachmentFormSchema.extend({
  patientId: z.number({ error: 'errors.invalidInput' }).int().positive().max(Number.MAX_SAFE_INTEGER),
  idempotencyKey: z.uuid('errors.invalidInput'),
})
export type DetachmentInput = z.input<typeof detachmentSchema>
export type DetachmentData = z.output<typeof detachmentSchema>

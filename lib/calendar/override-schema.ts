import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'
import { calendarDay } from './day-schema'

export const overrideKinds = ['working_day', 'day_off'] as const

// A transfer of a day off by government decree (Labour Code art. 85(3)), as the chief physician enters it.
export const calendarOverrideSchema = z.object({
  day: calendarDay('errors.calendar.dayRequired'),
  kind: z.enum(overrideKinds, { error: 'errors.calendar.kindRequired' }),
  note: plainText({
    min: 3,
    max: 300,
    messages: { required: 'errors.calendar.noteRequired', tooLong: 'errors.calendar.noteTooLong' },
  }),
})
export type CalendarOverrideInput = z.input<typeof calendarOverrideSchema>

export const calendarDaySchema = z.object({ day: calendarOverrideSchema.shape.day })

import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'
import { calendarDay, calendarYearsDay } from './day-schema'
import { isInCalendarYears } from './holidays'
import { overrideRefusal } from './index'

export const overrideKinds = ['working_day', 'day_off'] as const

const overrideFields = z.object({
  day: calendarYearsDay('errors.calendar.dayRequired'),
  kind: z.enum(overrideKinds, { error: 'errors.calendar.kindRequired' }),
  note: plainText({
    min: 3,
    max: 300,
    messages: { required: 'errors.calendar.noteRequired', tooLong: 'errors.calendar.noteTooLong' },
  }),
})

// A transfer of a day off by government decree (Labour Code art. 85(3)), as the region's administrator enters it: a
// day in the calendar's years whose law's answer the transfer changes (overrideRefusal), told beside the day.
export const calendarOverrideSchema = overrideFields.superRefine((value, context) => {
  if (!isInCalendarYears(value.day) || !overrideKinds.includes(value.kind)) return
  const refusal = overrideRefusal(value)
  if (refusal) context.addIssue({ code: 'custom', path: ['day'], message: refusal })
})
export type CalendarOverrideInput = z.input<typeof calendarOverrideSchema>

// A stored transfer is removed by its day, whatever its year: nothing stored is out of reach.
export const calendarDaySchema = z.object({ day: calendarDay('errors.calendar.dayRequired') })

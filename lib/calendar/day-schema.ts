import { z } from 'zod'

// A calendar day as a form sends it, 'YYYY-MM-DD', and a day that exists (no 30 February); `message` is the field's
// message key for anything else.
export const calendarDay = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => {
      const day = new Date(`${value}T00:00:00Z`)
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value)
    }, message)

import { z } from 'zod'

import { normalizeIin, parseIin } from './index'

/** IIN form/server field: strips spaces, then validates; output is the 12-digit string. Messages are i18n keys. */
export const iinSchema = z
  .string({ error: 'errors.iin.required' })
  .transform(normalizeIin)
  .superRefine((value, ctx) => {
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: 'errors.iin.required' })
      return
    }
    const parsed = parseIin(value)
    if (!parsed.valid) {
      ctx.addIssue({ code: 'custom', message: `errors.iin.${parsed.reason}` })
    }
  })

export type IinInput = z.input<typeof iinSchema>
export type Iin = z.output<typeof iinSchema>

import { z } from 'zod'
import { locales } from '@/db/schema/people'

// Issue 15: the language of the SMS and notices, as the patient keeps it on record (the screen's language is his
// browser's choice and does not change it).
export const noticeLanguageSchema = z.object({
  locale: z.enum(locales, { error: 'errors.patient.noticeLanguageRequired' }),
})
export type NoticeLanguageInput = z.input<typeof noticeLanguageSchema>

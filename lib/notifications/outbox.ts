import { createTranslator } from 'next-intl'
import { notifications, type Locale } from '@/db/schema'
import type { Database } from '@/db/client'
import { messagesFor, type Messages } from '@/lib/i18n/messages'

type Executor = Pick<Database, 'insert'>

// Every text under `sms` in the app's messages and the services' own (a service words its receipts its own way).
export type SmsTemplate = keyof Messages['sms'] & string

// One translator per language, kept: it keeps the parsed message formats, so an SMS is not parsed again each time.
const translators = new Map<Locale, ReturnType<typeof smsTranslator>>()
const smsTranslator = (locale: Locale) => createTranslator({ locale, messages: messagesFor(locale), namespace: 'sms' })

export function renderSms(locale: Locale, template: SmsTemplate, params: Record<string, string | number>): string {
  let translate = translators.get(locale)
  if (!translate) translators.set(locale, (translate = smsTranslator(locale)))
  return translate(template, params)
}

// Renders the SMS in the recipient's language and queues it in the outbox, inside the caller's transaction.
export async function enqueueSms(
  db: Executor,
  input: {
    phone: string
    locale: Locale
    template: SmsTemplate
    params: Record<string, string | number>
    patientId?: number | null
    requestId?: string | null
  },
): Promise<void> {
  await db.insert(notifications).values({
    channel: 'sms',
    recipient: input.phone,
    patientId: input.patientId ?? null,
    requestId: input.requestId ?? null,
    template: input.template,
    locale: input.locale,
    body: renderSms(input.locale, input.template, input.params),
    params: input.params,
  })
}

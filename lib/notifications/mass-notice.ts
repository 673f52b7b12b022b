import 'server-only'
import { sql, type SQL } from 'drizzle-orm'
import type { Locale } from '@/db/schema'
import type { Transaction } from '@/lib/requests/contract'
import { renderSms, type SmsTemplate } from './outbox'

const personMark = '\u0001'

// A notice to a clinic's whole population (a care stop, p.34; an attachment protocol, p.35-36): one SMS to everyone
// `recipients` lists with a phone, in their language, addressed by name. The text is rendered once per language
// around a marker for the name and everyone is queued by one INSERT … SELECT, however many people there are.
// `recipients` yields patient_id, phone, locale, last_name, first_name. Returns how many were queued.
export async function queueNamedSms(
  tx: Transaction,
  input: {
    template: Extract<SmsTemplate, 'careStopNotice' | 'attachmentProtocol'>
    params: (locale: Locale) => Record<string, string | number>
    // The notice the SMS belong to.
    notice: { column: 'care_stop_notice_id' | 'attachment_protocol_id'; id: number }
    data: Record<string, unknown>
    recipients: SQL
  },
): Promise<number> {
  const parts = (locale: Locale) => {
    const [before, after = ''] = renderSms(locale, input.template, { ...input.params(locale), person: personMark }).split(
      personMark,
    )
    return [before!, after] as const
  }
  const [kkBefore, kkAfter] = parts('kk')
  const [ruBefore, ruAfter] = parts('ru')
  const queued = await tx.execute(sql`
    insert into notifications (channel, recipient, patient_id, ${sql.identifier(input.notice.column)}, template, locale, body, params)
    select 'sms', r.phone, r.patient_id, ${input.notice.id}, ${input.template}, r.locale,
           case when r.locale = 'ru' then ${ruBefore} || r.last_name || ' ' || r.first_name || ${ruAfter}
                else ${kkBefore} || r.last_name || ' ' || r.first_name || ${kkAfter} end,
           ${JSON.stringify(input.data)}::jsonb
    from (${input.recipients}) r
    where r.phone is not null
    order by r.patient_id`)
  return queued.count ?? 0
}

// How far a mass notice's SMS got: `sent`, `pending` and `failed` columns for a list of notices, from a lateral join
// on `notice` (the notice's id in the outer query, e.g. sql`ap.id`).
export function deliveryCounts(column: 'care_stop_notice_id' | 'attachment_protocol_id', notice: SQL) {
  return {
    columns: sql`coalesce(d.sent, 0)::int as sent, coalesce(d.pending, 0)::int as pending, coalesce(d.failed, 0)::int as failed`,
    join: sql`left join lateral (
      select count(*) filter (where status = 'sent') as sent, count(*) filter (where status = 'pending') as pending,
             count(*) filter (where status = 'failed') as failed
      from notifications where ${sql.identifier(column)} = ${notice}
    ) d on true`,
  }
}

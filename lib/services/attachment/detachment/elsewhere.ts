import { sql, type SQL } from 'drizzle-orm'
import type { Transaction } from '@/lib/requests/contract'

// p.14: attachment to another clinic detaches the person from the previous one automatically. Called just before the
// current attachments of `people` (a query of patient ids) are ended for a new one at `organizationId` starting on
// `day`; the detachment is recorded as the registrar's would be, with no one's name (recorded_by null). A move between
// sections of the same clinic is no detachment.
export async function recordAttachedElsewhere(
  tx: Pick<Transaction, 'execute'>,
  input: { people: SQL; organizationId: number; day: string },
): Promise<void> {
  await tx.execute(sql`
    insert into detachments (attachment_id, patient_id, organization_id, reason, detached_on, recorded_at)
    select a.id, a.patient_id, a.organization_id, 'attached_elsewhere',
           ${input.day}::date, now()
    from attachments a
    where a.status = 'active' and (a.valid_to is null or a.valid_to >= ${input.day}::date)
      and a.organization_id <> ${input.organizationId} and a.patient_id in (${input.people})
    order by a.id
    on conflict do nothing`)
}

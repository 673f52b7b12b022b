import 'server-only'
import { sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import type { CareStopReason } from '@/db/schema/care-stop'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { deliveryCounts } from '@/lib/notifications/mass-notice'

export type CareStopNoticeRow = {
  id: number
  reason: CareStopReason
  learnedOn: string | null
  stopsOn: string
  noticeDue: string
  note: string | null
  recordedAt: Date
  recordedBy: string
  attachedCount: number
  withoutPhoneCount: number
  sent: number
  pending: number
  failed: number
}

// The clinic's notices, newest first, each with its SMS delivery progress.
export async function listCareStopNotices(db: Database, actor: StaffActor): Promise<CareStopNoticeRow[]> {
  if (!authorize(actor, 'report.read', { organizationId: actor.organizationId })) return []
  const delivery = deliveryCounts('care_stop_notice_id', sql.raw('n.id'))
  const rows = await db.execute<{
    id: number
    reason: CareStopReason
    learned_on: string | null
    stops_on: string
    notice_due: string
    note: string | null
    recorded_at: string
    recorded_by: string
    attached_count: number
    without_phone_count: number
    sent: number
    pending: number
    failed: number
  }>(sql`
    select n.id::int, n.reason, n.learned_on::text, n.stops_on::text, n.notice_due::text, n.note, n.recorded_at,
           s.last_name || ' ' || s.first_name as recorded_by, n.attached_count, n.without_phone_count,
           ${delivery.columns}
    from care_stop_notices n
    join staff s on s.id = n.recorded_by
    ${delivery.join}
    where n.organization_id = ${actor.organizationId}
    order by n.recorded_at desc, n.id desc
    limit 50`)
  return rows.map((row) => ({
    id: row.id,
    reason: row.reason,
    learnedOn: row.learned_on,
    stopsOn: row.stops_on,
    noticeDue: row.notice_due,
    note: row.note,
    recordedAt: new Date(row.recorded_at),
    recordedBy: row.recorded_by,
    attachedCount: row.attached_count,
    withoutPhoneCount: row.without_phone_count,
    sent: row.sent,
    pending: row.pending,
    failed: row.failed,
  }))
}

export type UndeliveredRow = { patientId: number; iin: string; name: string; phone: string | null }

// Who the SMS did not reach: messages that failed after every attempt, for one notice of the actor's clinic. Each view
// is audited (one row per notice's list).
export async function failedCareStopDeliveries(
  db: Database,
  actor: StaffActor,
  noticeId: number,
  view: ListView,
  limit = 100,
): Promise<UndeliveredRow[]> {
  if (!authorize(actor, 'report.read', { organizationId: actor.organizationId })) return []
  const rows = await db.execute<{ patient_id: number; iin: string; name: string; phone: string }>(sql`
    select p.id::int as patient_id, p.iin, p.last_name || ' ' || p.first_name as name, m.recipient as phone
    from notifications m
    join care_stop_notices n on n.id = m.care_stop_notice_id
    join patients p on p.id = m.patient_id
    where m.care_stop_notice_id = ${noticeId} and n.organization_id = ${actor.organizationId} and m.status = 'failed'
    order by p.last_name, p.first_name
    limit ${limit}`)
  await auditListView(db, actor, {
    ...view,
    list: 'careStopFailures',
    filter: { noticeId },
    page: { limit },
    shown: rows.map((row) => row.patient_id),
  })
  return rows.map((row): UndeliveredRow => ({ patientId: row.patient_id, iin: row.iin, name: row.name, phone: row.phone }))
}

// Everyone a notice recorded now would reach: attached to the clinic, or waiting for a campaign attachment to it.
export async function countAttachedPopulation(db: Database, actor: StaffActor): Promise<number> {
  if (!authorize(actor, 'report.read', { organizationId: actor.organizationId })) return 0
  const [row] = await db.execute<{ count: number }>(sql`
    select count(*)::int as count from attachments
    where organization_id = ${actor.organizationId} and status in ('active', 'scheduled')`)
  return row?.count ?? 0
}

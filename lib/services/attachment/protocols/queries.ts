import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { attachmentProtocols, type AttachmentProtocolKind, type ProtocolBasis } from '@/db/schema/attachment-protocols'
import { writeAudit } from '@/lib/audit'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { deliveryCounts } from '@/lib/notifications/mass-notice'

export type ProtocolRow = {
  id: number
  kind: AttachmentProtocolKind
  number: string
  receivedOn: string
  dueAt: Date
  basis: ProtocolBasis
  appliedAt: Date
  appliedBy: string
  peopleCount: number
  withoutPhoneCount: number
  sent: number
  pending: number
  failed: number
}

// The clinic's applied protocols, newest first, each with its SMS delivery progress.
export async function listAttachmentProtocols(db: Database, actor: StaffActor): Promise<ProtocolRow[]> {
  if (!authorize(actor, 'attachmentProtocol.apply', { organizationId: actor.organizationId })) return []
  const delivery = deliveryCounts('attachment_protocol_id', sql.raw('ap.id'))
  const rows = await db.execute<{
    id: number
    kind: AttachmentProtocolKind
    number: string
    received_on: string
    due_at: string
    basis: ProtocolBasis
    applied_at: string
    applied_by: string
    people_count: number
    without_phone_count: number
    sent: number
    pending: number
    failed: number
  }>(sql`
    select ap.id::int, ap.kind, ap.number, ap.received_on::text, ap.due_at, ap.basis, ap.applied_at,
           s.last_name || ' ' || s.first_name as applied_by, ap.people_count, ap.without_phone_count,
           ${delivery.columns}
    from attachment_protocols ap
    join staff s on s.id = ap.applied_by
    ${delivery.join}
    where ap.organization_id = ${actor.organizationId}
    order by ap.applied_at desc, ap.id desc
    limit 50`)
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    number: row.number,
    receivedOn: row.received_on,
    dueAt: new Date(row.due_at),
    basis: row.basis,
    appliedAt: new Date(row.applied_at),
    appliedBy: row.applied_by,
    peopleCount: row.people_count,
    withoutPhoneCount: row.without_phone_count,
    sent: row.sent,
    pending: row.pending,
    failed: row.failed,
  }))
}

export type WrittenNoticeRow = { patientId: number; iin: string; name: string; address: string }

// p.36: the people a protocol attached to the actor's clinic whom no SMS could reach (no phone of their own, nor of a
// legal representative): the clinic notifies them in writing, at their address.
async function readWrittenNotices(
  db: Database,
  actor: StaffActor,
  protocolId: number,
  limit: number,
): Promise<WrittenNoticeRow[]> {
  if (!authorize(actor, 'attachmentProtocol.apply', { organizationId: actor.organizationId })) return []
  const rows = await db.execute<{ patient_id: number; iin: string; name: string; address: string }>(sql`
    select p.id::int as patient_id, p.iin, concat_ws(' ', p.last_name, p.first_name, p.middle_name) as name, p.address
    from attachments a
    join attachment_protocols ap on ap.id = a.protocol_id
    join patients p on p.id = a.patient_id
    where a.protocol_id = ${protocolId} and ap.organization_id = ${actor.organizationId}
      and not exists (select 1 from notifications m where m.attachment_protocol_id = ap.id and m.patient_id = p.id)
    order by p.last_name, p.first_name, p.id
    limit ${limit}`)
  return rows.map((row) => ({ patientId: row.patient_id, iin: row.iin, name: row.name, address: row.address }))
}

// The list on the protocols page; each view is audited (one row per protocol's list).
export async function listWrittenNotices(
  db: Database,
  actor: StaffActor,
  protocolId: number,
  view: ListView,
  limit = 100,
): Promise<WrittenNoticeRow[]> {
  if (!authorize(actor, 'attachmentProtocol.apply', { organizationId: actor.organizationId })) return []
  const rows = await readWrittenNotices(db, actor, protocolId, limit)
  await auditListView(db, actor, {
    ...view,
    list: 'writtenNotices',
    filter: { protocolId },
    page: { limit },
    shown: rows.map((row) => row.patientId),
  })
  return rows
}

// The same people for the CSV file the clinic prints the notices from; every download is audited with its row count.
export async function exportWrittenNotices(
  db: Database,
  actor: StaffActor,
  protocolId: number,
  address: string | null,
  limit = 5000,
): Promise<WrittenNoticeRow[] | null> {
  if (!authorize(actor, 'attachmentProtocol.apply', { organizationId: actor.organizationId })) return null
  // Another clinic's protocol, or none: not found, and nothing is recorded as exported.
  const [protocol] = await db
    .select({ id: attachmentProtocols.id })
    .from(attachmentProtocols)
    .where(and(eq(attachmentProtocols.id, protocolId), eq(attachmentProtocols.organizationId, actor.organizationId)))
  if (!protocol) return null
  const rows = await readWrittenNotices(db, actor, protocolId, limit)
  await writeAudit(db, {
    actor,
    action: 'attachmentProtocol.writtenNotices',
    organizationId: actor.organizationId,
    entity: 'attachment_protocol',
    entityId: protocolId,
    address,
    details: { rows: rows.length },
  })
  return rows
}

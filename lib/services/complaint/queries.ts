import 'server-only'
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patientFullName, staffNameOf } from '@/db/names'
import { patients, requests, type RequestChannel, type RequestStatus } from '@/db/schema'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { openStatuses } from '@/lib/requests/status'
import { complaintService, forwardedGrounds } from './index'
import { qualityControlAnswerEvent } from './schema'

export type ComplaintBoardRowDto = {
  id: string
  number: number
  channel: RequestChannel
  status: RequestStatus
  patientName: string
  patientIin: string
  submittedAt: Date
  // When it was forwarded to the quality-control body (p.40), or null while the clinic holds it.
  forwardedAt: Date | null
  assigneeName: string | null
}

const boardLimit = 500

// The head's complaints board: those the clinic still holds (p.38, p.40) and those forwarded to the quality-control
// body whose answer has not been recorded yet (p.39), oldest first. Each view is audited (one row).
export async function listComplaintBoard(db: Database, actor: StaffActor, view: ListView): Promise<ComplaintBoardRowDto[]> {
  if (!authorize(actor, 'read', { service: complaintService.id, organizationId: actor.organizationId })) return []
  const forwarded = and(
    eq(requests.status, 'refused'),
    inArray(requests.refusalGround, [...forwardedGrounds]),
    // The answered complaints, read once as a set from request_events_quality_control_answer_idx (a hashed sub-plan),
    // not looked up in each month's partition for every complaint of the clinic.
    // (A literal, so that the partial index's predicate holds for every plan.)
    sql`"requests"."id" not in (select e.request_id from request_events e where e.type = ${sql.raw(`'${qualityControlAnswerEvent}'`)})`,
  )
  const rows = await db
    .select({
      id: requests.id,
      number: requests.number,
      channel: requests.channel,
      status: requests.status,
      patientName: patientFullName,
      patientIin: patients.iin,
      submittedAt: requests.submittedAt,
      decidedAt: requests.decidedAt,
      assigneeName: staffNameOf(requests.assigneeId),
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .where(
      and(
        eq(requests.organizationId, actor.organizationId),
        eq(requests.service, 'complaint'),
        or(inArray(requests.status, [...openStatuses]), forwarded),
      ),
    )
    .orderBy(asc(requests.submittedAt), asc(requests.number))
    .limit(boardLimit)
  await auditListView(db, actor, {
    ...view,
    list: 'complaintBoard',
    filter: {},
    page: { limit: boardLimit },
    shown: rows.map((row) => row.id),
  })
  return rows.map(({ decidedAt, ...row }) => ({ ...row, forwardedAt: row.status === 'refused' ? decidedAt : null }))
}

import 'server-only'
import { alias } from 'drizzle-orm/pg-core'
import { and, asc, desc, eq, inArray, isNotNull, lt, notExists, or, sql, type SQL } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patientFullName, staffNameOf, patientNameOf } from '@/db/names'
import {
  documents,
  organizations,
  patients,
  requestEvents,
  requestGroups,
  requests,
  type Locale,
  type RequestChannel,
  type RequestStatus,
} from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { PatientActor, StaffActor } from '@/lib/auth/actor'
import { authorize, servicesFor } from '@/lib/auth/authorize'
import { currentAttachmentOf, matchPatient, type CurrentAttachmentDto } from '@/lib/patients/queries'
import { searchTextOf, type SearchQuery } from '@/lib/patients/search-query'
import { almatyDay } from '@/lib/calendar'
import { isUuid } from '@/lib/route-params'
import { listServices, serviceOf } from '@/lib/services'
import type { ApprovalChoice } from './contract'
import { openStatuses } from './status'

const patientName = patientFullName
const assigneeName = staffNameOf(requests.assigneeId)

export type QueueRowDto = {
  id: string
  number: number
  service: string
  channel: RequestChannel
  status: RequestStatus
  patientId: number
  patientName: string
  patientIin: string
  submittedAt: Date
  dueAt: Date
  assigneeId: number | null
  assigneeName: string | null
  version: number
  // The few payload fields the request's service flags queue rows by (ServiceDefinition.queueFields).
  fields: Record<string, unknown>
  // The other requests of the group this request was submitted with (a family, p.30 para 2), or null.
  family: GroupMemberDto[] | null
  // Documents of this request its signer sent back unsigned (and nobody has corrected yet): the registrar acts again.
  returnedDocuments: number
}

export type GroupMemberDto = { requestId: string; number: number; patientName: string; status: RequestStatus }

// The other requests of the same group at the same clinic (one lookup in requests_group_idx).
const groupMembers = sql<GroupMemberDto[] | null>`case when ${requests.groupId} is not null then (
  select coalesce(json_agg(json_build_object('requestId', r2.id, 'number', r2.number,
           'patientName', concat_ws(' ', p2.last_name, p2.first_name, p2.middle_name), 'status', r2.status) order by r2.number), '[]'::json)
  from requests r2 join patients p2 on p2.id = r2.patient_id
  where r2.organization_id = "requests"."organization_id" and r2.group_id = "requests"."group_id" and r2.id <> "requests"."id") end`

// A document back in draft is one its signer refused to sign; a corrected successor settles it. The clinic's set of
// such requests, once per view (documents_drafts_idx, documents_supersedes_idx), rather than a sub-query per row: per
// row it scanned every request of the clinic (8.7 s for a clinic of 97,000 attached).
function returnedDocumentsAt(db: Database, organizationId: number) {
  const successor = alias(documents, 'successor')
  return db
    .select({ requestId: documents.requestId, count: sql<number>`count(*)::int`.as('returned_count') })
    .from(documents)
    .where(
      and(
        eq(documents.organizationId, organizationId),
        eq(documents.status, 'draft'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(successor)
            .where(eq(successor.supersedesId, documents.id)),
        ),
      ),
    )
    .groupBy(documents.requestId)
    .as('returned')
}

// What needs the clinic now: its open requests (requests_queue_idx, by status) and those with a document sent back.
// As one `status in (…) or <sent back>` condition the planner could use the index for the clinic only, and read every
// request of the clinic (51,000 at 2 M patients) to keep 400; as a set of ids each half is read from its own index.
function openOrReturnedAt(db: Database, organizationId: number) {
  const open = alias(requests, 'open')
  const returned = returnedDocumentsAt(db, organizationId)
  return db
    .select({ id: open.id })
    .from(open)
    .where(and(eq(open.organizationId, organizationId), inArray(open.status, [...openStatuses])))
    .unionAll(db.select({ id: sql<string>`${returned.requestId}`.as('id') }).from(returned))
}

export type QueueFilter = {
  service?: string | null
  // The services this person can act on (a registrar does not answer complaints).
  services?: readonly string[]
  status?: RequestStatus | null
  mine?: boolean
  query?: SearchQuery
  // The page after this request (the last one shown): the queue is read `queueLimit` at a time, by deadline.
  after?: string | null
}

// One object of every field any service's queue flags read, taken from the payload without a sub-query.
function queueFields() {
  const names = [...new Set(listServices().flatMap((service) => service.queueFields ?? []))]
  if (names.length === 0) return sql<Record<string, unknown>>`'{}'::jsonb`
  const pairs = sql.join(
    names.map((name) => sql`${name}::text, ${requests.payload}->${name}`),
    sql`, `,
  )
  return sql<Record<string, unknown>>`jsonb_strip_nulls(jsonb_build_object(${pairs}))`
}

function queueSelection(returned: ReturnType<typeof returnedDocumentsAt>) {
  return {
    id: requests.id,
    number: requests.number,
    service: requests.service,
    channel: requests.channel,
    status: requests.status,
    patientId: requests.patientId,
    patientName,
    patientIin: patients.iin,
    submittedAt: requests.submittedAt,
    dueAt: requests.dueAt,
    assigneeId: requests.assigneeId,
    assigneeName,
    version: requests.version,
    fields: queueFields(),
    family: groupMembers,
    returnedDocuments: sql<number>`coalesce(${returned.count}, 0)`.mapWith(Number),
  }
}

export const queueLimit = 500

// Every open request of the registrar's clinic, the nearest deadline first. Each view is audited (one row).
export async function listQueue(db: Database, actor: StaffActor, filter: QueueFilter, view: ListView): Promise<QueueRowDto[]> {
  // Only the services whose requests this person's role sees at all (each service's `who.read`).
  const readable = servicesFor(actor, 'read').map((service) => service.id)
  if (readable.length === 0) return []
  const services = filter.services ? filter.services.filter((id) => readable.includes(id)) : readable
  const returned = returnedDocumentsAt(db, actor.organizationId)
  // The request the page starts after, if it is one of this clinic's; its deadline is compared in the database, at
  // its full precision.
  const [cursor] =
    filter.after && isUuid(filter.after)
      ? await db
          .select({ id: requests.id })
          .from(requests)
          .where(and(eq(requests.id, filter.after), eq(requests.organizationId, actor.organizationId)))
      : []
  const rows = await db
    .select(queueSelection(returned))
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .leftJoin(returned, eq(returned.requestId, requests.id))
    .where(
      and(
        eq(requests.organizationId, actor.organizationId),
        cursor
          ? sql`(${requests.dueAt}, ${requests.number}) > (select c.due_at, c.number from requests c where c.id = ${cursor.id})`
          : undefined,
        filter.status ? eq(requests.status, filter.status) : inArray(requests.id, openOrReturnedAt(db, actor.organizationId)),
        filter.service ? eq(requests.service, filter.service) : undefined,
        inArray(requests.service, services),
        filter.mine ? eq(requests.assigneeId, actor.id) : undefined,
        matchPatient(filter.query),
      ),
    )
    .orderBy(asc(requests.dueAt), asc(requests.number))
    .limit(queueLimit)
  await auditListView(db, actor, {
    ...view,
    list: 'queue',
    filter: {
      service: filter.service ?? null,
      services: filter.services ?? null,
      status: filter.status ?? null,
      mine: filter.mine ?? false,
      q: searchTextOf(filter.query),
    },
    page: { after: cursor ? filter.after : null, limit: queueLimit },
    shown: rows.map((row) => row.id),
  })
  return rows
}

// Open requests past their deadline at the time of the view, with who holds each (the department head's board).
export async function listOverdue(db: Database, actor: StaffActor, view: ListView): Promise<QueueRowDto[]> {
  if (!authorize(actor, 'report.read', { organizationId: actor.organizationId })) return []
  const returned = returnedDocumentsAt(db, actor.organizationId)
  const rows = await db
    .select(queueSelection(returned))
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .leftJoin(returned, eq(returned.requestId, requests.id))
    .where(
      and(
        eq(requests.organizationId, actor.organizationId),
        inArray(requests.status, [...openStatuses]),
        lt(requests.dueAt, view.now),
      ),
    )
    .orderBy(asc(requests.dueAt))
    .limit(queueLimit)
  await auditListView(db, actor, {
    ...view,
    list: 'overdue',
    // "Past the deadline at the time of the view": the row's own time says when.
    filter: {},
    page: { limit: queueLimit },
    shown: rows.map((row) => row.id),
  })
  return rows
}

export type TimelineEventDto = {
  id: number
  type: string
  fromStatus: RequestStatus | null
  toStatus: RequestStatus | null
  actorKind: string
  actorName: string | null
  data: Record<string, unknown>
  createdAt: Date
}

async function listTimeline(db: Database, requestId: string): Promise<TimelineEventDto[]> {
  return db
    .select({
      id: requestEvents.id,
      type: requestEvents.type,
      fromStatus: requestEvents.fromStatus,
      toStatus: requestEvents.toStatus,
      actorKind: requestEvents.actorKind,
      actorName: sql<string | null>`case ${requestEvents.actorKind}
        when 'staff' then ${staffNameOf(requestEvents.actorId)}
        when 'patient' then ${patientNameOf(requestEvents.actorId)}
        end`,
      data: requestEvents.data,
      createdAt: requestEvents.createdAt,
    })
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.createdAt), asc(requestEvents.id))
}

export type RequestDetailDto = {
  id: string
  number: number
  service: string
  channel: RequestChannel
  status: RequestStatus
  organizationId: number
  organizationNameKk: string
  organizationNameRu: string
  patientId: number
  patientName: string
  patientIin: string
  patientBirthDate: string
  payload: Record<string, unknown>
  submittedAt: Date
  dueAt: Date
  decidedAt: Date | null
  decidedByName: string | null
  refusalGround: string | null
  refusalReason: string | null
  assigneeId: number | null
  assigneeName: string | null
  version: number
  // The group the request was submitted with (a family, p.30 para 2; staff only): its applicant and other members.
  family: { applicantPatientId: number; applicantName: string; members: GroupMemberDto[] } | null
  currentAttachment: CurrentAttachmentDto | null
  timeline: TimelineEventDto[]
}

type DetailRow = Omit<RequestDetailDto, 'timeline' | 'currentAttachment' | 'family'> & {
  groupMembers: GroupMemberDto[] | null
  groupApplicantId: number | null
  groupApplicantName: string | null
}

async function loadDetail(db: Database, where: SQL): Promise<DetailRow | null> {
  const [row] = await db
    .select({
      id: requests.id,
      number: requests.number,
      service: requests.service,
      channel: requests.channel,
      status: requests.status,
      organizationId: requests.organizationId,
      organizationNameKk: organizations.nameKk,
      organizationNameRu: organizations.nameRu,
      patientId: requests.patientId,
      patientName,
      patientIin: patients.iin,
      patientBirthDate: patients.birthDate,
      payload: requests.payload,
      submittedAt: requests.submittedAt,
      dueAt: requests.dueAt,
      decidedAt: requests.decidedAt,
      decidedByName: staffNameOf(requests.decidedBy),
      refusalGround: requests.refusalGround,
      refusalReason: requests.refusalReason,
      assigneeId: requests.assigneeId,
      assigneeName,
      version: requests.version,
      groupMembers,
      groupApplicantId: requestGroups.applicantPatientId,
      groupApplicantName: patientNameOf(requestGroups.applicantPatientId, true),
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .leftJoin(requestGroups, eq(requestGroups.id, requests.groupId))
    .where(where)
  return row ?? null
}

// A request as staff of its clinic see it; opening it is a read of the patient's record, so it is audited.
export async function getRequestForStaff(
  db: Database,
  actor: StaffActor,
  requestId: string,
  address: string | null,
): Promise<RequestDetailDto | null> {
  if (!isUuid(requestId)) return null
  const detail = await loadDetail(db, and(eq(requests.id, requestId), eq(requests.organizationId, actor.organizationId))!)
  if (!detail || !authorize(actor, 'read', detail)) return null
  const [timeline, currentAttachment] = await Promise.all([
    listTimeline(db, requestId),
    currentAttachmentOf(db, detail.patientId, almatyDay(new Date())),
  ])
  const { groupMembers: members, groupApplicantId, groupApplicantName, ...rest } = detail
  const family =
    groupApplicantId !== null && members
      ? { applicantPatientId: groupApplicantId, applicantName: groupApplicantName ?? '', members }
      : null
  await writeAudit(db, {
    actor,
    action: 'patient.read',
    organizationId: actor.organizationId,
    patientId: detail.patientId,
    entity: 'request',
    entityId: requestId,
    address,
  })
  return { ...rest, family, timeline, currentAttachment }
}

// A request as the patient (or the parent of the child it is for) sees it.
export async function getRequestForPatient(
  db: Database,
  actor: PatientActor,
  requestId: string,
): Promise<RequestDetailDto | null> {
  if (!isUuid(requestId)) return null
  const detail = await loadDetail(db, eq(requests.id, requestId))
  if (!detail || !authorize(actor, 'read', detail)) return null
  const [timeline, currentAttachment] = await Promise.all([
    listTimeline(db, requestId),
    currentAttachmentOf(db, detail.patientId, almatyDay(new Date())),
  ])
  // Other members of a group (a family, p.30 para 2) are adults of their own or children of another parent: a patient
  // does not see them.
  const { groupMembers: _members, groupApplicantId: _applicantId, groupApplicantName: _applicant, ...rest } = detail
  // A signer sending a document back to the registrar is the clinic's own business until it is corrected.
  const visible = timeline.filter((event) => event.type !== 'document_returned')
  return { ...rest, family: null, timeline: visible, currentAttachment }
}

export type MyRequestDto = {
  id: string
  number: number
  service: string
  status: RequestStatus
  patientName: string
  organizationNameKk: string
  organizationNameRu: string
  submittedAt: Date
  dueAt: Date
  // For a service that words its decision its own way (a complaint partly satisfied or forwarded).
  refusalGround: string | null
}

// The patient's own requests and those for the children they represent, newest first.
export async function listMyRequests(db: Database, actor: PatientActor): Promise<MyRequestDto[]> {
  const people = [actor.id, ...actor.representedPatientIds]
  return db
    .select({
      id: requests.id,
      number: requests.number,
      service: requests.service,
      status: requests.status,
      patientName,
      organizationNameKk: organizations.nameKk,
      organizationNameRu: organizations.nameRu,
      submittedAt: requests.submittedAt,
      dueAt: requests.dueAt,
      refusalGround: requests.refusalGround,
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(inArray(requests.patientId, people))
    .orderBy(desc(requests.submittedAt))
    .limit(200)
}

export type ApprovalChoicesDto = { requestId: string; patientName: string; choices: ApprovalChoice[] }

// What the person approving is to choose for this request and the open members of its group (a family decided
// together), by each service's own rule (ServiceDefinition.approvalDetails); requests with nothing to choose are left
// out. Scoped by the actor's clinic, one statement for the rows.
export async function approvalChoicesOf(
  db: Database,
  actor: StaffActor,
  request: { id: string; family: { members: GroupMemberDto[] } | null },
  locale: Locale,
  today = almatyDay(new Date()),
): Promise<ApprovalChoicesDto[]> {
  const ids = [
    request.id,
    ...(request.family?.members ?? []).filter((member) => openStatuses.includes(member.status)).map((m) => m.requestId),
  ]
  const rows = await db
    .select({
      id: requests.id,
      service: requests.service,
      organizationId: requests.organizationId,
      patientId: requests.patientId,
      payload: requests.payload,
      patientName: patientFullName,
    })
    .from(requests)
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .where(and(inArray(requests.id, ids), eq(requests.organizationId, actor.organizationId)))
  const answers = await Promise.all(
    rows.map(async (row) => {
      const service = serviceOf(row.service)
      const parsed = service?.schema.safeParse(row.payload)
      if (!service?.approvalDetails || !parsed?.success) return null
      const choices = await service.approvalDetails.choices(db, { ...row, payload: parsed.data }, { today, locale })
      return choices.length > 0 ? { requestId: row.id, patientName: row.patientName, choices } : null
    }),
  )
  // The request itself first, then the members in the order the page lists them.
  return ids.map((id) => answers.find((answer) => answer?.requestId === id)).filter((answer) => answer != null)
}

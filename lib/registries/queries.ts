import 'server-only'
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { staffFullName } from '@/db/names'
import { dispensaryRecordEvents, dispensaryRecords, staff } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { foldedColumn, foldedStartsWith } from '@/lib/patients/name-match'
import { searchTextOf, type SearchQuery } from '@/lib/patients/search-query'
import { centreOf } from './centre'

export const registryPageSize = 50
export const registryStatuses = ['active', 'removed', 'all'] as const
export type RegistryStatus = (typeof registryStatuses)[number]

export type RegistryFilter = {
  status: RegistryStatus
  // An IIN, a name (surname first, then first name or patronymic) or a birth date, or nothing.
  query: SearchQuery
  // Keyset: the rows older than this record id (the list is newest first).
  before: number | null
}

export type RegistryRowDto = {
  id: number
  iin: string | null
  name: string
  birthDate: string
  observationGroup: string
  observedSince: string
  removedOn: string | null
  removalReason: string | null
}

const recordName = sql<string>`concat_ws(' ', ${dispensaryRecords.lastName}, ${dispensaryRecords.firstName}, ${dispensaryRecords.middleName})`
// The index `dispensary_records_last_folded_idx` (migration 0025) is on exactly this expression.
const foldedLastName = sql`(fold_name(${dispensaryRecords.lastName}) collate "C")`

function matchRecord(query: SearchQuery): SQL | undefined {
  if (query.kind === 'iin') return eq(dispensaryRecords.iin, query.iin)
  if (query.kind === 'birthDate') return eq(dispensaryRecords.birthDate, query.birthDate)
  if (query.kind !== 'name') return undefined
  // The first word starts the surname (served by the index); the others the first name or patronymic of those rows.
  const [surname, ...others] = query.words
  return and(
    foldedStartsWith(foldedLastName, surname!),
    ...others.map((word) =>
      or(
        foldedStartsWith(foldedColumn(dispensaryRecords.firstName), word),
        foldedStartsWith(foldedColumn(dispensaryRecords.middleName), word),
      )!,
    ),
    query.birthDate ? eq(dispensaryRecords.birthDate, query.birthDate) : undefined,
  )
}

const statusCondition: Record<RegistryStatus, SQL | undefined> = {
  active: isNull(dispensaryRecords.removedOn),
  removed: isNotNull(dispensaryRecords.removedOn),
  all: undefined,
}

// The centre's registry, newest first, a page of 50 at a time by keyset; null for anyone but the centre's doctor. The
// view is audited (lib/audit/list-view.ts: the filter, the page and a digest of the ids shown).
export async function listRegistry(
  db: Database,
  actor: StaffActor,
  filter: RegistryFilter,
  view: ListView,
): Promise<{ rows: RegistryRowDto[]; before: number | null } | null> {
  const centre = await centreOf(db, actor, 'registry.read')
  if (!centre) return null
  // A search the box refused (or a phone, which a record does not have) finds nothing.
  if (filter.query.kind === 'invalid' || filter.query.kind === 'phone') return { rows: [], before: null }
  const found = await db
    .select({
      id: dispensaryRecords.id,
      iin: dispensaryRecords.iin,
      name: recordName,
      birthDate: dispensaryRecords.birthDate,
      observationGroup: dispensaryRecords.observationGroup,
      observedSince: dispensaryRecords.observedSince,
      removedOn: dispensaryRecords.removedOn,
      removalReason: dispensaryRecords.removalReason,
    })
    .from(dispensaryRecords)
    .where(
      and(
        eq(dispensaryRecords.organizationId, centre.organizationId),
        eq(dispensaryRecords.registry, centre.registry),
        statusCondition[filter.status],
        matchRecord(filter.query),
        filter.before ? lt(dispensaryRecords.id, filter.before) : undefined,
      ),
    )
    // The centre first, equal on every row: the order of the centre's indexes (organization_id, …, id), which no
    // backward scan of the primary key through other centres' rows can give without a sort.
    .orderBy(desc(dispensaryRecords.organizationId), desc(dispensaryRecords.id))
    .limit(registryPageSize + 1)
  const rows = found.slice(0, registryPageSize)
  await auditListView(db, actor, {
    ...view,
    list: 'dispensaryRegistry',
    filter: { status: filter.status, search: searchTextOf(filter.query) },
    page: { before: filter.before },
    shown: rows.map((row) => row.id),
  })
  return { rows, before: found.length > registryPageSize ? rows.at(-1)!.id : null }
}

export type RecordEventDto = {
  id: number
  type: 'added' | 'removed' | 'imported'
  staffName: string
  data: Record<string, unknown>
  createdAt: Date
}

export type RecordDto = RegistryRowDto & {
  lastName: string
  firstName: string
  middleName: string | null
  source: 'screen' | 'import'
  version: number
  events: RecordEventDto[]
}

export type PersonHistoryDto = {
  iin: string | null
  name: string
  birthDate: string
  records: RecordDto[]
}

// A person's history in the centre's registry, opened from one of her records: every record of her IIN in this
// registry, oldest first, each with its events (a record without an IIN is a person of its own). Another centre's
// record, or none, is null. The read is audited.
export async function getPersonHistory(
  db: Database,
  actor: StaffActor,
  recordId: number,
  address: string | null,
): Promise<PersonHistoryDto | null> {
  const centre = await centreOf(db, actor, 'registry.read')
  if (!centre) return null
  const scope = and(eq(dispensaryRecords.organizationId, centre.organizationId), eq(dispensaryRecords.registry, centre.registry))
  const [opened] = await db
    .select({ iin: dispensaryRecords.iin, patientId: dispensaryRecords.patientId })
    .from(dispensaryRecords)
    .where(and(scope, eq(dispensaryRecords.id, recordId)))
  if (!opened) return null
  const records = await db
    .select({
      id: dispensaryRecords.id,
      iin: dispensaryRecords.iin,
      name: recordName,
      lastName: dispensaryRecords.lastName,
      firstName: dispensaryRecords.firstName,
      middleName: dispensaryRecords.middleName,
      birthDate: dispensaryRecords.birthDate,
      observationGroup: dispensaryRecords.observationGroup,
      observedSince: dispensaryRecords.observedSince,
      removedOn: dispensaryRecords.removedOn,
      removalReason: dispensaryRecords.removalReason,
      source: dispensaryRecords.source,
      version: dispensaryRecords.version,
    })
    .from(dispensaryRecords)
    .where(and(scope, opened.iin ? eq(dispensaryRecords.iin, opened.iin) : eq(dispensaryRecords.id, recordId)))
    .orderBy(asc(dispensaryRecords.id))
  const events = await db
    .select({
      id: dispensaryRecordEvents.id,
      recordId: dispensaryRecordEvents.recordId,
      type: dispensaryRecordEvents.type,
      staffName: staffFullName,
      data: dispensaryRecordEvents.data,
      createdAt: dispensaryRecordEvents.createdAt,
    })
    .from(dispensaryRecordEvents)
    .innerJoin(staff, eq(staff.id, dispensaryRecordEvents.staffId))
    .where(
      inArray(
        dispensaryRecordEvents.recordId,
        records.map((record) => record.id),
      ),
    )
    .orderBy(asc(dispensaryRecordEvents.id))
  await writeAudit(db, {
    actor,
    action: 'registry.read',
    organizationId: centre.organizationId,
    patientId: opened.patientId,
    entity: 'dispensary_record',
    entityId: recordId,
    address,
    details: { registry: centre.registry, records: records.map((record) => record.id) },
  })
  const latest = records.at(-1)!
  return {
    iin: opened.iin,
    name: latest.name,
    birthDate: latest.birthDate,
    records: records.map((record) => ({
      ...record,
      source: record.source as 'screen' | 'import',
      events: events
        .filter((event) => event.recordId === record.id)
        .map(({ recordId: _recordId, type, ...event }) => ({ ...event, type: type as RecordEventDto['type'] })),
    })),
  }
}

import 'server-only'
import { and, asc, desc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Database, Sql, Transaction } from '@/db/client'
import { attachedCounts, attachments, patients, registerEntries, sections, type AttachmentBasis } from '@/db/schema'
import { withinBudget, type Budgeted, type StatementBudget } from '@/db/statement-budget'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { getOwnSection } from '@/lib/organizations/queries'
import { foldedNamesStartWith, namesStartWith } from '@/lib/patients/name-match'
import { searchTextOf, type SearchQuery } from '@/lib/patients/search-query'
import { csvLine } from './csv'

// The register of attached population (Rules p.13-14, RAP): who is attached to which of the clinic's sections, since when.
// Read from `register_entries` (one row per person with an active attachment, kept by triggers: migration 0014), in
// Kazakh alphabetical order, a page at a time by keyset: a page deep in a clinic of 100,000 costs what the first does.
// `today` (Asia/Almaty) leaves out attachments past their last day; it defaults to the current day.
// `foldedNames`: names match as a Russian keyboard spells them (lib/text/fold.ts); the doctor's section list asks it,
// its section's slice being small enough to filter.
export type RegisterFilter = { sectionId?: number | null; query?: SearchQuery; today?: string; foldedNames?: boolean }

// The page after the person `after`, or the page before the person `before` (patient ids from the page shown).
export type RegisterPageRequest = { after?: number | null; before?: number | null; limit: number }

export type RegisterRowDto = {
  patientId: number
  iin: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string
  sectionNumber: string | null
  validFrom: string
  validTo: string | null
  basis: AttachmentBasis
}

export type RegisterPageDto = { total: number; rows: RegisterRowDto[]; hasPrevious: boolean; hasNext: boolean }

const e = registerEntries

function scope(actor: StaffActor, filter: RegisterFilter, today: string): SQL {
  const query = filter.query
  return and(
    eq(e.organizationId, actor.organizationId),
    or(isNull(e.validTo), gte(e.validTo, today)),
    filter.sectionId ? eq(e.sectionId, filter.sectionId) : undefined,
    query?.kind === 'iin' ? sql`${e.patientId} = (select p.id from patients p where p.iin = ${query.iin})` : undefined,
    query?.kind === 'name'
      ? filter.foldedNames
        ? foldedNamesStartWith({ last: e.lastNameFolded, first: e.firstNameFolded, middle: e.middleNameFolded }, query.words)
        : namesStartWith({ last: e.lastName, first: e.firstName, middle: e.middleName }, query.words)
      : undefined,
    // A phone or a birth date: the few people its index on `patients` picks.
    query?.kind === 'phone' ? sql`${e.patientId} in (select p.id from patients p where p.phone = ${query.phone})` : undefined,
    query?.kind === 'birthDate' || (query?.kind === 'name' && query.birthDate)
      ? sql`${e.patientId} in (select p.id from patients p where p.birth_date = ${query.birthDate}::date)`
      : undefined,
  )!
}

// How many people the filter holds. Without a name it is the maintained count of the clinic (or section) less the
// attachments past their last day the nightly job has not ended yet; with one, a count over the name indexes' ranges.
async function totalOf(db: Database | Transaction, actor: StaffActor, filter: RegisterFilter, today: string): Promise<number> {
  if (filter.query && filter.query.kind !== 'empty' && filter.query.kind !== 'invalid') {
    const [row] = await db
      .select({ total: sql<number>`count(*)::int` })
      .from(e)
      .where(scope(actor, filter, today))
    return row?.total ?? 0
  }
  const section = filter.sectionId ? eq(attachedCounts.sectionId, filter.sectionId) : undefined
  const [[counted], [lapsed]] = await Promise.all([
    db
      .select({ total: sql<number>`coalesce(sum(${attachedCounts.attached}), 0)::int` })
      .from(attachedCounts)
      .where(and(eq(attachedCounts.organizationId, actor.organizationId), section)),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(e)
      .where(
        and(
          eq(e.organizationId, actor.organizationId),
          lt(e.validTo, today),
          filter.sectionId ? eq(e.sectionId, filter.sectionId) : undefined,
        ),
      ),
  ])
  return (counted?.total ?? 0) - (lapsed?.total ?? 0)
}

// One page of the register; each view is audited (one row). A name filter runs within the page's statement budget.
export async function listRegister(
  db: Database,
  actor: StaffActor,
  filter: RegisterFilter,
  page: RegisterPageRequest,
  view: ListView,
  options: { budget?: StatementBudget; list?: 'register' | 'sectionPatients' } = {},
): Promise<Budgeted<RegisterPageDto>> {
  if (!authorize(actor, 'patient.search', { organizationId: actor.organizationId }))
    return { state: 'done', value: { total: 0, rows: [], hasPrevious: false, hasNext: false } }
  const today = filter.today ?? almatyDay(new Date())
  const limit = Math.max(1, Math.min(page.limit, 500))
  const outcome = await withinBudget(db, options.budget ?? 'page', async (tx) => {
    const cursorId = page.before ?? page.after ?? null
    const [cursor] = cursorId
      ? await tx
          .select({ lastName: e.lastName, firstName: e.firstName, patientId: e.patientId })
          .from(e)
          .where(and(eq(e.patientId, cursorId), eq(e.organizationId, actor.organizationId)))
      : []
    const backwards = Boolean(cursor && page.before)
    const keyset = cursor
      ? backwards
        ? sql`(${e.lastName}, ${e.firstName}, ${e.patientId}) < (${cursor.lastName}, ${cursor.firstName}, ${cursor.patientId})`
        : sql`(${e.lastName}, ${e.firstName}, ${e.patientId}) > (${cursor.lastName}, ${cursor.firstName}, ${cursor.patientId})`
      : undefined
    const direction = backwards ? desc : asc
    const [found, total] = await Promise.all([
      tx
        .select({
          patientId: patients.id,
          iin: patients.iin,
          lastName: patients.lastName,
          firstName: patients.firstName,
          middleName: patients.middleName,
          birthDate: patients.birthDate,
          sectionNumber: sections.number,
          validFrom: attachments.validFrom,
          validTo: attachments.validTo,
          basis: attachments.basis,
        })
        .from(e)
        .innerJoin(patients, eq(patients.id, e.patientId))
        .innerJoin(attachments, eq(attachments.id, e.attachmentId))
        .leftJoin(sections, eq(sections.id, e.sectionId))
        .where(and(scope(actor, filter, today), keyset))
        .orderBy(direction(e.lastName), direction(e.firstName), direction(e.patientId))
        .limit(limit + 1),
      totalOf(tx, actor, filter, today),
    ])
    const more = found.length > limit
    const rows = found.slice(0, limit)
    if (backwards) rows.reverse()
    return {
      total,
      rows,
      hasPrevious: backwards ? more : Boolean(cursor),
      hasNext: backwards ? true : more,
    }
  })
  const shown = outcome.state === 'done' ? outcome.value : null
  await auditListView(db, actor, {
    ...view,
    list: options.list ?? 'register',
    filter: { sectionId: filter.sectionId ?? null, q: searchTextOf(filter.query) },
    page: { after: page.after ?? null, before: page.before ?? null, limit, total: shown?.total ?? null },
    shown: shown?.rows.map((row) => row.patientId) ?? [],
  })
  return outcome
}

const exportChunk = 1000

export type RegisterCsvLabels = { header: string[]; basis: Record<AttachmentBasis, string> }

// The whole register as CSV lines, read a thousand rows at a time by keyset in the register's own order: memory stays
// flat however many people are attached (docs/performance.md, "Register export"), each read is an index range of the
// clinic under the pool's statement timeout, and no transaction or cursor stays open while the browser downloads.
export async function* registerCsv(
  sql: Sql,
  actor: StaffActor,
  sectionId: number | null,
  labels: RegisterCsvLabels,
): AsyncGenerator<string> {
  if (!authorize(actor, 'patient.search', { organizationId: actor.organizationId })) return
  const today = almatyDay(new Date())
  yield csvLine(labels.header)
  const section = sectionId ? sql`and e.section_id = ${sectionId}` : sql``
  let after: { last_name: string; first_name: string; patient_id: string } | null = null
  for (;;) {
    const from = after
      ? sql`and (e.last_name, e.first_name, e.patient_id) > (${after.last_name}, ${after.first_name}, ${after.patient_id}::bigint)`
      : sql``
    const rows: {
      patient_id: string
      iin: string
      last_name: string
      first_name: string
      middle_name: string | null
      birth_date: string
      section: string | null
      valid_from: string
      basis: AttachmentBasis
    }[] = await sql`
      select e.patient_id, p.iin, e.last_name, e.first_name, p.middle_name,
             to_char(p.birth_date, 'DD.MM.YYYY') as birth_date, s.number as section,
             to_char(a.valid_from, 'DD.MM.YYYY') as valid_from, a.basis
      from register_entries e
      join patients p on p.id = e.patient_id
      join attachments a on a.id = e.attachment_id
      left join sections s on s.id = e.section_id
      where e.organization_id = ${actor.organizationId} and (e.valid_to is null or e.valid_to >= ${today}::date)
        ${section} ${from}
      order by e.last_name, e.first_name, e.patient_id
      limit ${exportChunk}`
    let chunk = ''
    for (const row of rows) {
      chunk += csvLine([
        row.iin,
        row.last_name,
        row.first_name,
        row.middle_name,
        row.birth_date,
        row.section,
        row.valid_from,
        labels.basis[row.basis],
      ])
    }
    if (chunk) yield chunk
    if (rows.length < exportChunk) return
    after = rows.at(-1)!
  }
}

export async function countRegister(db: Database, actor: StaffActor, sectionId: number | null): Promise<number> {
  if (!authorize(actor, 'patient.search', { organizationId: actor.organizationId })) return 0
  return totalOf(db, actor, { sectionId }, almatyDay(new Date()))
}

// The doctor's own section (Rules p.13-14: the section's doctor keeps its population): the register's page of that
// section, searched by name (folded), IIN, phone or birth date; null when the section is not the doctor's.
export async function listOwnSection(
  db: Database,
  actor: StaffActor,
  sectionId: number,
  query: SearchQuery,
  page: RegisterPageRequest,
  view: ListView,
): Promise<Budgeted<RegisterPageDto> | null> {
  if (!(await getOwnSection(db, actor, sectionId))) return null
  return listRegister(db, actor, { sectionId, query, foldedNames: true }, page, view, { list: 'sectionPatients' })
}

// The whole of the doctor's own section as CSV lines (the register's streamed export), or null when it is not theirs.
export async function ownSectionCsv(
  db: Database,
  sql: Sql,
  actor: StaffActor,
  sectionId: number,
  labels: RegisterCsvLabels,
): Promise<{ total: number; lines: AsyncGenerator<string> } | null> {
  if (!(await getOwnSection(db, actor, sectionId))) return null
  return { total: await countRegister(db, actor, sectionId), lines: registerCsv(sql, actor, sectionId, labels) }
}

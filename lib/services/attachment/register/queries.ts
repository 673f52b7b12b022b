import 'server-only'
import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Sql } from '@/db/client'
import type { Database } from '@/db/client'
import { attachments, patients, sections, type AttachmentBasis } from '@/db/schema'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { attachmentInForce, attachmentInForceRows } from '@/lib/services/attachment/in-force'
import { matchPatient } from '@/lib/patients/queries'
import { searchTextOf, type SearchQuery } from '@/lib/patients/search-query'
import { csvLine } from './csv'

// The register of attached population (Rules p.13-14, RAP): who is attached to which of the clinic's sections, since when.
// `today` (Asia/Almaty) leaves out attachments past their last day; it defaults to the current day.
export type RegisterFilter = { sectionId?: number | null; query?: SearchQuery; today?: string }

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

function where(actor: StaffActor, filter: RegisterFilter): SQL {
  return and(
    eq(attachments.organizationId, actor.organizationId),
    attachmentInForce(filter.today ?? almatyDay(new Date())),
    filter.sectionId ? eq(attachments.sectionId, filter.sectionId) : undefined,
    matchPatient(filter.query),
  )!
}

// One page of the register; each view is audited (one row).
export async function listRegister(
  db: Database,
  actor: StaffActor,
  filter: RegisterFilter,
  page: { offset: number; limit: number },
  view: ListView,
): Promise<{ total: number; rows: RegisterRowDto[] }> {
  if (!authorize(actor, 'patient.search', { organizationId: actor.organizationId })) return { total: 0, rows: [] }
  const [rows, [count]] = await Promise.all([
    db
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
      .from(attachments)
      .innerJoin(patients, eq(patients.id, attachments.patientId))
      .leftJoin(sections, eq(sections.id, attachments.sectionId))
      .where(where(actor, filter))
      .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(attachments)
      .innerJoin(patients, eq(patients.id, attachments.patientId))
      .where(where(actor, filter)),
  ])
  const total = count?.total ?? 0
  await auditListView(db, actor, {
    ...view,
    list: 'register',
    filter: { sectionId: filter.sectionId ?? null, q: searchTextOf(filter.query) },
    page: { offset: page.offset, limit: page.limit, total },
    shown: rows.map((row) => row.patientId),
  })
  return { total, rows }
}

export type RegisterCsvLabels = { header: string[]; basis: Record<AttachmentBasis, string> }

// The whole register as CSV lines, read through a server-side cursor a thousand rows at a time: memory stays flat
// however many people are attached (docs/performance.md, "Register export").
export async function* registerCsv(
  sql: Sql,
  actor: StaffActor,
  sectionId: number | null,
  labels: RegisterCsvLabels,
): AsyncGenerator<string> {
  if (!authorize(actor, 'patient.search', { organizationId: actor.organizationId })) return
  yield csvLine(labels.header)
  const cursor = sql<
    {
      iin: string
      last_name: string
      first_name: string
      middle_name: string | null
      birth_date: string
      section: string | null
      valid_from: string
      basis: AttachmentBasis
    }[]
  >`
    select p.iin, p.last_name, p.first_name, p.middle_name, to_char(p.birth_date, 'DD.MM.YYYY') as birth_date,
           s.number as section, to_char(a.valid_from, 'DD.MM.YYYY') as valid_from, a.basis
    from attachments a
    join patients p on p.id = a.patient_id
    left join sections s on s.id = a.section_id
    where a.organization_id = ${actor.organizationId} and ${attachmentInForceRows(sql, 'a', almatyDay(new Date()))}
      and (${sectionId}::bigint is null or a.section_id = ${sectionId}::bigint)
    order by p.last_name, p.first_name, p.id`.cursor(1000)
  for await (const rows of cursor) {
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
    yield chunk
  }
}

export async function countRegister(db: Database, actor: StaffActor, sectionId: number | null): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(attachments)
    .where(where(actor, { sectionId }))
  return row?.total ?? 0
}

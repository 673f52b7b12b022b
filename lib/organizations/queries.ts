import 'server-only'
import { and, asc, eq, gte, isNull, or, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patientFullName, staffFullName } from '@/db/names'
import {
  attachedCounts,
  departments,
  organizations,
  patients,
  registerEntries,
  sectionDoctors,
  sections,
  staff,
  type DepartmentKind,
  type StaffRole,
} from '@/db/schema'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import type { PatientRowDto } from '@/lib/patients/queries'

export type OrganizationHeaderDto = { id: number; nameKk: string; nameRu: string }

export async function getOrganizationHeader(db: Database, organizationId: number): Promise<OrganizationHeaderDto | null> {
  const [row] = await db
    .select({ id: organizations.id, nameKk: organizations.nameKk, nameRu: organizations.nameRu })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
  return row ?? null
}

export type SectionLoadDto = {
  id: number
  number: string
  departmentKind: DepartmentKind
  departmentNameKk: string
  departmentNameRu: string
  territoryKk: string
  territoryRu: string
  capacityNorm: number
  attachedCount: number
  doctors: string[]
  // The ages the section serves (both ends included; no upper end for adults).
  ageFrom: number
  ageTo: number | null
}

// Each section's attached population against its norm (Rules of attachment p.18: the choice of doctor
// takes the section's attached population into account).
export async function listSectionLoad(
  db: Database,
  actor: StaffActor,
  filter: { departmentId?: number | null; doctorId?: number } = {},
): Promise<SectionLoadDto[]> {
  if (!authorize(actor, 'section.read', { organizationId: actor.organizationId })) return []
  const rows = await db
    .select({
      id: sections.id,
      number: sections.number,
      departmentKind: departments.kind,
      departmentNameKk: departments.nameKk,
      departmentNameRu: departments.nameRu,
      territoryKk: sections.territoryKk,
      territoryRu: sections.territoryRu,
      capacityNorm: sections.capacityNorm,
      ageFrom: sections.ageFrom,
      ageTo: sections.ageTo,
      attachedCount: sql<number>`coalesce(${attachedCounts.attached}, 0)`.mapWith(Number),
      doctors: sql<
        string[]
      >`coalesce((select array_agg(concat_ws(' ', ${staff.lastName}, ${staff.firstName}) order by ${staff.lastName}) from ${sectionDoctors} join ${staff} on ${staff.id} = ${sectionDoctors.staffId} where ${sectionDoctors.sectionId} = ${sections.id}), '{}')`,
    })
    .from(sections)
    .innerJoin(departments, eq(departments.id, sections.departmentId))
    .leftJoin(
      attachedCounts,
      and(eq(attachedCounts.organizationId, sections.organizationId), eq(attachedCounts.sectionId, sections.id)),
    )
    .where(
      and(
        eq(sections.organizationId, actor.organizationId),
        filter.departmentId ? eq(sections.departmentId, filter.departmentId) : undefined,
        filter.doctorId
          ? sql`exists (select 1 from ${sectionDoctors} where ${sectionDoctors.sectionId} = ${sections.id} and ${sectionDoctors.staffId} = ${filter.doctorId})`
          : undefined,
      ),
    )
    .orderBy(sql`lpad(${sections.number}, 6, '0')`)
  return rows
}

export type StaffRowDto = {
  id: number
  name: string
  role: StaffRole
  login: string
  departmentNameKk: string | null
  departmentNameRu: string | null
  specialtyKk: string | null
  specialtyRu: string | null
  active: boolean
}

export async function listStaff(
  db: Database,
  actor: StaffActor,
  filter: { departmentId?: number | null } = {},
): Promise<StaffRowDto[]> {
  if (!authorize(actor, 'staff.read', { organizationId: actor.organizationId })) return []
  return db
    .select({
      id: staff.id,
      name: staffFullName,
      role: staff.role,
      login: staff.login,
      departmentNameKk: departments.nameKk,
      departmentNameRu: departments.nameRu,
      specialtyKk: staff.specialtyKk,
      specialtyRu: staff.specialtyRu,
      active: staff.active,
    })
    .from(staff)
    .leftJoin(departments, eq(departments.id, staff.departmentId))
    .where(
      and(
        eq(staff.organizationId, actor.organizationId),
        filter.departmentId ? eq(staff.departmentId, filter.departmentId) : undefined,
      ),
    )
    .orderBy(sql`array_position(array['chief','head','doctor','registrar'], ${staff.role})`, asc(staff.lastName))
}

// A section the doctor serves (section_doctors), in the doctor's own clinic; null for another doctor's, another
// clinic's or a missing one, and for anyone who is not a doctor.
export async function getOwnSection(db: Database, actor: StaffActor, sectionId: number): Promise<SectionLoadDto | null> {
  if (actor.role !== 'doctor') return null
  const own = await listSectionLoad(db, actor, { doctorId: actor.id })
  return own.find((section) => section.id === sectionId) ?? null
}

// The patients attached to one of the clinic's sections, in Kazakh alphabetical order, a page at a time after the
// person `after` (register_entries_section_idx); each view is audited (one row per section list).
export async function listSectionPatients(
  db: Database,
  actor: StaffActor,
  sectionId: number,
  view: ListView,
  page: { after?: number | null; limit?: number } = {},
  today = almatyDay(view.now),
): Promise<PatientRowDto[]> {
  if (!authorize(actor, 'patient.search', { organizationId: actor.organizationId })) return []
  const limit = Math.max(1, Math.min(page.limit ?? 500, 500))
  // The person the page starts after, if they are in this section (another one's or a forged id: the first page).
  const [cursor] = page.after
    ? await db
        .select({
          lastName: registerEntries.lastName,
          firstName: registerEntries.firstName,
          patientId: registerEntries.patientId,
        })
        .from(registerEntries)
        .where(
          and(
            eq(registerEntries.patientId, page.after),
            eq(registerEntries.sectionId, sectionId),
            eq(registerEntries.organizationId, actor.organizationId),
          ),
        )
    : []
  const rows = await db
    .select({
      id: patients.id,
      iin: patients.iin,
      name: patientFullName,
      birthDate: patients.birthDate,
      sectionNumber: sections.number,
    })
    .from(registerEntries)
    .innerJoin(patients, eq(patients.id, registerEntries.patientId))
    .innerJoin(sections, eq(sections.id, registerEntries.sectionId))
    .where(
      and(
        eq(registerEntries.sectionId, sectionId),
        eq(registerEntries.organizationId, actor.organizationId),
        or(isNull(registerEntries.validTo), gte(registerEntries.validTo, today)),
        cursor
          ? sql`(${registerEntries.lastName}, ${registerEntries.firstName}, ${registerEntries.patientId}) >
              (${cursor.lastName}, ${cursor.firstName}, ${cursor.patientId})`
          : undefined,
      ),
    )
    .orderBy(asc(registerEntries.lastName), asc(registerEntries.firstName), asc(registerEntries.patientId))
    .limit(limit)
  await auditListView(db, actor, {
    ...view,
    list: 'sectionPatients',
    filter: { sectionId },
    page: cursor ? { after: cursor.patientId, limit } : { limit },
    shown: rows.map((row) => row.id),
  })
  return rows
}

export type DepartmentDto = { id: number; kind: DepartmentKind; nameKk: string; nameRu: string }

export async function getDepartment(db: Database, actor: StaffActor, departmentId: number | null): Promise<DepartmentDto | null> {
  if (!departmentId) return null
  const [row] = await db
    .select({ id: departments.id, kind: departments.kind, nameKk: departments.nameKk, nameRu: departments.nameRu })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.organizationId, actor.organizationId)))
  return row ?? null
}

import 'server-only'
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Database, Transaction } from '@/db/client'
import { staffFullName } from '@/db/names'
import {
  auditLog,
  dispensaryRecords,
  organizations,
  patients,
  staff,
  type DispensaryRegistry,
  type OrganizationType,
  type StaffRole,
} from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { registryPersonLocks } from '@/lib/registries/lock'
import { variantOfService } from './registries'
import { fullName, type RegistryRecordFacts } from './rules'

type Executor = Database | Transaction

// The centre's information system (staff.system), which decides and signs what needs no person (list row 5).
export async function systemActorOf(db: Executor, centreId: number): Promise<StaffActor | null> {
  const [row] = await db
    .select({ id: staff.id, role: staff.role, name: staffFullName, locale: staff.locale })
    .from(staff)
    .where(and(eq(staff.organizationId, centreId), eq(staff.system, true), eq(staff.active, true)))
    .orderBy(asc(staff.id))
    .limit(1)
  if (!row) return null
  return {
    kind: 'staff',
    id: row.id,
    role: row.role,
    organizationId: centreId,
    departmentId: null,
    name: row.name,
    locale: row.locale,
  }
}

// The requester's IIN and the region's centre of this type, in one statement. Reading B8: the region's centre that keeps
// the registry is the provider. The demo region has one of each type; a region with several would route by the
// person's address, which no rule here asks for yet.
export async function requesterAndCentre(
  db: Executor,
  patientId: number,
  type: OrganizationType,
): Promise<{ iin: string | null; centreId: number | null }> {
  const [row] = await db.execute<{ iin: string | null; centreId: string | null }>(sql`
    select (select iin from patients where id = ${patientId}) as iin,
           (select id from organizations where type = ${type} order by id limit 1) as "centreId"`)
  return { iin: row?.iin ?? null, centreId: row?.centreId == null ? null : Number(row.centreId) }
}

// The centre's information system as systemActorOf reads it, as one JSON column of a larger statement.
export function systemActorColumn(centreId: SQL) {
  return sql<SystemRow | null>`(
    select json_build_object('id', s.id, 'role', s.role, 'name', concat_ws(' ', s.last_name, s.first_name, s.middle_name),
                             'locale', s.locale)
    from staff s where s.organization_id = ${centreId} and s.system and s.active order by s.id limit 1)`
}

type SystemRow = { id: number; role: StaffActor['role']; name: string; locale: StaffActor['locale'] }

export function systemActorFrom(row: SystemRow | null, centreId: number): StaffActor | null {
  if (!row) return null
  return {
    kind: 'staff',
    id: row.id,
    role: row.role,
    organizationId: centreId,
    departmentId: null,
    name: row.name,
    locale: row.locale,
  }
}

export type CertificateSubjectRow = {
  id: number
  iin: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string
  address: string
  phone: string | null
  locale: 'kk' | 'ru'
}

const subjectColumns = {
  id: patients.id,
  iin: patients.iin,
  lastName: patients.lastName,
  firstName: patients.firstName,
  middleName: patients.middleName,
  birthDate: patients.birthDate,
  address: patients.address,
  phone: patients.phone,
  locale: patients.locale,
}

// The person a certificate is about, from the records the state keeps (rule 4), by IIN.
export async function subjectByIin(db: Executor, iin: string): Promise<CertificateSubjectRow | null> {
  const [row] = await db.select(subjectColumns).from(patients).where(eq(patients.iin, iin))
  return row ? { ...row, locale: row.locale === 'ru' ? 'ru' : 'kk' } : null
}

// The same person, read by the deciding transaction with the registry's locks for her birth date taken in the same
// statement (lib/registries/lock.ts): one round trip instead of three.
export async function subjectByIinLocked(
  tx: Transaction,
  registry: DispensaryRegistry,
  iin: string,
): Promise<CertificateSubjectRow | null> {
  const locks = registryPersonLocks(registry, sql`${patients.birthDate}`)
  const [row] = await tx
    .select({
      ...subjectColumns,
      registryLock: sql<unknown>`${locks.registry}`,
      personLock: sql<unknown>`${locks.person}`,
    })
    .from(patients)
    .where(eq(patients.iin, iin))
  if (!row) return null
  const { registryLock: _registry, personLock: _person, ...subject } = row
  return { ...subject, locale: subject.locale === 'ru' ? 'ru' : 'kk' }
}

// What a certificate is made from besides the decision: the person it is about and the centre's information system,
// in one statement.
export async function certificateSourcesOf(
  tx: Transaction,
  iin: string,
  centreId: number,
): Promise<{ subject: CertificateSubjectRow | null; system: { id: number; name: string; role: StaffRole } | null }> {
  const [row] = await tx.execute<{
    subject: (Omit<CertificateSubjectRow, 'locale'> & { locale: string }) | null
    system: { id: number; name: string; role: StaffRole } | null
  }>(sql`
    select (select json_build_object('id', p.id, 'iin', p.iin, 'lastName', p.last_name, 'firstName', p.first_name,
                                     'middleName', p.middle_name, 'birthDate', p.birth_date, 'address', p.address,
                                     'phone', p.phone, 'locale', p.locale)
            from patients p where p.iin = ${iin}) as subject,
           (select json_build_object('id', s.id, 'name', concat_ws(' ', s.last_name, s.first_name, s.middle_name),
                                     'role', s.role)
            from staff s where s.organization_id = ${centreId} and s.system order by s.id limit 1) as system`)
  const subject = row?.subject ?? null
  return {
    subject: subject ? { ...subject, locale: subject.locale === 'ru' ? 'ru' : 'kk' } : null,
    system: row?.system ?? null,
  }
}

// The active records that could be the person: by IIN, or by birth date (for the uncertain match by name). Two index
// scans (dispensary_records_one_active, dispensary_records_birth_idx) of one registry only (rule 26).
export async function activeRecordsFor(
  tx: Executor,
  registry: DispensaryRegistry,
  person: { iin: string; birthDate: string },
): Promise<(RegistryRecordFacts & { id: number; middleName: string | null; observationGroup: string })[]> {
  return await tx
    .select({
      id: dispensaryRecords.id,
      iin: dispensaryRecords.iin,
      lastName: dispensaryRecords.lastName,
      firstName: dispensaryRecords.firstName,
      middleName: dispensaryRecords.middleName,
      birthDate: dispensaryRecords.birthDate,
      observationGroup: dispensaryRecords.observationGroup,
    })
    .from(dispensaryRecords)
    .where(
      and(
        eq(dispensaryRecords.registry, registry),
        isNull(dispensaryRecords.removedOn),
        or(eq(dispensaryRecords.iin, person.iin), sql`${dispensaryRecords.birthDate} = ${person.birthDate}::date`),
      ),
    )
    .orderBy(asc(dispensaryRecords.id))
    .limit(50)
}

export type UncertainMatch = {
  subject: { name: string; birthDate: string; iin: string }
  candidates: { id: number; name: string; birthDate: string; iin: string | null; group: string }[]
}

// What the centre's doctor compares for a request the information system could not match for certain: the person of
// the request and the active records of her own registry with the same birth date (rule 26). Each record shown is a
// read of the registry, audited (issue 16).
export async function uncertainMatchFor(
  db: Database,
  actor: StaffActor,
  request: { id: string; organizationId: number; service: string; payload: Record<string, unknown> },
  address: string | null,
): Promise<UncertainMatch | null> {
  const variant = variantOfService(request.service)
  if (!variant || request.organizationId !== actor.organizationId) return null
  const iin = typeof request.payload.subjectIin === 'string' ? request.payload.subjectIin : ''
  const subject = await subjectByIin(db, iin)
  if (!subject) return null
  const records = await activeRecordsFor(db, variant.registry, subject)
  const candidates = records.map((record) => ({
    id: record.id,
    name: fullName(record),
    birthDate: record.birthDate,
    iin: record.iin,
    group: record.observationGroup,
  }))
  if (candidates.length > 0) {
    await db.insert(auditLog).values(
      candidates.map((candidate) => ({
        actorKind: 'staff' as const,
        actorId: actor.id,
        action: 'registry.read',
        organizationId: actor.organizationId,
        entity: 'dispensary_record',
        entityId: String(candidate.id),
        address,
        details: { requestId: request.id },
      })),
    )
  }
  return { subject: { name: fullName(subject), birthDate: subject.birthDate, iin: subject.iin }, candidates }
}

import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patients, representatives, staff } from '@/db/schema'
import type { Actor } from './actor'

// Every request loads its actor, so both queries are prepared once per database handle (no query building, and a
// named statement on the server).
function prepareStaffQuery(db: Database) {
  return db
    .select({
      id: staff.id,
      role: staff.role,
      organizationId: staff.organizationId,
      departmentId: staff.departmentId,
      lastName: staff.lastName,
      firstName: staff.firstName,
      locale: staff.locale,
      sessionsRevokedAt: staff.sessionsRevokedAt,
    })
    .from(staff)
    .where(and(eq(staff.id, sql.placeholder('id')), eq(staff.active, true), eq(staff.system, false)))
    .prepare('load_staff_actor')
}

function preparePatientQuery(db: Database) {
  const today = sql.placeholder('today')
  return db
    .select({
      id: patients.id,
      lastName: patients.lastName,
      firstName: patients.firstName,
      locale: patients.locale,
      phone: patients.phone,
      sessionsRevokedAt: patients.sessionsRevokedAt,
      children: sql<
        number[]
      >`coalesce(array_agg(${representatives.childId}) filter (where ${representatives.childId} is not null), '{}')`,
    })
    .from(patients)
    .leftJoin(
      representatives,
      and(
        eq(representatives.representativeId, patients.id),
        lte(representatives.validFrom, sql`${today}::date`),
        or(isNull(representatives.validTo), gte(representatives.validTo, sql`${today}::date`)),
        // Representing a child ends on the child's 18th birthday, whatever the row says (p.30 para 3, p.2(3)-(4)); a
        // guardianship or trusteeship that began when the person was already of age (a court's, for an adult) goes on.
        sql`exists (select 1 from patients c where c.id = ${representatives.childId}
              and (c.birth_date + interval '18 years' > ${today}::date
                   or (${representatives.basis} in ('guardian', 'trustee')
                       and ${representatives.validFrom} >= c.birth_date + interval '18 years')))`,
      ),
    )
    .where(eq(patients.id, sql.placeholder('id')))
    .groupBy(patients.id)
    .prepare('load_patient_actor')
}

const prepared = new WeakMap<
  Database,
  { staff: ReturnType<typeof prepareStaffQuery>; patient: ReturnType<typeof preparePatientQuery> }
>()

function queriesFor(db: Database) {
  let queries = prepared.get(db)
  if (!queries) {
    queries = { staff: prepareStaffQuery(db), patient: preparePatientQuery(db) }
    prepared.set(db, queries)
  }
  return queries
}

// `issuedAt` is when the session was made: a sign-out since then (on any device) ends it.
export async function loadActor(
  db: Database,
  subject: { kind: 'staff' | 'patient'; id: number },
  today: string,
  issuedAt: Date,
): Promise<Actor | null> {
  const queries = queriesFor(db)
  if (subject.kind === 'staff') {
    const [member] = await queries.staff.execute({ id: subject.id })
    if (!member || isRevoked(member.sessionsRevokedAt, issuedAt)) return null
    return {
      kind: 'staff',
      id: member.id,
      role: member.role,
      organizationId: member.organizationId,
      departmentId: member.departmentId,
      name: `${member.lastName} ${member.firstName}`,
      locale: member.locale,
    }
  }
  const [patient] = await queries.patient.execute({ id: subject.id, today })
  if (!patient || isRevoked(patient.sessionsRevokedAt, issuedAt)) return null
  return {
    kind: 'patient',
    id: patient.id,
    role: 'patient',
    representedPatientIds: patient.children.map(Number),
    name: `${patient.lastName} ${patient.firstName}`,
    locale: patient.locale,
    phone: patient.phone,
  }
}

function isRevoked(revokedAt: Date | null, issuedAt: Date): boolean {
  return revokedAt !== null && issuedAt.getTime() <= revokedAt.getTime()
}

export function almatyToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(now)
}

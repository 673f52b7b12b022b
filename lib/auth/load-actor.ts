import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patients, representatives, staff } from '@/db/schema'
import type { Actor } from './actor'

// `issuedAt` is when the session was made: a sign-out since then (on any device) ends it.
export async function loadActor(
  db: Database,
  subject: { kind: 'staff' | 'patient'; id: number },
  today: string,
  issuedAt: Date,
): Promise<Actor | null> {
  if (subject.kind === 'staff') {
    const [member] = await db
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
      .where(and(eq(staff.id, subject.id), eq(staff.active, true)))
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
  const [patient] = await db
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
        lte(representatives.validFrom, today),
        or(isNull(representatives.validTo), gte(representatives.validTo, today)),
      ),
    )
    .where(eq(patients.id, subject.id))
    .groupBy(patients.id)
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

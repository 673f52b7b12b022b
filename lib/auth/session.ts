import 'server-only'
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import { notFound, redirect } from 'next/navigation'
import { cache } from 'react'
import { getDb, type Database } from '@/db/client'
import { patients, representatives, staff } from '@/db/schema'
import { auth } from './next-auth'
import { homeOf, parseSubject, type Actor, type PatientActor, type Role, type StaffActor } from './actor'
import { authorize, type Action, type Resource } from './authorize'

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
      sessionsRevokedAt: patients.sessionsRevokedAt,
      children: sql<number[]>`coalesce(array_agg(${representatives.childId}) filter (where ${representatives.childId} is not null), '{}')`,
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
  }
}

function isRevoked(revokedAt: Date | null, issuedAt: Date): boolean {
  return revokedAt !== null && issuedAt.getTime() <= revokedAt.getTime()
}

export function almatyToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(now)
}

// The signed-in person, loaded afresh from the database once per request (a deactivated login stops at once).
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth()
  const subject = parseSubject(session?.user?.id)
  if (!subject || !session?.signedInAt) return null
  return loadActor(getDb(), subject, almatyToday(new Date()), new Date(session.signedInAt))
})

type ActorFor<R extends Role> = [R] extends ['patient'] ? PatientActor : [Exclude<R, 'patient'>] extends [never] ? Actor : StaffActor

// Every page and layout starts here: no session → sign-in page; another role → that role's own home.
export async function requireActor<R extends Role>(...roles: R[]): Promise<ActorFor<R>> {
  const actor = await getActor()
  if (!actor) redirect('/login')
  if (roles.length > 0 && !roles.includes(actor.role as R)) redirect(homeOf[actor.role])
  return actor as ActorFor<R>
}

// For pages: a resource out of the actor's scope looks exactly like a missing one.
export function authorizeOrNotFound(actor: Actor, action: Action, resource: Resource | null): asserts resource is Resource {
  if (!resource || !authorize(actor, action, resource)) notFound()
}

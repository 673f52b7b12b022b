import { and, eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { organizations, patients, sections, staff } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { almatyToday, loadActor } from '@/lib/auth/load-actor'
import { submitRequest, type EngineContext } from '@/lib/requests/engine'

// A demo person asks on the portal to be attached to a section, through the engine at the moment `context.now`, as
// the seeds that make requests with a moved clock do (the signing inbox, the overdue board). `label` names the seed
// and the person in an error. Returns the request's id.
export async function submitPortalAttachment(
  db: Database,
  label: string,
  person: { iin: string; address: string },
  entry: { organization: string; section: string; basis: string; key: string },
  context: EngineContext,
): Promise<string> {
  const [place] = await db
    .select({ clinicId: organizations.id, sectionId: sections.id })
    .from(sections)
    .innerJoin(organizations, eq(organizations.id, sections.organizationId))
    .where(and(eq(organizations.code, entry.organization), eq(sections.number, entry.section)))
  const [patient] = await db.select({ id: patients.id }).from(patients).where(eq(patients.iin, person.iin))
  if (!place || !patient) throw new Error(`${label}: clinic or person missing`)
  const applicant = await loadActor(db, { kind: 'patient', id: patient.id }, almatyToday(context.now), context.now)
  if (!applicant) throw new Error(`${label}: applicant not found`)
  const submitted = await submitRequest(
    db,
    applicant,
    {
      service: 'attachment',
      channel: 'portal',
      idempotencyKey: `demo-seed:${entry.key}`,
      payload: {
        patientId: String(patient.id),
        clinicId: String(place.clinicId),
        sectionId: String(place.sectionId),
        address: person.address,
        addressKind: 'actual',
        basis: entry.basis,
      },
    },
    context,
  )
  if (!submitted.ok) throw new Error(`${label}: submit refused: ${submitted.code}`)
  return submitted.data.requestId
}

// A registrar of the demo, by login, as loaded at `at`.
export async function registrarAt(db: Database, label: string, login: string, at: Date): Promise<Actor> {
  const [registrar] = await db.select({ id: staff.id }).from(staff).where(eq(staff.login, login))
  const desk = registrar && (await loadActor(db, { kind: 'staff', id: registrar.id }, almatyToday(at), at))
  if (!desk) throw new Error(`${label}: registrar ${login} not found`)
  return desk
}

// The demo's overdue requests, so that the heads' overdue boards (/head/overdue) are not empty on first start: four
// people ask on the portal to be attached, one to four working days before the seed runs, and nobody decides. They go
// through the request engine with its clock moved back, exactly as a request left waiting would: the request, its
// events, audit rows and SMS in the outbox are the engine's own. Two are taken by a registrar, so the board shows who
// holds them; the other two are held by nobody.
//
// Imports server-only modules (the engine): see ./signing-inbox.ts.
import { and, eq } from 'drizzle-orm'
import type { Sql } from 'postgres'
import { createDatabase } from '@/db/client'
import { organizations, patients, sections, staff } from '@/db/schema'
import { almatyToday, loadActor } from '@/lib/auth/load-actor'
import { almatyDay, almatyInstant } from '@/lib/calendar'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { demoOverduePatients, demoOverdueRequests, workingDayBefore } from './overdue-data'

const hourMs = 3_600_000

export async function seedOverdueRequests(sql: Sql, now: Date): Promise<void> {
  const db = createDatabase(sql)
  const overrides = await loadCalendarOverrides(db, now)
  const at = (instant: Date): EngineContext => ({ now: instant, address: null, overrides })

  for (const entry of demoOverdueRequests) {
    const person = demoOverduePatients.find((p) => p.key === entry.patient)
    if (!person) throw new Error(`seedOverdueRequests: unknown patient key ${entry.patient}`)
    const [place] = await db
      .select({ clinicId: organizations.id, sectionId: sections.id })
      .from(sections)
      .innerJoin(organizations, eq(organizations.id, sections.organizationId))
      .where(and(eq(organizations.code, entry.organization), eq(sections.number, entry.section)))
    const [patient] = await db.select({ id: patients.id }).from(patients).where(eq(patients.iin, person.iin))
    if (!place || !patient) throw new Error(`seedOverdueRequests: ${entry.patient}: clinic or person missing`)

    const submittedAt = almatyInstant(workingDayBefore(almatyDay(now), entry.workingDaysAgo, overrides), '10:00')
    const applicant = await loadActor(db, { kind: 'patient', id: patient.id }, almatyToday(submittedAt), submittedAt)
    if (!applicant) throw new Error(`seedOverdueRequests: ${entry.patient}: applicant not found`)
    const submitted = await submitRequest(
      db,
      applicant,
      {
        service: 'attachment',
        channel: 'portal',
        idempotencyKey: `demo-seed:overdue:${entry.patient}`,
        payload: {
          patientId: String(patient.id),
          clinicId: String(place.clinicId),
          sectionId: String(place.sectionId),
          address: person.address,
          addressKind: 'actual',
          basis: entry.basis,
        },
      },
      at(submittedAt),
    )
    if (!submitted.ok) throw new Error(`seedOverdueRequests: ${entry.patient}: submit refused: ${submitted.code}`)
    if (!entry.takenBy) continue

    const takenAt = new Date(submittedAt.getTime() + hourMs)
    const [registrar] = await db.select({ id: staff.id }).from(staff).where(eq(staff.login, entry.takenBy))
    const desk = registrar && (await loadActor(db, { kind: 'staff', id: registrar.id }, almatyToday(takenAt), takenAt))
    if (!desk) throw new Error(`seedOverdueRequests: ${entry.patient}: registrar ${entry.takenBy} not found`)
    const taken = await transitionRequest(
      db,
      desk,
      { operation: 'take', requestId: submitted.data.requestId, version: 1 },
      at(takenAt),
    )
    if (!taken.ok) throw new Error(`seedOverdueRequests: ${entry.patient}: take refused: ${taken.code}`)
  }
}

// The demo's signing inbox, made on first start through the request engine exactly as production makes it: each
// person of demoSigningInbox submits an attachment request on the portal, and registrar1 approves it at the desk. The
// approval's transaction attaches the person and creates the documents (an attachment notice awaiting the section
// doctor's signature, a 064/e coupon awaiting the registrar's), so doctor1 finds four documents to sign.
//
// Imports server-only modules (the engine): under vitest `server-only` is aliased; outside Next, seedIfEmpty
// resolves it to an empty module before loading this file.
import { and, eq } from 'drizzle-orm'
import type { Sql } from 'postgres'
import { createDatabase } from '@/db/client'
import { organizations, patients, sections, staff } from '@/db/schema'
import { almatyToday, loadActor } from '@/lib/auth/load-actor'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { demoPatientList, demoSigningInbox } from './demo-data'

const hourMs = 3_600_000

// Submitted two hours before the seed runs and approved an hour later, so the timeline reads naturally on first start.
export async function seedSigningInbox(sql: Sql, now: Date): Promise<void> {
  const db = createDatabase(sql)
  const overrides = await loadCalendarOverrides(db, now)
  const at = (instant: Date): EngineContext => ({ now: instant, address: null, overrides })
  const submittedAt = new Date(now.getTime() - 2 * hourMs)
  const approvedAt = new Date(now.getTime() - hourMs)

  for (const entry of demoSigningInbox) {
    const person = demoPatientList.find((p) => p.key === entry.patient)
    if (!person) throw new Error(`seedSigningInbox: unknown patient key ${entry.patient}`)
    const [place] = await db
      .select({ clinicId: organizations.id, sectionId: sections.id })
      .from(sections)
      .innerJoin(organizations, eq(organizations.id, sections.organizationId))
      .where(and(eq(organizations.code, entry.organization), eq(sections.number, entry.section)))
    const [patient] = await db.select({ id: patients.id }).from(patients).where(eq(patients.iin, person.iin))
    const [registrar] = await db.select({ id: staff.id }).from(staff).where(eq(staff.login, entry.registrar))
    if (!place || !patient || !registrar)
      throw new Error(`seedSigningInbox: ${entry.patient}: clinic, person or registrar missing`)

    const applicant = await loadActor(db, { kind: 'patient', id: patient.id }, almatyToday(submittedAt), submittedAt)
    const desk = await loadActor(db, { kind: 'staff', id: registrar.id }, almatyToday(approvedAt), approvedAt)
    if (!applicant || !desk) throw new Error(`seedSigningInbox: ${entry.patient}: actors not found`)

    const submitted = await submitRequest(
      db,
      applicant,
      {
        service: 'attachment',
        channel: 'portal',
        idempotencyKey: `demo-seed:signing-inbox:${entry.patient}`,
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
    if (!submitted.ok) throw new Error(`seedSigningInbox: ${entry.patient}: submit refused: ${submitted.code}`)
    const approved = await transitionRequest(
      db,
      desk,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      at(approvedAt),
    )
    if (!approved.ok) throw new Error(`seedSigningInbox: ${entry.patient}: approval refused: ${approved.code}`)
  }
}

import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { organizations, patients, sections, type PatientStatus, type RequestChannel } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { almatyDay, almatyInstant } from '@/lib/calendar'
import { isChild, portalBasisRefusal } from './rules'
import type { AttachmentRequest } from './schema'

type Refusal = { ok: false; code: string; field: string }

// What the rules need to know about a person on a given day.
export async function attachmentFacts(
  db: Database,
  patientId: number,
  today: string,
): Promise<{ status: PatientStatus; birthDate: string; approvedFreeChoicesThisYear: number } | null> {
  const year = Number(today.slice(0, 4))
  const [row] = await db
    .select({
      status: patients.status,
      birthDate: patients.birthDate,
      // Columns are spelled out: drizzle leaves them unqualified in a one-table select.
      approvedFreeChoicesThisYear: sql<number>`(
        select count(*)::int from requests r
        where r.patient_id = "patients"."id" and r.service = 'attachment'
          and r.status in ('approved', 'signed', 'issued') and r.payload->>'basis' = 'free_choice'
          and r.decided_at >= ${almatyInstant(`${year}-01-01`, '00:00').toISOString()}::timestamptz
          and r.decided_at < ${almatyInstant(`${year + 1}-01-01`, '00:00').toISOString()}::timestamptz)`,
    })
    .from(patients)
    .where(eq(patients.id, patientId))
  return row ?? null
}

// The clinic must provide primary care, a chosen section must be its own, and the basis must apply to this person
// today (p.27, p.31); a child is submitted only by a legal representative (p.30 para 3).
export async function validateAttachment(
  db: Database,
  payload: AttachmentRequest,
  context: { actor: Actor; now: Date; channel: RequestChannel },
): Promise<{ ok: true } | Refusal> {
  const [clinic] = await db
    .select({ id: organizations.id, sectionId: sections.id })
    .from(organizations)
    .leftJoin(sections, and(eq(sections.organizationId, organizations.id), eq(sections.id, payload.sectionId ?? 0)))
    .where(and(eq(organizations.id, payload.clinicId), eq(organizations.type, 'primary_care')))
  if (!clinic) return { ok: false, code: 'errors.attachment.clinicRequired', field: 'clinicId' }
  if (payload.sectionId !== null && clinic.sectionId === null) {
    return { ok: false, code: 'errors.attachment.sectionInvalid', field: 'sectionId' }
  }
  const today = almatyDay(context.now)
  const facts = await attachmentFacts(db, payload.patientId, today)
  if (!facts) return { ok: false, code: 'errors.attachment.patientRequired', field: 'patientId' }
  if (context.actor.kind === 'patient' && context.actor.id === payload.patientId && isChild(facts.birthDate, today)) {
    return { ok: false, code: 'errors.attachment.representativeMissing', field: 'patientId' }
  }
  const refusal = portalBasisRefusal(payload.basis, { ...facts, today })
  if (refusal) return { ok: false, code: refusal, field: 'basis' }
  return { ok: true }
}

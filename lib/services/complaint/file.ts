import 'server-only'
import type { Database } from '@/db/client'
import type { ActionResult } from '@/lib/action-result'
import type { PatientActor } from '@/lib/auth/actor'
import { submitRequest, type EngineContext } from '@/lib/requests/engine'
import { getRequestForPatient } from '@/lib/requests/queries'
import { complaintSubjectOf } from './rules'
import type { Complaint } from './schema'

// A patient complains about a decision on their own request (or their child's), or about inaction: no decision past
// its deadline (p.38): the clinic and the patient of the
// complaint are those of the decision, read from the database, never from the form.
export async function fileComplaint(
  db: Database,
  actor: PatientActor,
  input: { requestId: string; text: string; idempotencyKey: string },
  context: EngineContext,
): Promise<ActionResult<{ requestId: string; number: number; replayed: boolean }, string>> {
  const decision = await getRequestForPatient(db, actor, input.requestId)
  if (!decision) return { ok: false, code: 'errors.request.notFound' }
  const about = complaintSubjectOf(decision, context.now)
  if (!about) return { ok: false, code: 'errors.complaint.notDecided' }
  const payload: Complaint = {
    requestId: decision.id,
    text: input.text,
    clinicId: decision.organizationId,
    patientId: decision.patientId,
    about,
  }
  return submitRequest(
    db,
    actor,
    { service: 'complaint', channel: 'portal', idempotencyKey: input.idempotencyKey, payload },
    context,
  )
}

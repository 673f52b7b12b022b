import 'server-only'
import type { Database } from '@/db/client'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import type { PatientActor } from '@/lib/auth/actor'
import type { ErrorCode } from '@/lib/errors/codes'
import { submitRequest, type EngineContext } from '@/lib/requests/engine'
import { decideAutomatically, type AutomaticOutcome } from './automatic'
import { requesterAndCentre } from './queries'
import { variantOfSegment } from './registries'
import { registryCertificateFormSchema } from './schema'

// The patient's request (R·p.3): the centre and the subject's IIN are set here, on the server, then the engine
// accepts it (event, audit row, the receipt with the time the result is due), and the centre's information system
// decides at once what it may (list row 5). A replayed key returns the first request and decides nothing again.
export async function submitRegistryCertificate(
  db: Database,
  actor: PatientActor,
  input: { segment: string; idempotencyKey: string; form: unknown; context: EngineContext },
): Promise<ActionResult<{ requestId: string; number: number; outcome: AutomaticOutcome }, ErrorCode>> {
  const variant = variantOfSegment(input.segment)
  if (!variant) return { ok: false, code: 'errors.request.notAllowed' }
  const parsed = registryCertificateFormSchema.safeParse(input.form)
  if (!parsed.success) return invalidInput(parsed.error)
  const form = parsed.data
  // The engine checks the requester is the actor or a child she represents; the IIN of "about me" is read from the
  // row of the person chosen, never from the form.
  const found = await requesterAndCentre(db, form.patientId, variant.centreType)
  if (found.iin === null)
    return { ok: false, code: 'errors.request.notAllowed', fieldErrors: { patientId: 'errors.request.notAllowed' } }
  if (found.centreId === null) return { ok: false, code: 'errors.registryCertificate.noCentre' }
  const centre = { id: found.centreId }
  const subjectIin = form.about === 'self' ? found.iin : (form.subjectIin ?? '').replace(/\s/g, '')
  const submitted = await submitRequest(
    db,
    actor,
    {
      service: variant.service,
      channel: 'portal',
      idempotencyKey: input.idempotencyKey,
      payload: { centreId: centre.id, patientId: form.patientId, about: form.about, subjectIin },
    },
    input.context,
  )
  if (!submitted.ok) return submitted
  const outcome = submitted.data.replayed ? 'nothing' : await decideAutomatically(db, submitted.data.requestId, input.context.now)
  return { ok: true, data: { requestId: submitted.data.requestId, number: submitted.data.number, outcome } }
}

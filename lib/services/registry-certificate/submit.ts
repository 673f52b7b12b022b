import 'server-only'
import type { Database } from '@/db/client'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import type { PatientActor } from '@/lib/auth/actor'
import type { ErrorCode } from '@/lib/errors/codes'
import { submitRequest, type EngineContext } from '@/lib/requests/engine'
import { decideSoon, type AutomaticOutcome } from './automatic'
import { requesterAndCentre } from './queries'
import { variantOfSegment } from './registries'
import { registryCertificateFormSchema } from './schema'

// The patient's request (R·p.3): the centre and the subject's IIN are set here, on the server, then the engine
// accepts it (event, audit row, the receipt with the time the result is due), and the request is handed to the
// centre's information system, which decides what it may within moments (list row 5: decideSoon), after this answer.
// A replayed key returns the first request and hands nothing over again. `decided` resolves when the handed request
// is decided (tests and the bench wait for it; the action does not).
export async function submitRegistryCertificate(
  db: Database,
  actor: PatientActor,
  input: { segment: string; idempotencyKey: string; form: unknown; context: EngineContext },
): Promise<ActionResult<{ requestId: string; number: number; decided: Promise<AutomaticOutcome> }, ErrorCode>> {
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
  const decided = submitted.data.replayed
    ? Promise.resolve<AutomaticOutcome>('nothing')
    : decideSoon(db, centre.id, submitted.data.requestId, input.context.now)
  return { ok: true, data: { requestId: submitted.data.requestId, number: submitted.data.number, decided } }
}

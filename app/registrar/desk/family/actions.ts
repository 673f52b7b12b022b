'use server'

import { z } from 'zod'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { ageOn, almatyDay } from '@/lib/calendar'
import { formatInstant } from '@/lib/i18n/format'
import { normalizeIin, parseIin } from '@/lib/iin'
import { findPatientForDesk } from '@/lib/patients/queries'
import { clientAddress } from '@/lib/request-context'
import { engineContext } from '@/lib/requests/context'
import { submitEnvelopeSchema } from '@/lib/requests/schemas'
import { submitFamilyAttachment } from '@/lib/services/attachment/family'

const lookupSchema = z.object({ iin: z.string().max(20) })

// A family member added at the desk by full IIN (p.30 para 2); the lookup is audited like the applicant's.
export async function findFamilyMember(input: unknown) {
  const parsed = lookupSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('registrar')
  const iin = normalizeIin(parsed.data.iin)
  const checked = parseIin(iin)
  if (!checked.valid) return { ok: false as const, code: `errors.iin.${checked.reason}` }
  const lookup = await findPatientForDesk(getDb(), actor, iin, await clientAddress())
  if (lookup.state === 'rate_limited')
    return { ok: false as const, code: 'errors.desk.tooManyLookups', params: { time: formatInstant(lookup.until).slice(-5) } }
  if (lookup.state === 'not_found') return { ok: false as const, code: 'errors.family.memberNotFound' }
  const person = lookup.patient
  return {
    ok: true as const,
    data: { id: person.id, iin: person.iin, name: person.name, child: ageOn(person.birthDate, almatyDay(new Date())) < 18 },
  }
}

// The family's application: one request per member in one transaction; the clinic is the registrar's own.
export async function submitDeskFamily(input: unknown) {
  const parsed = submitEnvelopeSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('registrar')
  const application = { ...(parsed.data.payload as Record<string, unknown>), clinicId: String(actor.organizationId) }
  const db = getDb()
  return submitFamilyAttachment(db, actor, { idempotencyKey: parsed.data.idempotencyKey, application }, await engineContext(db))
}

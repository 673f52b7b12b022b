'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'
import { submitEnvelopeSchema } from '@/lib/requests/schemas'
import { submitRegistryCertificate } from '@/lib/services/registry-certificate/submit'

// One action for the three services: the route's segment names the registry.
export async function submitRegistryCertificateRequest(segment: unknown, input: unknown) {
  const parsed = submitEnvelopeSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('patient')
  const db = getDb()
  const result = await submitRegistryCertificate(db, actor, {
    segment: typeof segment === 'string' ? segment : '',
    idempotencyKey: parsed.data.idempotencyKey,
    form: parsed.data.payload,
    context: await engineContext(db),
  })
  if (!result.ok) return result
  kickDelivery()
  // The certificate is decided after this answer (decideSoon); the request's page shows it as soon as it is.
  return { ok: true as const, data: { requestId: result.data.requestId, number: result.data.number } }
}

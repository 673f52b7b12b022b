'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { decideAutomatically } from '@/lib/services/registry-certificate/automatic'
import { answerConsent } from '@/lib/services/registry-certificate/consent'
import { consentAnswerSchema } from '@/lib/services/registry-certificate/schema'

// Rule 13: the person asked about answers on her own pages; the requester's certificate (or refusal) follows at once.
export async function answerConsentAction(input: unknown) {
  const parsed = consentAnswerSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('patient')
  const db = getDb()
  const now = new Date()
  const result = await answerConsent(db, actor, parsed.data, now)
  if (result.ok) {
    await decideAutomatically(db, parsed.data.requestId, now)
    kickDelivery()
    revalidatePath('/patient/consents')
  }
  return result
}

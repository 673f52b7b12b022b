'use server'

import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { decideAutomatically } from '@/lib/services/registry-certificate/automatic'
import { confirmConsentCode } from '@/lib/services/registry-certificate/consent'
import { consentCodeSchema } from '@/lib/services/registry-certificate/schema'

// Rule 14: the requester types the code the person told her; with consent given, the certificate is decided at once.
export async function confirmConsentCodeAction(input: unknown) {
  const parsed = consentCodeSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('patient')
  const db = getDb()
  const now = new Date()
  const result = await confirmConsentCode(db, actor, parsed.data, now)
  if (result.ok) {
    await decideAutomatically(db, parsed.data.requestId, now)
    kickDelivery()
  }
  return result
}

'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'
import { decideAsDoctor } from '@/lib/services/registry-certificate/automatic'
import { doctorDecisionSchema } from '@/lib/services/registry-certificate/schema'

// Issue 16: the centre's doctor decides an uncertain match; the certificate is sealed at once.
export async function decideUncertainMatch(input: unknown) {
  const parsed = doctorDecisionSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('dispensary_doctor')
  const db = getDb()
  const result = await decideAsDoctor(db, actor, parsed.data, await engineContext(db))
  if (result.ok) {
    kickDelivery()
    revalidatePath('/centre/queue')
    revalidatePath(`/centre/requests/${parsed.data.requestId}`)
  }
  return result
}

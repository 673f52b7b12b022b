'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'
import { transitionRequest } from '@/lib/requests/engine'
import { requestVersionSchema } from '@/lib/requests/schemas'

export async function cancelRequest(input: unknown) {
  const parsed = requestVersionSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('patient')
  const db = getDb()
  const result = await transitionRequest(db, actor, { operation: 'cancel', ...parsed.data }, await engineContext(db))
  if (result.ok) {
    kickDelivery()
    revalidatePath(`/patient/requests/${parsed.data.requestId}`)
  }
  return result
}

'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { checkCareStopNotice, recordCareStopNotice } from '@/lib/services/attachment/care-stop/record'
import { careStopSchema } from '@/lib/services/attachment/care-stop/schema'
import { kickDelivery } from '@/lib/jobs/boss'
import { clientAddress } from '@/lib/request-context'

// Issue 15, point 3: before the confirmation, the server checks the notice and names who no SMS can reach.
export async function checkCareStop(input: unknown) {
  const parsed = careStopSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('head')
  return checkCareStopNotice(getDb(), actor, parsed.data, new Date(), await clientAddress())
}

export async function recordCareStop(input: unknown) {
  const parsed = careStopSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('head')
  const result = await recordCareStopNotice(getDb(), actor, parsed.data, new Date(), await clientAddress())
  if (result.ok) {
    kickDelivery()
    revalidatePath('/head/care-stop')
  }
  return result
}

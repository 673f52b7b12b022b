'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { applyAttachmentProtocol } from '@/lib/services/attachment/protocols/apply'
import { protocolSchema } from '@/lib/services/attachment/protocols/schema'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'

export async function applyProtocol(input: unknown) {
  const parsed = protocolSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('chief')
  const db = getDb()
  const result = await applyAttachmentProtocol(db, actor, parsed.data, await engineContext(db))
  if (result.ok) {
    kickDelivery()
    revalidatePath('/chief/protocols')
  }
  return result
}

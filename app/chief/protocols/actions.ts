'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { applyAttachmentProtocol, checkAttachmentProtocol } from '@/lib/services/attachment/protocols/apply'
import { protocolSchema } from '@/lib/services/attachment/protocols/schema'
import { requireActor } from '@/lib/auth/session'
import { kickDelivery } from '@/lib/jobs/boss'
import { engineContext } from '@/lib/requests/context'

// Issue 15, point 3: before the confirmation, every check runs on the server and nothing is applied.
export async function checkProtocol(input: unknown) {
  const parsed = protocolSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('chief')
  const db = getDb()
  return checkAttachmentProtocol(db, actor, parsed.data, await engineContext(db))
}

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

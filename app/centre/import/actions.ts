'use server'

import { z } from 'zod'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { commitImport } from '@/lib/registries/import'
import { clientAddress } from '@/lib/request-context'

const commitSchema = z.object({
  importId: z.uuid('errors.invalidInput'),
  version: z.number().int().positive().max(2_147_483_647),
})

// Issue 16: the confirmation of a checked import: every line at once, or nothing.
export async function commitRegistryImport(input: unknown) {
  const parsed = commitSchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('dispensary_doctor')
  return commitImport(getDb(), actor, parsed.data, { now: new Date(), address: await clientAddress() })
}

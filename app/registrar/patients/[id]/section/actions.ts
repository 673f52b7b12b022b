'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { clientAddress } from '@/lib/request-context'
import { changeAttachmentSection } from '@/lib/services/attachment/correction/section-change'
import { sectionChangeSchema } from '@/lib/services/attachment/correction/schema'

// p.18: the person is moved to another section of the clinic, with a reason the history keeps.
export async function changeSection(input: unknown) {
  const parsed = sectionChangeSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('registrar', 'head', 'chief')
  const result = await changeAttachmentSection(getDb(), actor, parsed.data, { now: new Date(), address: await clientAddress() })
  revalidatePath(`/registrar/patients/${parsed.data.patientId}/section`)
  revalidatePath(`/registrar/patients/${parsed.data.patientId}`)
  return result
}

'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { setNoticeLanguage } from '@/lib/patients/notice-language'
import { clientAddress } from '@/lib/request-context'

export async function saveNoticeLanguage(input: unknown) {
  const actor = await requireActor('patient')
  const result = await setNoticeLanguage(getDb(), actor, input, { address: await clientAddress() })
  if (result.ok) revalidatePath('/patient')
  return result
}

'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { invalidInput } from '@/lib/action-result'
import { requireActor } from '@/lib/auth/session'
import { removeCalendarOverride, saveCalendarOverride } from '@/lib/calendar-admin/overrides'
import { calendarDaySchema, calendarOverrideSchema } from '@/lib/calendar/override-schema'
import { forgetCalendarOverrides } from '@/lib/requests/context'
import { clientAddress } from '@/lib/request-context'

export async function saveOverride(input: unknown) {
  const parsed = calendarOverrideSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const actor = await requireActor('region_admin')
  const result = await saveCalendarOverride(getDb(), actor, parsed.data, await clientAddress())
  forgetCalendarOverrides()
  revalidatePath('/region/calendar')
  return result
}

export async function removeOverride(input: unknown) {
  const parsed = calendarDaySchema.safeParse(input)
  if (!parsed.success) return invalidInput()
  const actor = await requireActor('region_admin')
  const result = await removeCalendarOverride(getDb(), actor, parsed.data.day, await clientAddress())
  forgetCalendarOverrides()
  revalidatePath('/region/calendar')
  return result
}

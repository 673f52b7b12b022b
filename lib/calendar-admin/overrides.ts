import 'server-only'
import { eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { calendarOverrides } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { overrideRefusal } from '@/lib/calendar'

type Override = { day: string; kind: 'day_off' | 'working_day'; note: string }

// Adds the transfer of one day (issue 15): a day already transferred is refused beside the day, and the stored entry
// with its legal basis stays until the administrator removes it; a day outside the calendar's years, or a transfer that
// changes nothing (a Saturday or Sunday made "a day off"), is refused as the form refuses it. The audit row records who.
export async function saveCalendarOverride(
  db: Database,
  actor: StaffActor,
  input: Override,
  address: string | null,
): Promise<ActionResult<{ day: string }, 'errors.request.notAllowed'>> {
  if (!authorize(actor, 'calendar.manage', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  const refusal = overrideRefusal(input)
  if (refusal) return invalidInput({ day: refusal })
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(calendarOverrides)
      .values({ ...input, createdBy: actor.id })
      .onConflictDoNothing({ target: calendarOverrides.day })
      .returning({ day: calendarOverrides.day })
    if (!saved) return invalidInput({ day: 'errors.calendar.dayTaken' })
    await writeAudit(tx, {
      actor,
      action: 'calendar.save',
      organizationId: actor.organizationId,
      entity: 'calendar_override',
      entityId: input.day,
      address,
      details: { kind: input.kind, note: input.note, before: null },
    })
    return { ok: true as const, data: { day: input.day } }
  })
}

export async function removeCalendarOverride(
  db: Database,
  actor: StaffActor,
  day: string,
  address: string | null,
): Promise<ActionResult<{ day: string }, 'errors.request.notAllowed'>> {
  if (!authorize(actor, 'calendar.manage', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  await db.transaction(async (tx) => {
    const removed = await tx.delete(calendarOverrides).where(eq(calendarOverrides.day, day)).returning()
    if (removed.length === 0) return
    await writeAudit(tx, {
      actor,
      action: 'calendar.remove',
      organizationId: actor.organizationId,
      entity: 'calendar_override',
      entityId: day,
      address,
      details: { before: { kind: removed[0]!.kind, note: removed[0]!.note } },
    })
  })
  return { ok: true, data: { day } }
}

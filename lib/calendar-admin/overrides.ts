import 'server-only'
import { eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { calendarOverrides } from '@/db/schema'
import type { ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'

type Override = { day: string; kind: 'day_off' | 'working_day'; note: string }

// Adds (or replaces) the transfer for one day; the audit row records who and what it was before.
export async function saveCalendarOverride(
  db: Database,
  actor: StaffActor,
  input: Override,
  address: string | null,
): Promise<ActionResult<{ day: string }, 'errors.request.notAllowed'>> {
  if (!authorize(actor, 'calendar.manage', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.request.notAllowed' }
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.day, input.day))
    await tx
      .insert(calendarOverrides)
      .values({ ...input, createdBy: actor.id })
      .onConflictDoUpdate({ target: calendarOverrides.day, set: { kind: input.kind, note: input.note, createdBy: actor.id } })
    await writeAudit(tx, {
      actor,
      action: 'calendar.save',
      organizationId: actor.organizationId,
      entity: 'calendar_override',
      entityId: input.day,
      address,
      details: { kind: input.kind, note: input.note, before: before ? { kind: before.kind, note: before.note } : null },
    })
  })
  return { ok: true, data: { day: input.day } }
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

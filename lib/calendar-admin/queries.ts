import 'server-only'
import { asc } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { calendarOverrides } from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'

export type CalendarOverrideDto = { day: string; kind: 'day_off' | 'working_day'; note: string | null }

// Every stored transfer, whatever its year (issue 15: nothing stored is out of sight or out of reach).
export async function listCalendarOverrides(db: Database, actor: StaffActor): Promise<CalendarOverrideDto[]> {
  if (!authorize(actor, 'calendar.read', { organizationId: actor.organizationId })) return []
  return db
    .select({ day: calendarOverrides.day, kind: calendarOverrides.kind, note: calendarOverrides.note })
    .from(calendarOverrides)
    .orderBy(asc(calendarOverrides.day))
}

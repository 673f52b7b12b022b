import 'server-only'
import { asc } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { calendarOverrides } from '@/db/schema'
import type { CalendarOverride } from '@/lib/calendar'
import { clientAddress } from '@/lib/request-context'
import type { EngineContext } from './engine'

let cached: { at: number; overrides: CalendarOverride[] } | null = null
const cacheMs = 60_000

// The yearly transfers of days off change a few times a year: one read a minute per server is plenty.
export async function loadCalendarOverrides(db: Database, now: Date): Promise<CalendarOverride[]> {
  if (cached && now.getTime() - cached.at < cacheMs) return cached.overrides
  const rows = await db
    .select({ day: calendarOverrides.day, kind: calendarOverrides.kind, note: calendarOverrides.note })
    .from(calendarOverrides)
    .orderBy(asc(calendarOverrides.day))
  cached = { at: now.getTime(), overrides: rows.map((row) => ({ day: row.day, kind: row.kind, note: row.note ?? undefined })) }
  return cached.overrides
}

// After an administrator changes the calendar, this server reads it again at once.
export function forgetCalendarOverrides(): void {
  cached = null
}

export async function engineContext(db: Database): Promise<EngineContext> {
  const now = new Date()
  return { now, address: await clientAddress(), overrides: await loadCalendarOverrides(db, now) }
}

import 'server-only'
import { sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'

export type DeskTimeDto = { requests: number; medianMinutes: number | null; overThirtyShare: number | null }

// Standard row 2: serving an applicant at the desk takes at most 30 minutes. Measured for every desk application from
// the moment the registrar opened the form to its submission, over the last 30 days; times over 12 hours (a form
// left open overnight) are not service times and are left out.
export async function deskServiceTime(db: Database, actor: StaffActor, now: Date): Promise<DeskTimeDto> {
  if (!authorize(actor, 'report.read', { organizationId: actor.organizationId }))
    return { requests: 0, medianMinutes: null, overThirtyShare: null }
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString()
  const rows = await db.execute<{ requests: number; median: number | null; over: number | null }>(sql`
    with t as (
      select extract(epoch from (r.submitted_at - (r.payload->'desk'->>'openedAt')::timestamptz)) / 60 as minutes
      from requests r
      where r.organization_id = ${actor.organizationId} and r.channel = 'desk' and r.payload->'desk' ? 'openedAt'
        and r.submitted_at >= ${since}::timestamptz)
    select count(*)::int as requests,
           percentile_cont(0.5) within group (order by minutes)::float8 as median,
           (avg(case when minutes > 30 then 1.0 else 0.0 end))::float8 as over
    from t where minutes between 0 and 720`)
  const row = rows[0]
  return { requests: row?.requests ?? 0, medianMinutes: row?.median ?? null, overThirtyShare: row?.over ?? null }
}

import { sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { Transaction } from '@/lib/requests/contract'
import { almatyInstant } from '@/lib/calendar'
import { canChooseFreely } from './rules'

// p.31(2), reading 5: the free choices that count against the two of a calendar year are the approved attachment
// requests on basis (2) whose decision falls in that year (Asia/Almaty); refused and cancelled ones do not count. The
// one reading of it, used where the form offers the basis, where a request is submitted and where one is approved.
export function freeChoicesDecidedInYearOf(patientId: SQLWrapper, today: string, excludingRequest?: string): SQL<number> {
  const year = Number(today.slice(0, 4))
  return sql<number>`(
    select count(*)::int from requests r
    where r.patient_id = ${patientId} and r.service = 'attachment'
      and r.status in ('approved', 'signed', 'issued') and r.payload->>'basis' = 'free_choice'
      and r.decided_at >= ${almatyInstant(`${year}-01-01`, '00:00').toISOString()}::timestamptz
      and r.decided_at < ${almatyInstant(`${year + 1}-01-01`, '00:00').toISOString()}::timestamptz
      ${excludingRequest ? sql`and r.id <> ${excludingRequest}` : sql``})`
}

// At approval, inside the deciding transaction: several free-choice requests to different clinics may be open at once
// (one per clinic), and approving them all would give a third change in the year. The patient's row is locked first,
// so of two registrars approving at the same moment the second counts the first one's decision once it commits.
export async function freeChoiceLimitReached(tx: Transaction, patientId: number, requestId: string, today: string) {
  // Two statements: a count in the statement that waits for the lock would read the snapshot from before the wait.
  await tx.execute(sql`select 1 from patients where id = ${patientId} for update`)
  const [row] = await tx.execute<{ decided: number }>(
    sql`select ${freeChoicesDecidedInYearOf(sql`${patientId}::bigint`, today, requestId)} as decided`,
  )
  return !canChooseFreely(Number(row?.decided ?? 0))
}

import type postgres from 'postgres'

// The tests' clock runs on fixed days of 2026 and early 2027 (`context.now`), whatever today is: every test database
// has those months' partitions, as a server has its current ones (docs/decisions.md, "Partitions and retention").
export async function ensureTestMonths(sql: postgres.Sql): Promise<void> {
  for (const table of ['audit_log', 'request_events', 'notifications'])
    await sql`select ensure_monthly_partitions(${table}::regclass, '2026-01-01', 24)`
}

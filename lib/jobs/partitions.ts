import { sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { type Day, firstDayOf, type Month, monthsBetween } from '@/lib/calendar'
import { firstMonthKept, partitionedTables, partitionMonths, type PartitionedTable, type RetentionRule } from '@/lib/partitions'

type Executor = Pick<Database, 'execute'>

// Creates the partitions of `table` for `first` through `last` that are missing (ensure_monthly_partitions, migration
// 0015); returns the names created. Safe to run any number of times, by the app's role too.
export async function ensureMonthRange(db: Executor, table: PartitionedTable, first: Month, last: Month): Promise<string[]> {
  const count = monthsBetween(first, last) + 1
  if (count < 1) return []
  const rows = await db.execute<{ name: string }>(
    sql`select ensure_monthly_partitions(${table}::regclass, ${firstDayOf(first)}::date, ${count}::int) as name`,
  )
  return rows.map((row) => row.name)
}

// The partitions job: every partitioned table has its months from the previous one through three ahead of `today`
// (an Almaty day). Run nightly, when the jobs start and when `npm start` has migrated.
export async function ensurePartitions(db: Executor, today: Day): Promise<string[]> {
  const months = partitionMonths(today)
  const created: string[] = []
  for (const table of partitionedTables) {
    created.push(...(await ensureMonthRange(db, table, months[0]!, months.at(-1)!)))
  }
  return created
}

export type PartitionInfo = { name: string; month: Month }

export async function listPartitions(db: Executor, table: PartitionedTable): Promise<PartitionInfo[]> {
  const rows = await db.execute<{ name: string }>(sql`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${table}::regclass order by c.relname`)
  return rows.map((row) => ({ name: row.name, month: row.name.slice(-7).replace('_', '-') }))
}

export type RetirementPlan = { table: PartitionedTable; rule: RetentionRule; before: Month; partitions: PartitionInfo[] }

// What retention would retire on `today` under `rules` (lib/partitions `retention`, passed on purpose).
export async function planRetirement(
  db: Executor,
  today: Day,
  rules: Record<PartitionedTable, RetentionRule>,
): Promise<RetirementPlan[]> {
  const plans: RetirementPlan[] = []
  for (const table of partitionedTables) {
    const rule = rules[table]
    const before = firstMonthKept(today, rule.keepMonths)
    const partitions = (await listPartitions(db, table)).filter((partition) => partition.month < before)
    plans.push({ table, rule, before, partitions })
  }
  return plans
}

// Retires what the plan lists: audit and history detached whole into schema archive (never a row deleted or changed),
// the outbox's old months dropped. The owner's connection only; one transaction per table.
export async function retirePartitions(db: Database, plans: RetirementPlan[]): Promise<string[]> {
  const retired: string[] = []
  for (const plan of plans) {
    if (plan.partitions.length === 0) continue
    const rows = await db.transaction((tx) =>
      tx.execute<{ name: string }>(sql`
        select retire_monthly_partitions(${plan.table}::regclass, ${firstDayOf(plan.before)}::date, ${plan.rule.then}) as name`),
    )
    retired.push(...rows.map((row) => row.name))
  }
  return retired
}

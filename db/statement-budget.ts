import { sql } from 'drizzle-orm'
import type { Database, Transaction } from './client'

// How long one statement may run, by kind (docs/scaling.md, "Statement budgets"). The pool's own limit
// (`statementTimeoutMs`, set on every connection of db/client.ts) bounds everything else, so a runaway statement frees
// its connection instead of holding one of the pool's ten. A search or a list page is what a person waits for at the
// desk: it gets a short budget, and past it an answer asking to refine the search; an export streams the register a
// thousand rows at a time, each fetch within its budget.
export const statementBudgets = { search: 2_000, page: 3_000, export: 30_000 } as const
export type StatementBudget = keyof typeof statementBudgets | { ms: number }
export const statementTimeoutMs = 10_000

export type Budgeted<T> = { state: 'done'; value: T } | { state: 'refine' }

// PostgreSQL's query_canceled (57014): statement_timeout ran out (or the statement was cancelled), through drizzle's
// wrapping.
export function isStatementTimeout(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'code' in current && current.code === '57014') return true
    current = typeof current === 'object' && 'cause' in current ? current.cause : null
  }
  return false
}

export function budgetMs(budget: StatementBudget): number {
  return typeof budget === 'object' ? budget.ms : statementBudgets[budget]
}

// Runs `read` in a transaction whose statements may each take at most the budget (SET LOCAL: the
// connection goes back to the pool with its own limit). A statement past it rolls the transaction back and the caller
// gets `refine`, never a half answer.
export async function withinBudget<T>(
  db: Database,
  budget: StatementBudget,
  read: (tx: Transaction) => Promise<T>,
): Promise<Budgeted<T>> {
  try {
    const value = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${String(budgetMs(budget))}, true)`)
      return read(tx)
    })
    return { state: 'done', value }
  } catch (error) {
    if (isStatementTimeout(error)) return { state: 'refine' }
    throw error
  }
}

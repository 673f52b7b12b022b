import { and, eq, gte, isNull, or, type SQL } from 'drizzle-orm'
import type { Sql } from '@/db/client'
import { attachments } from '@/db/schema'
import { hasAttachmentLapsed } from './rules/insurance'

// The one reading of "the attachment in force on `today`": active, and not past its last day (p.29 para 2: an
// insurance attachment ends with the contract), even before the nightly job has marked it ended.
export function isAttachmentInForce(attachment: { status: string; validTo: string | null }, today: string): boolean {
  return attachment.status === 'active' && !hasAttachmentLapsed(attachment.validTo, today)
}

// The same as a condition on `attachments` or an alias of it (`alias(attachments, 'a')` in a hand-written query).
export function attachmentInForce(today: string, table: typeof attachments = attachments): SQL {
  return and(eq(table.status, 'active'), or(isNull(table.validTo), gte(table.validTo, today)))!
}

// The same in a query written for postgres.js directly (a streamed export), on the attachments aliased `alias`.
export function attachmentInForceRows(sql: Sql, alias: string, today: string) {
  const table = sql(alias)
  return sql`${table}.status = 'active' and (${table}.valid_to is null or ${table}.valid_to >= ${today}::date)`
}

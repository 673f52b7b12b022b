import { and, eq, gte, isNull, or, type SQL } from 'drizzle-orm'
import { attachments } from '@/db/schema'

// The attachment in force on `today`: active, and not past its last day (p.29 para 2: an insurance attachment ends
// with the contract), even before the nightly job has marked it ended.
export function attachmentInForce(today: string): SQL {
  return and(eq(attachments.status, 'active'), or(isNull(attachments.validTo), gte(attachments.validTo, today)))!
}

// Which monthly partitions exist and for how long (docs/decisions.md, "Partitions and retention"). Pure: the day is an
// argument; the database work is lib/jobs/partitions.ts.
import { addMonths, type Day, type Month, monthOf } from '@/lib/calendar'

export const partitionedTables = ['audit_log', 'request_events', 'notifications'] as const
export type PartitionedTable = (typeof partitionedTables)[number]

// Created ahead of the month they are for: a job run that fails (a lock not obtained, a server down over a weekend) is
// made good by any later run within three months.
export const monthsAhead = 3

/**
 * The months whose partitions must exist on `today` (an Almaty day): the previous month, for a write stamped just
 * before midnight on the 1st and for the seed's requests two hours back on a new database, through `ahead` months
 * after the current one. Consecutive, oldest first.
 */
export function partitionMonths(today: Day, ahead: number = monthsAhead): Month[] {
  if (!Number.isInteger(ahead) || ahead < 0) throw new RangeError(`Not a number of months ahead: ${ahead}`)
  const current = monthOf(today)
  return Array.from({ length: ahead + 2 }, (_, index) => addMonths(current, index - 1))
}

export type RetentionRule = {
  /** Full months a month's rows stay in the table after that month has ended. */
  keepMonths: number
  /** What happens then: `detach` moves the month out whole (schema archive), `drop` deletes it. */
  then: 'detach' | 'drop'
}

// The periods and their legal basis (a reading: the acts are not among the sources in ../shared/regulations) are in
// docs/decisions.md, "Partitions and retention".
export const retention = {
  // Who read or changed a person's record, and when: five years, beyond the Civil Code's general limitation period of
  // three years (art. 178) within which an access can be challenged; then moved out and exported, never edited.
  audit_log: { keepMonths: 60, then: 'detach' },
  // A request's history, kept as long as the access trail it goes with.
  request_events: { keepMonths: 60, then: 'detach' },
  // The outbox is not a record (the decision is in requests, request_events, documents and audit_log): SMS texts hold
  // names, phone numbers and expired sign-in codes, kept a year for complaints about a notice, then dropped.
  notifications: { keepMonths: 12, then: 'drop' },
} as const satisfies Record<PartitionedTable, RetentionRule>

/**
 * The first month kept on `today` under a rule of `keepMonths`: months before it have been over for at least
 * `keepMonths` full months and are retired.
 */
export function firstMonthKept(today: Day, keepMonths: number): Month {
  if (!Number.isInteger(keepMonths) || keepMonths < 1) throw new RangeError(`Not a retention in months: ${keepMonths}`)
  return addMonths(monthOf(today), -keepMonths)
}

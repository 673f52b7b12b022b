import { sql } from 'drizzle-orm'
import { bigint, check, date, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { staff } from './people'

// The government's yearly transfers of days off (Labour Code art. 85(3)): data an administrator adds.
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    kind: text('kind').$type<'day_off' | 'working_day'>().notNull(),
    note: text('note'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_overrides_kind_check', sql`${t.kind} in ('day_off', 'working_day')`)],
)

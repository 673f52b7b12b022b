import type { RequestChannel } from '@/db/schema'
import type { Limit } from '@/lib/calendar'

// Rules of attachment p.25 and the standard, rows 2 and 6: through the portal the service is given on the day of the
// application (after hours, on days off: the next working day); at the desk within 1 working day.
export function attachmentDeadline(channel: RequestChannel): Limit {
  return channel === 'portal' ? { workingDays: 0 } : { workingDays: 1 }
}

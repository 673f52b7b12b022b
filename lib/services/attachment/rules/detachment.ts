import type { DetachmentReason } from '@/db/schema/registration'

export type DetachmentDayRefusal = 'errors.detachment.dayInFuture' | 'errors.detachment.dayBeforeAttachment'

// The day a person was detached (died, left the country, was attached elsewhere) has happened (not after `today`), and
// falls within the attachment it ends (not before the day it began: the attachment would end before it started).
export function detachmentDayRefusal(
  detachedOn: string,
  attachment: { validFrom: string },
  today: string,
): DetachmentDayRefusal | null {
  if (detachedOn > today) return 'errors.detachment.dayInFuture'
  if (detachedOn < attachment.validFrom) return 'errors.detachment.dayBeforeAttachment'
  return null
}

// A person recorded as dead starts no new request and is attached nowhere again; one who left the country or was
// attached elsewhere may come back and apply as anyone else.
export function endsEveryAttachment(reason: DetachmentReason): boolean {
  return reason === 'death'
}

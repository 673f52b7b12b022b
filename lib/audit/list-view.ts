import { createHash } from 'node:crypto'
import type { StaffActor } from '@/lib/auth/actor'
import { writeAudit, type AuditExecutor } from './index'
import { digestOfShown, ListViewMemory } from './list-view-memory'

// The lists of people staff open, each audited as `<list>.view` (docs/decisions.md, "Audit of lists").
export type ListName =
  | 'queue'
  | 'patientSearch'
  // Issue 15: the desk's search beyond the clinic (people attached elsewhere or nowhere).
  | 'patientSearchBeyond'
  | 'register'
  | 'signingInbox'
  | 'sectionPatients'
  | 'overdue'
  | 'complaintBoard'
  | 'careStopFailures'
  | 'writtenNotices'
  // Issue 15: who no SMS can reach, shown on the confirmation of a protocol or a care-stop notice.
  | 'withoutPhoneCheck'
  // Issue 16: a registry centre's list of its records of dynamic observation, and a CSV import's preview.
  | 'dispensaryRegistry'
  | 'dispensaryImport'

// Where and when a list was opened: the page passes `clientAddress()` and the time it renders.
export type ListView = { address: string | null; now: Date }

export type ListViewEntry = ListView & {
  list: ListName
  // The filter as applied (service, status, section, the search text…) and the page or limit.
  filter: Record<string, unknown>
  page?: Record<string, unknown>
  // The ids of the rows shown (requests, patients or documents, as the list shows them).
  shown: readonly (string | number)[]
}

const memory = new ListViewMemory()

// One row per view, after the read: actor, clinic, address, filter, page, count and a digest of the ids shown. A view
// equal to the same actor's last audited one of the same list, filter and address within 10 minutes is not written again.
export async function auditListView(db: AuditExecutor, actor: StaffActor, entry: ListViewEntry): Promise<void> {
  const digest = digestOfShown(entry.shown)
  const page = entry.page ?? null
  // Hashed so the memory holds no search text; the address is part of it, so a second machine is a second view.
  const key = createHash('sha256')
    .update(JSON.stringify([actor.kind, actor.id, actor.organizationId, entry.address, entry.list, entry.filter, page]))
    .digest('base64')
  if (memory.isRepeat(key, digest, entry.now)) return
  await writeAudit(db, {
    actor,
    action: `${entry.list}.view`,
    organizationId: actor.organizationId,
    address: entry.address,
    details: { filter: entry.filter, page, count: entry.shown.length, digest },
  })
  memory.remember(key, digest, entry.now)
}

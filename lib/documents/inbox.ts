import 'server-only'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patientFullName } from '@/db/names'
import { documents, patients, requests } from '@/db/schema'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { documentKindOf } from '@/lib/services'
import { isDocumentKind, type DocumentKind } from './kinds'

export type InboxDocument = {
  id: string
  kind: DocumentKind
  number: string
  version: number
  snapshotHash: string
  patientName: string
  patientIin: string
  requestId: string | null
  requestNumber: string | null
  dueAt: Date | null
  createdAt: Date
  // Signed on behalf of the clinic (standard row 4): NCALayer is asked for an organization key.
  onBehalfOfClinic: boolean
}

export const inboxLimit = 200

// What waits for this staff member's signature, oldest deadline first (the request's answer is due then); documents
// with no request come after, oldest first. Each view is audited (one row).
export async function listDocumentsAwaitingSignature(db: Database, actor: StaffActor, view: ListView): Promise<InboxDocument[]> {
  if (!authorize(actor, 'document.sign', { organizationId: actor.organizationId })) return []
  const rows = await db
    .select({
      id: documents.id,
      kind: documents.kind,
      number: documents.number,
      version: documents.version,
      snapshotHash: documents.snapshotHash,
      patientName: patientFullName,
      patientIin: patients.iin,
      requestId: documents.requestId,
      requestNumber: sql<string | null>`${requests.number}::text`,
      dueAt: requests.dueAt,
      createdAt: documents.createdAt,
    })
    .from(documents)
    .innerJoin(patients, eq(patients.id, documents.patientId))
    .leftJoin(requests, eq(requests.id, documents.requestId))
    .where(
      and(
        eq(documents.signerId, actor.id),
        eq(documents.organizationId, actor.organizationId),
        eq(documents.status, 'awaiting_signature'),
      ),
    )
    .orderBy(
      sql`${requests.dueAt} asc nulls last`,
      asc(documents.createdAt),
      sql`length(${documents.number}), ${documents.number}`,
      asc(documents.id),
    )
    .limit(inboxLimit)
  const shown = rows.flatMap((row) =>
    isDocumentKind(row.kind)
      ? [{ ...row, kind: row.kind, onBehalfOfClinic: documentKindOf(row.kind)?.signedOnBehalfOfClinic ?? false }]
      : [],
  )
  await auditListView(db, actor, {
    ...view,
    list: 'signingInbox',
    // The documents awaiting the actor's own signature: nothing to choose.
    filter: {},
    page: { limit: inboxLimit },
    shown: shown.map((row) => row.id),
  })
  return shown
}

import { asc, eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { documents, staff } from '@/db/schema'
import { applySignatures } from '@/lib/documents/lifecycle'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { signHashesWithDemoPki } from '@/lib/signing/demo-pki'
import { verifyDocumentSignature } from '@/lib/signing/verify'
import { submitAttachment, type TestClinic } from './factories'

type Patient = Parameters<typeof submitAttachment>[1]
type DocumentRow = typeof documents.$inferSelect

// A patient's attachment request approved by the clinic's registrar: its notice (to be signed by the section's doctor)
// and its 064/e coupon (by the registrar) await their signatures.
export async function approvedAttachment(db: Database, clinic: TestClinic, patient: Patient, context: EngineContext) {
  const submitted = await submitAttachment(db, patient, { clinic, sectionIndex: 0 }, context)
  if (!submitted.ok) throw new Error(submitted.code)
  const requestId = submitted.data.requestId
  const approved = await transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId, version: 1 }, context)
  if (!approved.ok) throw new Error(approved.code)
  const rows = await db.select().from(documents).where(eq(documents.requestId, requestId)).orderBy(asc(documents.kind))
  return {
    requestId,
    notice: rows.find((row) => row.kind === 'attachment_notice')!,
    coupon: rows.find((row) => row.kind === 'coupon_064e')!,
  }
}

// The document signed by its named signer with the demo PKI (PIN 123456, DEMO_SIGNING_PIN's default) and issued.
export async function signWithDemoPki(db: Database, document: DocumentRow, signedAt: Date): Promise<void> {
  const [signer] = await db.select({ iin: staff.iin }).from(staff).where(eq(staff.id, document.signerId!))
  const signed = await signHashesWithDemoPki(
    db,
    { staffId: document.signerId!, pin: '123456', snapshotHashes: [document.snapshotHash] },
    signedAt,
  )
  if (!signed.ok) throw new Error(signed.error)
  const signature = signed.signatures[0]!
  const check = await verifyDocumentSignature(
    { signature, snapshotHash: document.snapshotHash, expectedSignerIin: signer!.iin },
    db,
    { now: signedAt },
  )
  const applied = await db.transaction((tx) =>
    applySignatures(tx, document.signerId!, [{ documentId: document.id, signature }], [check], { now: signedAt }),
  )
  if (!applied.ok) throw new Error(applied.code)
}

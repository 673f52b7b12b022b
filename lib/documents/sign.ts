import 'server-only'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { documents, staff } from '@/db/schema'
import type { ActionResult } from '@/lib/action-result'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { signHashesWithDemoPki, type DemoSigningError } from '@/lib/signing/demo-pki'
import type { SignatureCheck } from '@/lib/signing/types'
import { verifyDocumentSignature } from '@/lib/signing/verify'
import { expectedSignerOf } from './clinic-signature'
import { applySignatures, type DocumentCode } from './lifecycle'

export type SignCode = DocumentCode | DemoSigningError
export type SignResult = ActionResult<{ signed: number }, SignCode> & { documentId?: string }

type Context = { now: Date; address: string | null }

// The documents to sign, in the order asked, each this signer's and still awaiting a signature. Checked before the
// PIN is spent, so a stale inbox does not cost a PIN attempt.
async function documentsToSign(db: Database, actor: StaffActor, ids: readonly string[]) {
  const rows = await db
    .select({
      id: documents.id,
      kind: documents.kind,
      snapshotHash: documents.snapshotHash,
      clinic: sql<unknown>`${documents.snapshot} -> 'clinic'`,
      signerId: documents.signerId,
      status: documents.status,
    })
    .from(documents)
    .where(and(inArray(documents.id, [...ids]), eq(documents.organizationId, actor.organizationId)))
  const byId = new Map(rows.map((row) => [row.id, row]))
  const ordered = []
  for (const id of ids) {
    const row = byId.get(id)
    if (!row) return { ok: false as const, code: 'errors.document.notFound' as const, documentId: id }
    if (row.signerId !== actor.id) return { ok: false as const, code: 'errors.document.notSigner' as const, documentId: id }
    if (row.status !== 'awaiting_signature')
      return { ok: false as const, code: 'errors.document.notAwaitingSignature' as const, documentId: id }
    ordered.push(row)
  }
  return { ok: true as const, rows: ordered }
}

async function signerOf(db: Database, actor: StaffActor): Promise<{ iin: string | null; system: boolean } | null> {
  const [row] = await db.select({ iin: staff.iin, system: staff.system }).from(staff).where(eq(staff.id, actor.id))
  return row ?? null
}

// Every signature is checked as /verify/<code> will check it (chain, validity, the signer is this staff member, and
// for a document signed on behalf of the clinic, the clinic's BIN) before anything is stored; then the batch is
// issued all or nothing.
async function verifyAndApply(
  db: Database,
  actor: StaffActor,
  items: { documentId: string; signature: string; snapshotHash: string; kind: string; clinic: unknown }[],
  context: Context,
): Promise<SignResult> {
  const signer = await signerOf(db, actor)
  // An information system's row signs only with its organization's seal (lib/documents/seal.ts), never here.
  if (!signer || signer.system) return { ok: false, code: 'errors.document.notAllowed' }
  const checks: SignatureCheck[] = await Promise.all(
    items.map((item) =>
      verifyDocumentSignature(
        {
          signature: item.signature,
          snapshotHash: item.snapshotHash,
          ...expectedSignerOf(item.kind, { clinic: item.clinic }, signer),
        },
        db,
        { now: context.now },
      ),
    ),
  )
  const result = await db.transaction((tx) =>
    applySignatures(
      tx,
      actor.id,
      items.map(({ documentId, signature }) => ({ documentId, signature })),
      checks,
      context,
    ),
  )
  return result.ok ? { ok: true, data: { signed: result.data.issued.length } } : result
}

// Signs a batch with the built-in demo PKI: one PIN entry opens the staff member's key once for all of them.
export async function signWithDemoPki(
  db: Database,
  actor: StaffActor,
  input: { documentIds: string[]; pin: string },
  context: Context,
): Promise<SignResult> {
  if (!authorize(actor, 'document.sign', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.document.notAllowed' }
  const found = await documentsToSign(db, actor, input.documentIds)
  if (!found.ok) return found
  const signed = await signHashesWithDemoPki(
    db,
    { staffId: actor.id, pin: input.pin, snapshotHashes: found.rows.map((row) => row.snapshotHash) },
    context.now,
  )
  if (!signed.ok) return { ok: false, code: signed.error, fieldErrors: { pin: signed.error } }
  return verifyAndApply(
    db,
    actor,
    found.rows.map((row, index) => ({
      documentId: row.id,
      snapshotHash: row.snapshotHash,
      kind: row.kind,
      clinic: row.clinic,
      signature: signed.signatures[index]!,
    })),
    context,
  )
}

// Signatures NCALayer made in the signer's browser, over the snapshot hashes the inbox gave it.
export async function submitExternalSignatures(
  db: Database,
  actor: StaffActor,
  items: { documentId: string; signature: string }[],
  context: Context,
): Promise<SignResult> {
  if (!authorize(actor, 'document.sign', { organizationId: actor.organizationId }))
    return { ok: false, code: 'errors.document.notAllowed' }
  const found = await documentsToSign(
    db,
    actor,
    items.map((item) => item.documentId),
  )
  if (!found.ok) return found
  return verifyAndApply(
    db,
    actor,
    found.rows.map((row, index) => ({
      documentId: row.id,
      snapshotHash: row.snapshotHash,
      kind: row.kind,
      clinic: row.clinic,
      signature: items[index]!.signature,
    })),
    context,
  )
}

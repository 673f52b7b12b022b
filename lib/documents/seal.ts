import 'server-only'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { documents } from '@/db/schema'
import type { ActionResult } from '@/lib/action-result'
import type { SigningConfig } from '@/lib/signing/config'
import { openOrganizationSeal } from '@/lib/signing/demo-pki'
import type { SignatureCheck } from '@/lib/signing/types'
import { verifyDocumentSignature } from '@/lib/signing/verify'
import { expectedSignerOf } from './clinic-signature'
import { applySignatures } from './lifecycle'
import type { SignCode } from './sign'

export type SealResult = ActionResult<
  { issued: { documentId: string; requestId: string | null; number: string }[] },
  SignCode
> & {
  documentId?: string
}

// At most this many documents are sealed per call; a caller with more calls again (each call is idempotent).
export const sealBatchLimit = 200

// Signs, with its organization's seal, the documents waiting for an information system's staff row (staff.system,
// issue 16): a certificate a registry centre issues automatically, round the clock, nobody signing (List row 5). The
// same lifecycle as a person's signature (applySignatures): each signature is checked as /verify will check it, then
// the documents are signed and issued, and the patient is told. Called after the deciding transaction commits;
// `documentIds` narrows it to one decision's documents. Idempotent: a document already signed, by this call or a
// parallel one (the second waits on the row lock, then finds it issued), is not signed again. Only documents whose
// signer is this row are touched, and only a system row's seal opens, so the seal never signs for a person.
export async function signWithOrganizationSeal(
  db: Database,
  input: { staffId: number; documentIds?: readonly string[]; now: Date },
  overrides: Partial<SigningConfig> = {},
): Promise<SealResult> {
  if (input.documentIds?.length === 0) return { ok: true, data: { issued: [] } }
  const pending = await db
    .select({
      id: documents.id,
      kind: documents.kind,
      snapshotHash: documents.snapshotHash,
      clinic: sql<unknown>`${documents.snapshot} -> 'clinic'`,
    })
    .from(documents)
    .where(
      and(
        eq(documents.signerId, input.staffId),
        eq(documents.status, 'awaiting_signature'),
        input.documentIds ? inArray(documents.id, [...input.documentIds]) : undefined,
      ),
    )
    .orderBy(asc(documents.createdAt), asc(documents.id))
    .limit(sealBatchLimit)
  if (pending.length === 0) return { ok: true, data: { issued: [] } }

  const opened = await openOrganizationSeal(db, { staffId: input.staffId }, input.now, overrides)
  if (!opened.ok) return { ok: false, code: opened.error }
  // The first signature for each expected signer (a kind and the BIN it must carry) is checked in full, as /verify
  // will check it: the structure, the chain to a trusted root, the seal naming the organization. The others of the
  // batch come from the same key and certificate: each one's value is checked under the certificate's key over its
  // own signed attributes (signConfirmed), and takes the first one's verdict on the rest.
  const signed: { documentId: string; signature: string; check: SignatureCheck }[] = []
  const firstChecks = new Map<string, SignatureCheck>()
  for (const document of pending) {
    const expected = expectedSignerOf(document.kind, { clinic: document.clinic }, { iin: null, system: true })
    const key = JSON.stringify(expected)
    const first = firstChecks.get(key)
    if (!first) {
      const signature = await opened.session.sign(document.snapshotHash, input.now)
      const check = await verifyDocumentSignature({ signature, snapshotHash: document.snapshotHash, ...expected }, db, {
        ...overrides,
        now: input.now,
      })
      firstChecks.set(key, check)
      signed.push({ documentId: document.id, signature, check })
      continue
    }
    const { signature, confirmed } = await opened.session.signConfirmed(document.snapshotHash, input.now)
    // The same signing time as the first: its verdict (with the signer and the time read from it) stands for this one.
    const check: SignatureCheck = confirmed ? first : { status: 'invalid', reason: 'signature' }
    signed.push({ documentId: document.id, signature, check })
  }

  // The documents are locked and read again in the transaction: one a parallel call issued meanwhile is left out.
  return db.transaction((tx) =>
    applySignatures(
      tx,
      input.staffId,
      signed.map(({ documentId, signature }) => ({ documentId, signature })),
      signed.map((item) => item.check),
      { now: input.now, address: null, onlyOpen: true },
    ),
  )
}

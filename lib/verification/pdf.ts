import 'server-only'
import { createHash } from 'node:crypto'
import type { Database } from '@/db/client'
import type { DocumentKind } from '@/lib/documents/kinds'
import { renderStoredDocument } from '@/lib/documents/queries'
import { documentValidity, lookUpCode } from './lookup'
import { readVerificationCode } from './pdf-upload'
import { snapshotFacts } from './verdict'

export type PdfVerification =
  // `validThrough`/`expired`: the kind's validity on the day of the check (null: the kind sets none).
  | {
      outcome: 'match'
      messageKey: 'verify.pdf.match'
      code: string
      kind: DocumentKind
      number: string
      revoked: boolean
      validThrough: string | null
      expired: boolean
    }
  | { outcome: 'differs'; messageKey: 'verify.pdf.differs'; code: string; kind: DocumentKind; number: string }
  // Issue 15: printed before its signature. Still unsigned, or signed since (the print is then an old copy).
  | { outcome: 'unsigned'; messageKey: 'verify.pdf.unsigned'; code: string; kind: DocumentKind; number: string }
  | { outcome: 'unsigned_copy'; messageKey: 'verify.pdf.unsignedCopy'; code: string; kind: DocumentKind; number: string }
  | { outcome: 'no_code'; messageKey: 'verify.pdf.noCode' }
  | { outcome: 'rate_limited'; messageKey: 'verify.rateLimited'; until: Date }

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

// Whether an uploaded PDF is, byte for byte, the signed document its metadata names: the stored document is rendered
// again with its accepted signature, exactly as the download routes render it, and the two digests compared. A code
// no document has counts against the address like a wrong typed code, and reads as "no code".
export async function verifyUploadedPdf(
  db: Database,
  bytes: Uint8Array,
  address: string | null,
  now: Date,
): Promise<PdfVerification> {
  const code = await readVerificationCode(bytes)
  if (!code) return { outcome: 'no_code', messageKey: 'verify.pdf.noCode' }
  const lookup = await lookUpCode(db, code, address, now)
  if (lookup.state === 'rate_limited') return { outcome: 'rate_limited', messageKey: 'verify.rateLimited', until: lookup.until }
  if (lookup.state === 'not_found') return { outcome: 'no_code', messageKey: 'verify.pdf.noCode' }
  const { row } = lookup
  const uploaded = sha256(bytes)
  const document = { code: row.verificationCode, kind: row.kind, number: row.number }
  const signed = row.signedAt !== null && row.signerCertificate !== null
  if (signed && sha256((await renderStoredDocument(row)).bytes) === uploaded) {
    const validity = documentValidity(row, snapshotFacts(row.snapshot).issuedOn, now)
    return {
      outcome: 'match',
      messageKey: 'verify.pdf.match',
      ...document,
      revoked: row.status === 'revoked',
      validThrough: validity?.validThrough ?? null,
      expired: validity?.expired ?? false,
    }
  }
  if (sha256((await renderStoredDocument(row, 'unsigned')).bytes) === uploaded)
    return signed
      ? { outcome: 'unsigned_copy', messageKey: 'verify.pdf.unsignedCopy', ...document }
      : { outcome: 'unsigned', messageKey: 'verify.pdf.unsigned', ...document }
  return { outcome: 'differs', messageKey: 'verify.pdf.differs', ...document }
}

import { z } from 'zod'

const documentId = z.uuid('errors.document.notFound')
const version = z.number().int().nonnegative()
const reason = z
  .string({ error: 'errors.document.reasonRequired' })
  .trim()
  .min(5, 'errors.document.reasonRequired')
  .max(2000, 'errors.document.reasonTooLong')

// The head or chief physician revokes an issued document, and says why (shown on /verify/<code>).
export const revokeDocumentSchema = z.object({ documentId, version, reason })
export type RevokeDocumentInput = z.input<typeof revokeDocumentSchema>

// A signer sends a document back to the registrar instead of signing it, and says why.
export const refuseToSignSchema = z.object({ documentId, version, reason })
export type RefuseToSignInput = z.input<typeof refuseToSignSchema>

// A registrar makes a corrected document from the request's current data; the old one stays in the history.
export const supersedeDocumentSchema = z.object({ documentId, version })
export type SupersedeDocumentInput = z.input<typeof supersedeDocumentSchema>

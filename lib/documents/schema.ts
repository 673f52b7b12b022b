import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'

const documentId = z.uuid('errors.document.notFound')
// `version` is an integer column: a larger number would fail the statement instead of finding the row stale.
const version = z.number().int().nonnegative().max(2_147_483_647)
const reason = plainText({
  min: 5,
  max: 2000,
  multiline: true,
  messages: { required: 'errors.document.reasonRequired', tooLong: 'errors.document.reasonTooLong' },
})

// The head or chief physician revokes an issued document, and says why (shown on /verify/<code>).
export const revokeDocumentSchema = z.object({ documentId, version, reason })
export type RevokeDocumentInput = z.input<typeof revokeDocumentSchema>

// A signer sends a document back to the registrar instead of signing it, and says why.
export const refuseToSignSchema = z.object({ documentId, version, reason })
export type RefuseToSignInput = z.input<typeof refuseToSignSchema>

// A registrar makes a corrected document from the request's current data; the old one stays in the history.
export const supersedeDocumentSchema = z.object({ documentId, version })
export type SupersedeDocumentInput = z.input<typeof supersedeDocumentSchema>

// A batch signed with the demo PKI: the documents ticked in the inbox and one PIN entry for all of them.
export const signDocumentsSchema = z.object({
  documentIds: z.array(documentId).min(1, 'errors.signing.nothingSelected').max(100, 'errors.signing.tooMany'),
  pin: z
    .string({ error: 'errors.signing.pinRequired' })
    .trim()
    .min(1, 'errors.signing.pinRequired')
    .regex(/^\d{4,12}$/, 'errors.signing.pinFormat'),
})
export type SignDocumentsInput = z.input<typeof signDocumentsSchema>

// Signatures made in the signer's browser by NCALayer (base64 CMS, one per document, in the inbox's order).
export const submitSignaturesSchema = z.object({
  items: z
    .array(z.object({ documentId, signature: z.string().min(1).max(64_000) }))
    .min(1, 'errors.signing.nothingSelected')
    .max(100, 'errors.signing.tooMany'),
})
export type SubmitSignaturesInput = z.input<typeof submitSignaturesSchema>

import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'

const requestId = z.uuid('errors.request.notFound')
// `version` is an integer column: a larger number would fail the statement instead of finding the row stale.
const version = z.number().int().nonnegative().max(2_147_483_647)

export const submitEnvelopeSchema = z.object({ idempotencyKey: z.uuid('errors.request.duplicateKey'), payload: z.unknown() })

export const requestVersionSchema = z.object({ requestId, version })
export type RequestVersionInput = z.input<typeof requestVersionSchema>

// An approval, with what the person approving chose for each request of the decision (a family's members at most):
// small by construction, so that a forged body cannot grow the stored payload.
export const approvalSchema = requestVersionSchema.extend({
  details: z
    .record(z.uuid(), z.record(z.string().max(40), z.string().max(40)))
    .refine((details) => Object.keys(details).length <= 20 && Object.values(details).every((d) => Object.keys(d).length <= 5))
    .optional(),
  // What the approval says to the applicant, where the service asks for it (a complaint's answer, p.38).
  note: plainText({ max: 2000, multiline: true, messages: { tooLong: 'errors.request.reasonTooLong' } }).optional(),
})

// A refusal names its ground and a reason written by the registrar (standard row 8; p.24, p.25: a reasoned refusal).
export const refusalSchema = z.object({
  requestId,
  version,
  ground: z.string({ error: 'errors.request.refusalGroundUnknown' }).min(1, 'errors.request.refusalGroundUnknown'),
  reason: plainText({
    min: 10,
    max: 2000,
    multiline: true,
    messages: { required: 'errors.request.reasonRequired', tooLong: 'errors.request.reasonTooLong' },
  }),
})
export type RefusalInput = z.input<typeof refusalSchema>

// A correction after a signer returned a document: the request and document as the registrar saw them, and the facts
// the service lets be corrected (ServiceDefinition.correction), parsed by the service's own schema in the engine.
export const correctionEnvelopeSchema = z.object({
  requestId,
  version,
  documentId: z.uuid('errors.document.notFound'),
  documentVersion: version,
  facts: z.record(z.string().max(40), z.unknown()).refine((facts) => Object.keys(facts).length <= 20),
})
export type CorrectionEnvelope = z.input<typeof correctionEnvelopeSchema>

import { z } from 'zod'

const requestId = z.uuid('errors.request.notFound')
const version = z.number().int().nonnegative()

export const submitEnvelopeSchema = z.object({ idempotencyKey: z.uuid('errors.request.duplicateKey'), payload: z.unknown() })

export const requestVersionSchema = z.object({ requestId, version })
export type RequestVersionInput = z.input<typeof requestVersionSchema>

// A refusal names its ground and a reason written by the registrar (standard row 8; p.24, p.25: a reasoned refusal).
export const refusalSchema = z.object({
  requestId,
  version,
  ground: z.string({ error: 'errors.request.refusalGroundUnknown' }).min(1, 'errors.request.refusalGroundUnknown'),
  reason: z
    .string({ error: 'errors.request.reasonRequired' })
    .trim()
    .min(10, 'errors.request.reasonRequired')
    .max(2000, 'errors.request.reasonTooLong'),
})
export type RefusalInput = z.input<typeof refusalSchema>

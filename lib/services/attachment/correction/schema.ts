import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'
import { attachmentRequestSchema, deskDetailsSchema, insuranceContractSchema } from '../schema'

// What a registrar corrects of an attachment request after its notice or coupon came back from the signer: the
// facts those documents were made from, checked field by field by the submission's own rules. The details of the
// basis are those an application taken at the desk records (the document presented, the insurance contract), and are
// sent only for such a request. The form and the action share this schema.
export const attachmentCorrectionSchema = z.object({
  address: attachmentRequestSchema.shape.address,
  addressKind: attachmentRequestSchema.shape.addressKind,
  sectionId: attachmentRequestSchema.shape.sectionId,
  documentNumber: deskDetailsSchema.shape.documentNumber.optional(),
  documentIssuer: deskDetailsSchema.shape.documentIssuer.optional(),
  insuranceNumber: insuranceContractSchema.shape.number.optional(),
  insurer: insuranceContractSchema.shape.insurer.optional(),
})

export type AttachmentCorrectionInput = z.input<typeof attachmentCorrectionSchema>
export type AttachmentCorrection = z.output<typeof attachmentCorrectionSchema>

// A section changed inside the clinic on an attachment in force (p.18), with the reason the history keeps.
export const sectionChangeSchema = z.object({
  patientId: z.number({ error: 'errors.invalidInput' }).int().positive().max(Number.MAX_SAFE_INTEGER),
  version: z.number({ error: 'errors.invalidInput' }).int().positive().max(2_147_483_647),
  // The select's string, or the number the browser's copy of this schema made of it.
  sectionId: z.union(
    [
      z.number({ error: 'errors.attachment.sectionRequired' }).int().positive().max(Number.MAX_SAFE_INTEGER),
      z
        .string({ error: 'errors.attachment.sectionRequired' })
        .regex(/^[1-9][0-9]{0,14}$/, 'errors.attachment.sectionRequired')
        .transform(Number),
    ],
    { error: 'errors.attachment.sectionRequired' },
  ),
  reason: plainText({
    min: 5,
    max: 500,
    messages: {
      required: 'errors.attachment.sectionChangeReasonRequired',
      tooLong: 'errors.attachment.sectionChangeReasonTooLong',
    },
  }),
})

export type SectionChangeInput = z.input<typeof sectionChangeSchema>

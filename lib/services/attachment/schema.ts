import { z } from 'zod'

// Rules of attachment p.27: through the patient's own pages (as on eGov) a person attaches on bases
// p.31(1) residence, (2) free choice, (3) campaign, (5) disagreement with the regional commission.
export const portalAttachmentBases = ['residence_change', 'free_choice', 'campaign', 'commission_disagreement'] as const

const id = (required: string) =>
  z
    .string({ error: required })
    .regex(/^[1-9][0-9]{0,14}$/, required)
    .transform(Number)

// One schema for the form and the action. Values arrive as the form's strings.
export const attachmentRequestSchema = z.object({
  patientId: id('errors.attachment.patientRequired'),
  clinicId: id('errors.attachment.clinicRequired'),
  sectionId: z
    .string()
    .regex(/^([1-9][0-9]{0,14})?$/, 'errors.attachment.sectionInvalid')
    .transform((value) => (value === '' ? null : Number(value))),
  address: z
    .string({ error: 'errors.attachment.addressRequired' })
    .trim()
    .min(5, 'errors.attachment.addressRequired')
    .max(300, 'errors.attachment.addressTooLong'),
  basis: z.enum(portalAttachmentBases, { error: 'errors.attachment.basisRequired' }),
})

export type AttachmentRequestInput = z.input<typeof attachmentRequestSchema>
export type AttachmentRequest = z.output<typeof attachmentRequestSchema>

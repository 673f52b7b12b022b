import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'

// An id as a form sends it (a string) or as the request stores it (a number).
const id = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/)
    .transform(Number),
])

export const certificateRequestSchema = z.object({
  patientId: id,
  clinicId: id,
  // Where the person will present the certificate (an employer, a school).
  purpose: plainText({
    min: 3,
    max: 200,
    messages: {
      required: 'errors.testAttachmentCertificate.purposeRequired',
      tooLong: 'errors.testAttachmentCertificate.purposeTooLong',
    },
  }),
})
export type CertificateRequest = z.output<typeof certificateRequestSchema>

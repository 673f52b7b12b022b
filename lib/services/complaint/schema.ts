import { z } from 'zod'

// What the patient writes (Rules of attachment p.38-40): the decision complained about and the complaint itself.
export const complaintFormSchema = z.object({
  requestId: z.uuid('errors.request.notFound'),
  text: z
    .string({ error: 'errors.complaint.textRequired' })
    .trim()
    .min(20, 'errors.complaint.textRequired')
    .max(4000, 'errors.complaint.textTooLong'),
})
export type ComplaintFormInput = z.input<typeof complaintFormSchema>

// The request the engine stores: the clinic and the patient are copied from the decision complained about, on the server.
export const complaintSchema = complaintFormSchema.extend({
  clinicId: z.number().int().positive(),
  patientId: z.number().int().positive(),
})
export type Complaint = z.output<typeof complaintSchema>

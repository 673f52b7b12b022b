import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'
import { complaintOutcomes, complaintSubjects } from './rules'

// What the patient writes (Rules of attachment p.38-40): the decision complained about and the complaint itself.
export const complaintFormSchema = z.object({
  requestId: z.uuid('errors.request.notFound'),
  text: plainText({
    min: 20,
    max: 4000,
    multiline: true,
    messages: { required: 'errors.complaint.textRequired', tooLong: 'errors.complaint.textTooLong' },
  }),
})
export type ComplaintFormInput = z.input<typeof complaintFormSchema>

// The request the engine stores: the clinic and the patient are copied from the decision complained about, on the server.
export const complaintSchema = complaintFormSchema.extend({
  clinicId: z.number().int().positive(),
  patientId: z.number().int().positive(),
  // p.38: a decision, or inaction (no decision past the deadline); complaints filed before the choice were about decisions.
  about: z.enum(complaintSubjects).default('decision'),
})
export type Complaint = z.output<typeof complaintSchema>

// p.39-40: what the quality-control body answered about a forwarded complaint, as the head records it on arrival.
export const qualityControlOutcomes = ['upheld', 'partly_upheld', 'rejected'] as const
// The request event that records the quality-control body's answer (p.39-40).
export const qualityControlAnswerEvent = 'quality_control_answer'

export type QualityControlOutcome = (typeof qualityControlOutcomes)[number]
export const isQualityControlOutcome = (value: unknown): value is QualityControlOutcome =>
  qualityControlOutcomes.some((outcome) => outcome === value)

// The form's part; the action adds the form's idempotency key.
export const qualityControlAnswerFormSchema = z.object({
  requestId: z.uuid('errors.request.notFound'),
  outcome: z.enum(qualityControlOutcomes, { error: 'errors.complaint.outcomeRequired' }),
  text: plainText({
    min: 5,
    max: 2000,
    multiline: true,
    messages: { required: 'errors.complaint.answerTextRequired', tooLong: 'errors.complaint.answerTextTooLong' },
  }),
})
export const qualityControlAnswerSchema = qualityControlAnswerFormSchema.extend({
  idempotencyKey: z.uuid('errors.request.duplicateKey'),
})
export type QualityControlAnswerInput = z.input<typeof qualityControlAnswerSchema>
export type QualityControlAnswer = z.output<typeof qualityControlAnswerSchema>

// p.38-40: the head's decision on a complaint: its outcome and the answer the patient reads, whatever the outcome.
export const complaintDecisionSchema = z.object({
  requestId: z.uuid('errors.request.notFound'),
  // `version` is an integer column (lib/requests/schemas.ts).
  version: z.number().int().nonnegative().max(2_147_483_647),
  outcome: z.enum(complaintOutcomes, { error: 'errors.complaint.decisionOutcomeRequired' }),
  answer: plainText({
    min: 10,
    max: 2000,
    multiline: true,
    messages: { required: 'errors.complaint.decisionAnswerRequired', tooLong: 'errors.complaint.answerTextTooLong' },
  }),
})
export type ComplaintDecisionInput = z.input<typeof complaintDecisionSchema>

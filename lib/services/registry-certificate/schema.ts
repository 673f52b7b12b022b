import { z } from 'zod'
import { iinSchema } from '@/lib/iin/schema'

// List row 9, rule 3: the request is the electronic request alone: whom it is about, nothing to upload, no name typed
// (rule 4: identity data come from the state's records, never from what the requester types).
export const certificateSubjects = ['self', 'other'] as const
export type CertificateSubject = (typeof certificateSubjects)[number]

export const registryCertificateFormSchema = z
  .object({
    // Who asks and receives the certificate: the person signed in, or a child they represent.
    patientId: z.coerce
      .number({ error: 'errors.registryCertificate.patientRequired' })
      .int('errors.registryCertificate.patientRequired')
      .positive('errors.registryCertificate.patientRequired'),
    about: z.enum(certificateSubjects, { error: 'errors.registryCertificate.aboutRequired' }),
    // R·p.4: another person, by their IIN (reading B5: the IIN identifies the subject).
    subjectIin: z.string().max(64, 'errors.iin.length').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.about !== 'other') return
    const parsed = iinSchema.safeParse(value.subjectIin ?? '')
    if (!parsed.success)
      ctx.addIssue({ code: 'custom', path: ['subjectIin'], message: parsed.error.issues[0]?.message ?? 'errors.iin.required' })
  })
export type RegistryCertificateFormInput = z.input<typeof registryCertificateFormSchema>

// Rules 10-11: the answer the registry gives, as the approval stores it in the payload (the document prints it).
export const registryResults = ['registered', 'not_registered'] as const
export type RegistryResult = (typeof registryResults)[number]

// What the engine stores: the centre and the subject's IIN are set on the server (the region's centre of the
// registry; the requester's own IIN for a request about oneself); the result is added by the approval.
export const registryCertificateSchema = z.object({
  centreId: z.number().int().positive(),
  patientId: z.number().int().positive(),
  about: z.enum(certificateSubjects),
  subjectIin: z.string().regex(/^\d{12}$/, 'errors.iin.length'),
  result: z.enum(registryResults).optional(),
  // 'registry': matched automatically; 'doctor': an uncertain match the centre's doctor decided.
  decidedBy: z.enum(['registry', 'doctor']).optional(),
})
export type RegistryCertificate = z.output<typeof registryCertificateSchema>

// Rule 14: the code the person told the requester, typed on the request's page.
export const consentCodeSchema = z.object({
  requestId: z.uuid('errors.request.notFound'),
  code: z
    .string({ error: 'errors.registryCertificate.codeRequired' })
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'errors.registryCertificate.codeRequired')),
})
export type ConsentCodeInput = z.input<typeof consentCodeSchema>

// Rule 13: the person's answer on her own pages.
export const consentAnswerSchema = z.object({
  requestId: z.uuid('errors.request.notFound'),
  answer: z.enum(['give', 'refuse'], { error: 'errors.request.notFound' }),
})

// The centre's doctor decides an uncertain match: the result she found, for the request and version she saw.
export const doctorDecisionSchema = z.object({
  requestId: z.uuid('errors.request.notFound'),
  version: z.number().int().nonnegative().max(2_147_483_647),
  result: z.enum(registryResults, { error: 'errors.registryCertificate.resultRequired' }),
})
export type DoctorDecisionInput = z.input<typeof doctorDecisionSchema>

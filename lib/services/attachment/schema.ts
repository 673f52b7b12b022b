import { z } from 'zod'
import { calendarDay } from '@/lib/calendar/day-schema'
import { plainText } from '@/lib/text/text-schema'
import { addressKinds } from './rules/address'
import { documentFitsCategory } from './rules/documents'

// Rules of attachment p.27: through the patient's own pages (as on eGov) a person attaches on bases
// p.31(1) residence, (2) free choice, (3) campaign, (5) disagreement with the regional commission.
export const portalAttachmentBases = ['residence_change', 'free_choice', 'campaign', 'commission_disagreement'] as const

// Bases a registrar can use at the desk: those of the portal, and the insurance contract (p.28-30).
export const deskAttachmentBases = [...portalAttachmentBases, 'insurance_contract'] as const

// p.23: who applies in person, by a written application to the chief physician.
export const deskCategories = [
  'pensioner',
  'disability',
  'disabled_child_representative',
  'convict',
  'conscript',
  'born_abroad_child_representative',
  'institution_resident_representative',
  'insurance_contract',
  'student_under_18',
  'madrasa_student_representative',
] as const

// What the registrar records of the documents presented (standard row 7); no copies or scans are made or kept.
export const presentedDocumentKinds = [
  'identity_card',
  'passport',
  'birth_certificate',
  'pension_certificate',
  'mse_extract',
  'court_decision',
  'commission_protocol',
  'military_order',
  'health_authority_decision',
  'insurance_contract',
  'power_of_attorney',
  'representative_application',
] as const

// An identity document as the registrar records it (no copy is kept): the person's own under an insurance contract
// (p.28: the foreign passport), the legal representative's for a child or a ward (p.30 para 3).
export const identityDocumentKinds = [
  'identity_card',
  'passport',
  'foreign_passport',
  'residence_permit',
  'stateless_certificate',
] as const

export const identityDocumentSchema = z.object({
  kind: z.enum(identityDocumentKinds, { error: 'errors.desk.identityKindRequired' }),
  number: plainText({
    min: 1,
    max: 50,
    messages: { required: 'errors.desk.identityNumberRequired', tooLong: 'errors.desk.numberTooLong' },
  }),
})

// p.2(4), p.9 para 2, p.30 para 3: what proves that the applicant represents the person: parents the child's birth
// certificate, adoptive parents the court's decision, a guardian or trustee the guardianship authority's decision,
// foster carers the agreement, an organization caring for the child (or a ward in a medical-social institution) its act.
export const representationDocumentKinds = [
  'birth_certificate',
  'adoption_decision',
  'guardianship_decision',
  'trusteeship_decision',
  'foster_agreement',
  'organization_act',
] as const

export const representationSchema = z.object({
  documentKind: z.enum(representationDocumentKinds, { error: 'errors.desk.representation.documentKindRequired' }),
  documentNumber: plainText({
    min: 1,
    max: 50,
    messages: {
      required: 'errors.desk.representation.documentNumberRequired',
      tooLong: 'errors.desk.numberTooLong',
    },
  }),
  documentIssuer: plainText({
    min: 2,
    max: 200,
    messages: {
      required: 'errors.desk.representation.documentIssuerRequired',
      tooLong: 'errors.desk.issuerTooLong',
    },
  }),
  // An empty day asks for it; a day that is not one, or out of range, says so (rules/representative.ts).
  documentIssuedOn: z
    .string({ error: 'errors.desk.representation.issuedOnRequired' })
    .min(1, 'errors.desk.representation.issuedOnRequired')
    .pipe(calendarDay('errors.desk.representation.issuedOnInvalid')),
  // The representative's own identity document presented (p.30 para 3).
  identity: identityDocumentSchema,
})

// p.6, p.28: the contract an insured foreigner attaches under: voluntary (ЕМС) or imposed (ЖМС, Code art.201-1 p.1).
export const insuranceContractKinds = ['voluntary', 'imposed'] as const

// What the registrar records of the contract presented (p.28); the term decides how long the attachment lasts (p.29).
export const insuranceContractSchema = z
  .object({
    kind: z.enum(insuranceContractKinds, { error: 'errors.insurance.kindRequired' }),
    number: plainText({
      min: 1,
      max: 50,
      messages: { required: 'errors.insurance.numberRequired', tooLong: 'errors.desk.numberTooLong' },
    }),
    insurer: plainText({
      min: 2,
      max: 200,
      messages: { required: 'errors.insurance.insurerRequired', tooLong: 'errors.desk.issuerTooLong' },
    }),
    startsOn: calendarDay('errors.insurance.startsOnInvalid'),
    endsOn: calendarDay('errors.insurance.endsOnInvalid'),
    // p.27 para 2, p.30 para 1: the insurer may apply on the insured person's behalf.
    byInsurer: z.boolean().optional(),
  })
  .refine((contract) => !(contract.startsOn && contract.endsOn) || contract.endsOn > contract.startsOn, {
    path: ['endsOn'],
    message: 'errors.insurance.endsBeforeStart',
  })

export const deskDetailsSchema = z
  .object({
    // 'family': a member of a family attached together (p.30 para 2); only the family application uses it.
    category: z.enum([...deskCategories, 'family'], { error: 'errors.desk.categoryRequired' }),
    documentKind: z.enum(presentedDocumentKinds, { error: 'errors.desk.documentKindRequired' }),
    documentNumber: plainText({
      min: 1,
      max: 50,
      messages: { required: 'errors.desk.documentNumberRequired', tooLong: 'errors.desk.numberTooLong' },
    }),
    documentIssuer: plainText({
      min: 2,
      max: 200,
      messages: { required: 'errors.desk.documentIssuerRequired', tooLong: 'errors.desk.issuerTooLong' },
    }),
    // p.24: the phone comes from the citizens' mobile database; typed by hand only with the applicant's consent.
    phone: z
      .string()
      .trim()
      .regex(/^(\+7[0-9]{10})?$/, 'errors.desk.phoneFormat'),
    phoneConsent: z.boolean(),
    // p.30 para 3: a child is attached only with the legal representative's identity recorded.
    representativeIin: plainText({ max: 32, messages: { tooLong: 'errors.iin.length' } }).optional(),
    // Standard row 2: service at the desk takes at most 30 minutes, measured from opening the application form.
    openedAt: z.iso.datetime().optional(),
    // Only with the insurance basis (p.28-30).
    insurance: insuranceContractSchema.optional(),
    // p.28: the identity document presented with the contract (a foreigner's passport); required with that basis.
    identity: identityDocumentSchema.optional(),
    // p.30 para 3: for a child, or a person under guardianship or trusteeship, applied for by a legal representative.
    representation: representationSchema.optional(),
  })
  .refine((details) => details.phone === '' || details.phoneConsent, {
    path: ['phoneConsent'],
    message: 'errors.desk.phoneConsentRequired',
  })
  // p.23, standard row 7: the document presented must be one that proves the category.
  .refine((details) => documentFitsCategory(details.category, details.documentKind), {
    path: ['documentKind'],
    message: 'errors.desk.documentDoesNotFitCategory',
  })

// A row's id as the form sends it (a select's string) or as the schema gave it back (a number), so that what the
// schema returns parses again (the engine and its hooks parse a stored payload once more).
// Every branch carries the field's message: the form's resolver shows the closest branch's, not the union's.
const id = (message: string) =>
  z
    .union(
      [
        z.number({ error: message }),
        z
          .string({ error: message })
          .regex(/^[1-9][0-9]{0,14}$/, message)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number({ error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message))

// One schema for the form and the action. Values arrive as the form's strings; its output parses again.
export const attachmentRequestSchema = z.object({
  patientId: id('errors.attachment.patientRequired'),
  clinicId: id('errors.attachment.clinicRequired'),
  // Any section: an empty choice.
  sectionId: z.union(
    [
      z.null({ error: 'errors.attachment.sectionInvalid' }),
      z.literal('', { error: 'errors.attachment.sectionInvalid' }).transform(() => null),
      id('errors.attachment.sectionInvalid'),
    ],
    { error: 'errors.attachment.sectionInvalid' },
  ),
  address: plainText({
    min: 5,
    max: 300,
    messages: { required: 'errors.attachment.addressRequired', tooLong: 'errors.attachment.addressTooLong' },
  }),
  // p.9, p.12: the address above is the actual place of residence or the registered one.
  addressKind: z.enum(addressKinds, { error: 'errors.attachment.addressKindRequired' }).default('actual'),
  // p.12: a pregnant woman is attached at her actual place of residence.
  pregnant: z.boolean().optional(),
  basis: z.enum(deskAttachmentBases, { error: 'errors.attachment.basisRequired' }),
  // p.9: for a newborn, the day of discharge from the maternity ward (the attachment is due within 3 days of it).
  dischargedOn: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'errors.attachment.dischargedOnInvalid')
    .optional(),
  // Only for a request taken at the desk.
  desk: deskDetailsSchema.optional(),
})

export type AttachmentRequestInput = z.input<typeof attachmentRequestSchema>
export type AttachmentRequest = z.output<typeof attachmentRequestSchema>

import { z } from 'zod'
import { attachmentRequestSchema, deskDetailsSchema, type AttachmentRequestInput } from './schema'

// Rules of attachment p.30 para 2: a family is attached on the written consent of one of its members, with the
// identity document of each member. The registrar records the consent and each member's document (kind, number,
// issuer; no copies); one request per member is created as one request group, and the group is decided together.
export const familyCategory = 'family' as const
export const familyMembersMax = 12

const request = attachmentRequestSchema.shape
const desk = deskDetailsSchema.shape

export const familyMemberSchema = z.object({
  patientId: request.patientId,
  sectionId: request.sectionId,
  documentKind: desk.documentKind,
  documentNumber: desk.documentNumber,
  documentIssuer: desk.documentIssuer,
  // p.30 para 3: a child is attached only with the legal representative's identity recorded.
  representativeIin: desk.representativeIin,
})

// One schema for the family form and its action. The first member is the one who gives the written consent.
export const familyApplicationSchema = z
  .object({
    clinicId: request.clinicId,
    address: request.address,
    basis: request.basis,
    writtenConsent: z
      .boolean({ error: 'errors.family.consentRequired' })
      .refine((given) => given, 'errors.family.consentRequired'),
    members: z
      .array(familyMemberSchema, { error: 'errors.family.membersRequired' })
      .min(2, 'errors.family.membersRequired')
      .max(familyMembersMax, 'errors.family.tooMany'),
    openedAt: desk.openedAt,
  })
  .superRefine((application, context) => {
    const seen = new Set<number>()
    application.members.forEach((member, index) => {
      if (seen.has(member.patientId))
        context.addIssue({ code: 'custom', path: ['members', index, 'patientId'], message: 'errors.family.memberTwice' })
      seen.add(member.patientId)
    })
  })

export type FamilyApplicationInput = z.input<typeof familyApplicationSchema>
export type FamilyApplication = z.output<typeof familyApplicationSchema>
export type FamilyMemberInput = z.input<typeof familyMemberSchema>

// One attachment request per member, in the shape the single desk form sends (the service's schema checks it again).
export function memberRequestInput(application: FamilyApplication, index: number): AttachmentRequestInput {
  const member = application.members[index]!
  return {
    patientId: String(member.patientId),
    clinicId: String(application.clinicId),
    sectionId: member.sectionId === null ? '' : String(member.sectionId),
    address: application.address,
    basis: application.basis,
    desk: {
      category: familyCategory,
      documentKind: member.documentKind,
      documentNumber: member.documentNumber,
      documentIssuer: member.documentIssuer,
      phone: '',
      phoneConsent: false,
      representativeIin: member.representativeIin ?? '',
      openedAt: application.openedAt,
    },
  }
}

// A field of one member's request (e.g. 'desk.documentNumber') as the family form names it; a rule that fails for the
// member as a whole (the basis, the open request) stands on the member's row.
export function memberField(index: number, requestField: string | undefined): string {
  const own: Record<string, string> = {
    sectionId: 'sectionId',
    'desk.documentKind': 'documentKind',
    'desk.documentNumber': 'documentNumber',
    'desk.documentIssuer': 'documentIssuer',
    'desk.representativeIin': 'representativeIin',
  }
  return `members.${index}.${(requestField && own[requestField]) ?? 'patientId'}`
}

import { describe, expect, it } from 'vitest'
import { memberIdempotencyKey, noticeCandidates } from '@/lib/requests/group'
import { familyApplicationSchema, memberField, memberRequestInput } from '@/lib/services/attachment/family-schema'
import { attachmentRequestSchema } from '@/lib/services/attachment/schema'

const member = (patientId: string, extra: Record<string, string> = {}) => ({
  patientId,
  sectionId: '',
  documentKind: 'identity_card',
  documentNumber: `0456123${patientId}`,
  documentIssuer: 'ҚР ІІМ',
  ...extra,
})

const form = (overrides: Record<string, unknown> = {}) => ({
  clinicId: '7',
  address: 'Ақтау қ., 3 шағын аудан, 18 үй',
  basis: 'residence_change',
  writtenConsent: true,
  members: [member('11'), member('12', { sectionId: '4', documentKind: 'birth_certificate', representativeIin: '920314400015' })],
  ...overrides,
})

describe('Attachment rules p.30 para 2: the family application', () => {
  it('p.30: one attachment request per member, in the single desk form’s shape, with the member’s own document', () => {
    const application = familyApplicationSchema.parse(form())
    const child = attachmentRequestSchema.parse(memberRequestInput(application, 1))
    expect(child).toMatchObject({
      patientId: 12,
      clinicId: 7,
      sectionId: 4,
      basis: 'residence_change',
      desk: {
        category: 'family',
        documentKind: 'birth_certificate',
        documentNumber: '045612312',
        representativeIin: '920314400015',
      },
    })
    expect(attachmentRequestSchema.parse(memberRequestInput(application, 0))).toMatchObject({ patientId: 11, sectionId: null })
  })

  it.each([
    {
      label: 'no written consent',
      input: form({ writtenConsent: false }),
      field: 'writtenConsent',
      key: 'errors.family.consentRequired',
    },
    {
      label: 'a family of one',
      input: form({ members: [member('11')] }),
      field: 'members',
      key: 'errors.family.membersRequired',
    },
    {
      label: 'the same person twice',
      input: form({ members: [member('11'), member('12'), member('11')] }),
      field: 'members.2.patientId',
      key: 'errors.family.memberTwice',
    },
    {
      label: 'a member without the document number',
      input: form({ members: [member('11'), member('12', { documentNumber: ' ' })] }),
      field: 'members.1.documentNumber',
      key: 'errors.desk.documentNumberRequired',
    },
  ])('p.30: $label is refused at the field', ({ input, field, key }) => {
    const result = familyApplicationSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.find((issue) => issue.path.join('.') === field)?.message).toBe(key)
  })

  it('p.30: a member’s failed rule stands on that member’s row', () => {
    expect(memberField(2, 'desk.representativeIin')).toBe('members.2.representativeIin')
    expect(memberField(1, 'basis')).toBe('members.1.patientId')
    expect(memberField(0, undefined)).toBe('members.0.patientId')
  })

  it('p.30: each member’s request has its own idempotency key derived from the form’s', () => {
    const key = '4f5b0c52-4a53-4d5e-8f0e-1c2d3e4f5a6b'
    expect(new Set([0, 1, 2].map((index) => memberIdempotencyKey(key, index))).size).toBe(3)
    expect(memberIdempotencyKey(key, 0)).toBe(memberIdempotencyKey(key, 0))
  })

  it('p.30: a member’s notice goes to the member, then to the member who consented; a request outside a family has no link', () => {
    // The group's applicant (request_groups.applicant_patient_id) is the member who consented.
    const applicant = 11
    expect(noticeCandidates(12, applicant)).toEqual([12, 11])
    expect(noticeCandidates(11, applicant)).toEqual([11])
    expect(noticeCandidates(12, null)).toEqual([12])
  })
})

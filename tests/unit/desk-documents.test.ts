import { describe, expect, it } from 'vitest'
import { documentFitsCategory, documentsProvingCategory } from '@/lib/services/attachment/rules/documents'
import { deskCategories, deskDetailsSchema, presentedDocumentKinds, representationSchema } from '@/lib/services/attachment/schema'

describe('Attachment rules p.23, standard row 7: the document presented proves the category', () => {
  it.each([
    {
      label: 'p.23(1), row 7(2): a pensioner shows the pensioner’s certificate',
      category: 'pensioner',
      fits: ['pension_certificate'],
    },
    {
      label: 'p.23(2), row 7(3): a person with a disability shows the pensioner’s certificate or the MSE act extract',
      category: 'disability',
      fits: ['pension_certificate', 'mse_extract'],
    },
    {
      label: 'p.23(3), row 7(4): a disabled child’s representative shows the court decision, or a parent the birth certificate',
      category: 'disabled_child_representative',
      fits: ['court_decision', 'birth_certificate'],
    },
    { label: 'p.23(4), row 7(5): a convict shows the commission’s protocol', category: 'convict', fits: ['commission_protocol'] },
    {
      label: 'p.23(5), row 7(6): a conscript shows the commander’s order extract',
      category: 'conscript',
      fits: ['military_order'],
    },
    {
      label: 'p.23(6), row 7(9): a child born abroad: the birth certificate naming the foreign place',
      category: 'born_abroad_child_representative',
      fits: ['birth_certificate'],
    },
    {
      label: 'p.23(7), row 7(10): a ward’s representative shows the local health authority’s decision',
      category: 'institution_resident_representative',
      fits: ['health_authority_decision'],
    },
    {
      label: 'p.23(8), p.28, row 7(11): insurance: the contract, or the power of attorney',
      category: 'insurance_contract',
      fits: ['insurance_contract', 'power_of_attorney'],
    },
    {
      label: 'p.23(9), row 7(8): a student under 18 from another city: the institution–clinic commission protocol',
      category: 'student_under_18',
      fits: ['commission_protocol'],
    },
    {
      label: 'row 7(7), p.11: a madrasa student under 18: the legal representatives’ official application',
      category: 'madrasa_student_representative',
      fits: ['representative_application'],
    },
  ] as const)('$label', ({ category, fits }) => {
    const fitting = presentedDocumentKinds.filter((kind) => documentFitsCategory(category, kind))
    expect(fitting.sort()).toEqual([...fits].sort())
  })

  it('every category has a rule; an identity document alone proves none (p.21: identity comes from state systems)', () => {
    expect(Object.keys(documentsProvingCategory).sort()).toEqual([...deskCategories].sort())
    for (const category of deskCategories) {
      expect(documentFitsCategory(category, 'identity_card')).toBe(false)
      expect(documentFitsCategory(category, 'passport')).toBe(false)
    }
  })

  const details = { documentNumber: '045612378', documentIssuer: 'ҚР ІІМ', phone: '', phoneConsent: false }

  it.each([
    {
      label: 'p.23(4): a convict with a pensioner’s certificate is refused at the field',
      category: 'convict',
      kind: 'pension_certificate',
    },
    {
      label: 'p.23(1): a pensioner with only the identity card is refused at the field',
      category: 'pensioner',
      kind: 'identity_card',
    },
    {
      label: 'p.23(9): a student with only the power of attorney is refused at the field',
      category: 'student_under_18',
      kind: 'power_of_attorney',
    },
  ])('$label', ({ category, kind }) => {
    const parsed = deskDetailsSchema.safeParse({ ...details, category, documentKind: kind })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['documentKind'], message: 'errors.desk.documentDoesNotFitCategory' }),
    ])
  })

  it('p.23(4): a convict with the commission protocol passes the form’s schema', () => {
    expect(deskDetailsSchema.safeParse({ ...details, category: 'convict', documentKind: 'commission_protocol' }).success).toBe(
      true,
    )
  })
})

describe('The desk form says what is wrong with a document field: missing, or too long', () => {
  const details = {
    category: 'pensioner',
    documentKind: 'pension_certificate',
    documentNumber: '045612378',
    documentIssuer: 'ҚР ІІМ',
    phone: '',
    phoneConsent: false,
  }
  const issues = (input: Record<string, unknown>) =>
    Object.fromEntries(
      (deskDetailsSchema.safeParse({ ...details, ...input }).error?.issues ?? []).map((issue) => [
        issue.path.join('.'),
        issue.message,
      ]),
    )
  it('an empty number asks for it; a number of 51 characters or an issuer of 201 says how long it may be', () => {
    expect(issues({ documentNumber: '' })).toEqual({ documentNumber: 'errors.desk.documentNumberRequired' })
    expect(issues({ documentNumber: '7'.repeat(51), documentIssuer: 'Ә'.repeat(201) })).toEqual({
      documentNumber: 'errors.desk.numberTooLong',
      documentIssuer: 'errors.desk.issuerTooLong',
    })
    expect(issues({ documentNumber: '7'.repeat(50), documentIssuer: 'Ә'.repeat(200) })).toEqual({})
  })
})

describe('p.30 para 3: the day of the document proving the representation', () => {
  const representation = {
    documentKind: 'birth_certificate',
    documentNumber: 'I-МҚ 0456123',
    documentIssuer: 'АХАЖ бөлімі',
    documentIssuedOn: '2016-02-10',
    identity: { kind: 'identity_card', number: '045612378' },
  }
  const messageOf = (documentIssuedOn: string) =>
    representationSchema.safeParse({ ...representation, documentIssuedOn }).error?.issues[0]?.message ?? null
  it('empty asks for it; a day that does not exist says so; a real day passes', () => {
    expect(messageOf('')).toBe('errors.desk.representation.issuedOnRequired')
    expect(messageOf('2016-02-30')).toBe('errors.desk.representation.issuedOnInvalid')
    expect(messageOf('2016-02-10')).toBeNull()
  })
})

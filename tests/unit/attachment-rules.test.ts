import { describe, expect, it } from 'vitest'
import {
  applicablePortalBases,
  deskBasisRefusal,
  campaignEffectiveDay,
  campaignStart,
  canChooseFreely,
  isCampaignOpen,
  isChild,
  isNewbornLate,
  mayDisagreeWithPlacement,
  newbornAttachmentDeadline,
  newbornLateDays,
  portalBasisRefusal,
} from '@/lib/services/attachment/rules'
import { makeIin } from '@/lib/iin'
import {
  representationDocumentRefusal,
  representativeRefusal,
  representativeRoleOn,
} from '@/lib/services/attachment/rules/representative'

describe('Attachment rules p.31(2), reading 5: free choice twice per calendar year', () => {
  it.each([
    { label: 'first change in March', changes: 0, allowed: true },
    { label: 'second change in June', changes: 1, allowed: true },
    { label: 'third change in November', changes: 2, allowed: false },
  ])('$label', ({ changes, allowed }) => expect(canChooseFreely(changes)).toBe(allowed))

  it('a person who used both choices is not offered free choice, and a forged one is refused', () => {
    const context = {
      status: 'citizen' as const,
      residence: null,
      today: '2026-11-23',
      approvedFreeChoicesThisYear: 2,
      placedByProtocolOn: null,
    }
    expect(applicablePortalBases(context)).not.toContain('free_choice')
    expect(portalBasisRefusal('free_choice', context)).toBe('errors.attachment.freeChoiceLimit')
    expect(portalBasisRefusal('residence_change', context)).toBeNull()
  })
})

describe('Attachment rules p.31(3), reading 6: the campaign runs 1 September – 1 November inclusive', () => {
  it.each([
    ['2026-08-31', false],
    ['2026-09-01', true],
    ['2026-10-15', true],
    ['2026-11-01', true],
    ['2026-11-02', false],
  ])('%s → open %s', (day, open) => expect(isCampaignOpen(day)).toBe(open))

  it('p.32: takes effect on 1 January of the next year', () => {
    expect(campaignEffectiveDay('2026-10-15')).toBe('2027-01-01')
  })

  it('p.32: the year follows from the campaign it was submitted in; a decision after that 1 January takes effect at once', () => {
    expect(campaignStart('2026-10-30', '2026-11-05')).toEqual({ day: '2027-01-01', waits: true })
    expect(campaignStart('2026-10-30', '2026-12-31')).toEqual({ day: '2027-01-01', waits: true })
    expect(campaignStart('2026-10-30', '2027-01-01')).toEqual({ day: '2027-01-01', waits: false })
    expect(campaignStart('2026-10-30', '2027-01-12')).toEqual({ day: '2027-01-12', waits: false })
  })

  it('the campaign basis is offered only while the campaign runs', () => {
    const base = { status: 'citizen' as const, residence: null, approvedFreeChoicesThisYear: 0, placedByProtocolOn: null }
    expect(applicablePortalBases({ ...base, today: '2026-10-01' })).toContain('campaign')
    expect(applicablePortalBases({ ...base, today: '2026-11-23' })).not.toContain('campaign')
    expect(portalBasisRefusal('campaign', { ...base, today: '2026-11-23' })).toBe('errors.attachment.campaignClosed')
  })
})

describe('Attachment rules p.4, p.27: who attaches through the portal', () => {
  it.each([
    { status: 'citizen', residence: null },
    { status: 'kandas', residence: null },
    { status: 'refugee', residence: null },
    { status: 'foreigner', residence: 'permanent' },
    { status: 'stateless', residence: 'permanent' },
  ] as const)('$status $residence: bases (1) and (2); (5) only when a protocol placed them', (person) => {
    expect(
      applicablePortalBases({ ...person, today: '2026-11-23', approvedFreeChoicesThisYear: 0, placedByProtocolOn: null }),
    ).toEqual(['residence_change', 'free_choice'])
  })

  it.each(['foreigner', 'stateless'] as const)(
    'p.6, p.27 para 2: a %s staying temporarily is offered no portal basis, and each is refused',
    (status) => {
      const context = {
        status,
        residence: 'temporary' as const,
        today: '2026-10-01',
        approvedFreeChoicesThisYear: 0,
        placedByProtocolOn: '2026-09-01',
      }
      expect(applicablePortalBases(context)).toEqual([])
      for (const basis of ['residence_change', 'free_choice', 'campaign', 'commission_disagreement'] as const) {
        expect(portalBasisRefusal(basis, context)).toBe('errors.attachment.temporaryResidentInsuranceOnly')
        expect(deskBasisRefusal(basis, { ...context, category: 'pensioner' })).toBe(
          'errors.attachment.temporaryResidentInsuranceOnly',
        )
      }
      expect(deskBasisRefusal('insurance_contract', { ...context, category: 'insurance_contract' })).toBeNull()
    },
  )
})

describe('Attachment rules p.2(3), p.30 para 3: a person under 18 is a child', () => {
  it.each([
    { birthDate: '2008-11-24', today: '2026-11-23', child: true },
    { birthDate: '2008-11-23', today: '2026-11-23', child: false },
    { birthDate: '2026-11-10', today: '2026-11-23', child: true },
  ])('born $birthDate, on $today → child $child', ({ birthDate, today, child }) => expect(isChild(birthDate, today)).toBe(child))
})

describe('Attachment rules p.9, reading 12: a newborn is attached within 3 calendar days of discharge', () => {
  it('discharged on 10 November: due 13 November; submitted on the 14th is late', () => {
    expect(newbornAttachmentDeadline('2026-11-10')).toBe('2026-11-13')
    expect(isNewbornLate('2026-11-10', '2026-11-13')).toBe(false)
    expect(isNewbornLate('2026-11-10', '2026-11-14')).toBe(true)
  })
  it('across a month end', () => expect(newbornAttachmentDeadline('2026-11-29')).toBe('2026-12-02'))
})

describe('Attachment rules p.9: the registrar sees newborns attached late', () => {
  it.each([
    { dischargedOn: '2026-11-10', submittedOn: '2026-11-13', days: null },
    { dischargedOn: '2026-11-10', submittedOn: '2026-11-14', days: 4 },
    { dischargedOn: null, submittedOn: '2026-11-14', days: null },
  ])('discharged $dischargedOn, applied $submittedOn → late by $days', ({ dischargedOn, submittedOn, days }) =>
    expect(newbornLateDays(dischargedOn, submittedOn)).toBe(days),
  )
})

describe('p.30 para 3, p.2(3)-(4): the legal representative of a person under 18 is another person, of full age', () => {
  const child = makeIin({ birthDate: '2015-03-01', sex: 'female', serial: 11 })
  const mother = makeIin({ birthDate: '1988-06-15', sex: 'female', serial: 12 })
  const sister = makeIin({ birthDate: '2009-01-20', sex: 'female', serial: 13 })
  const turnsEighteen = makeIin({ birthDate: '2008-11-28', sex: 'male', serial: 14 })
  const today = '2026-11-27'

  it('p.30 para 3: a parent of full age is accepted', () => {
    expect(representativeRefusal({ representativeIin: mother, personIin: child, today })).toBeNull()
  })

  it('p.30 para 3: the child’s own IIN is not a representative', () => {
    expect(representativeRefusal({ representativeIin: child, personIin: child, today })).toBe(
      'errors.desk.representativeIsThePerson',
    )
  })

  it('p.2(3)-(4): a representative under 18 is refused, up to the day before the 18th birthday', () => {
    expect(representativeRefusal({ representativeIin: sister, personIin: child, today })).toBe(
      'errors.desk.representativeUnderage',
    )
    expect(representativeRefusal({ representativeIin: turnsEighteen, personIin: child, today })).toBe(
      'errors.desk.representativeUnderage',
    )
    expect(representativeRefusal({ representativeIin: turnsEighteen, personIin: child, today: '2026-11-28' })).toBeNull()
  })

  it('p.30 para 3: a missing or malformed IIN is refused as every IIN field refuses it', () => {
    expect(representativeRefusal({ representativeIin: '', personIin: child, today })).toBe('errors.desk.representativeRequired')
    expect(representativeRefusal({ representativeIin: '12345', personIin: child, today })).toBe('errors.iin.length')
  })
})

describe('p.31(5), p.36 para 2: disagreeing with the clinic a commission or the Fund placed the person at', () => {
  const base = { status: 'citizen' as const, residence: null, approvedFreeChoicesThisYear: 0 }
  it('p.31(5): offered only to a person a protocol placed, from that day and within a year of it', () => {
    expect(mayDisagreeWithPlacement(null, '2026-11-23')).toBe(false)
    expect(mayDisagreeWithPlacement('2026-03-10', '2026-03-09')).toBe(false)
    expect(mayDisagreeWithPlacement('2026-03-10', '2026-03-10')).toBe(true)
    expect(mayDisagreeWithPlacement('2026-03-10', '2027-03-09')).toBe(true)
    expect(mayDisagreeWithPlacement('2026-03-10', '2027-03-10')).toBe(false)
  })
  it('p.36 para 2: the portal offers it to the person placed, and refuses it to anyone else', () => {
    expect(applicablePortalBases({ ...base, today: '2026-11-23', placedByProtocolOn: '2026-11-02' })).toContain(
      'commission_disagreement',
    )
    expect(portalBasisRefusal('commission_disagreement', { ...base, today: '2026-11-23', placedByProtocolOn: null })).toBe(
      'errors.attachment.commissionDisagreementNotPlaced',
    )
  })
})

describe('Attachment rules p.2(8), p.9 para 2: what proves a representation, by the person’s age', () => {
  const child = { personBirthDate: '2011-03-01', today: '2026-11-24' }
  it.each([
    { kind: 'guardianship_decision', issuedOn: '2021-05-05', refusal: null },
    { kind: 'guardianship_decision', issuedOn: '2025-03-01', refusal: 'errors.desk.representation.guardianshipFrom14' },
    { kind: 'trusteeship_decision', issuedOn: '2025-03-01', refusal: null },
    { kind: 'trusteeship_decision', issuedOn: '2025-02-28', refusal: 'errors.desk.representation.trusteeshipUnder14' },
    { kind: 'birth_certificate', issuedOn: '2011-03-05', refusal: null },
    { kind: 'birth_certificate', issuedOn: '2011-02-28', refusal: 'errors.desk.representation.issuedOnInvalid' },
    { kind: 'foster_agreement', issuedOn: '2026-11-25', refusal: 'errors.desk.representation.issuedOnInvalid' },
  ] as const)('a child born 2011-03-01: $kind made $issuedOn → $refusal', ({ kind, issuedOn, refusal }) => {
    expect(representationDocumentRefusal({ ...child, kind, issuedOn })?.code ?? null).toBe(refusal)
  })

  it.each([
    { kind: 'guardianship_decision', refusal: null },
    { kind: 'trusteeship_decision', refusal: null },
    { kind: 'organization_act', refusal: null },
    { kind: 'birth_certificate', refusal: 'errors.desk.representation.notForAdult' },
    { kind: 'adoption_decision', refusal: 'errors.desk.representation.notForAdult' },
  ] as const)('a ward of full age: $kind → $refusal', ({ kind, refusal }) => {
    const adult = { personBirthDate: '1990-01-20', today: '2026-11-24', issuedOn: '2019-04-01' }
    expect(representationDocumentRefusal({ ...adult, kind })?.code ?? null).toBe(refusal)
  })

  it('a guardian is shown as the trustee from the child’s 14th birthday, and as recorded again at 18', () => {
    expect(representativeRoleOn('guardian', '2011-03-01', '2025-02-28')).toBe('guardian')
    expect(representativeRoleOn('guardian', '2011-03-01', '2025-03-01')).toBe('trustee')
    expect(representativeRoleOn('guardian', '1990-01-20', '2026-11-24')).toBe('guardian')
    expect(representativeRoleOn('parent', '2011-03-01', '2026-11-24')).toBe('parent')
  })
})

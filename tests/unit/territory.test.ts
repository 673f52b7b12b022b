import { describe, expect, it } from 'vitest'
import { isOutsideTerritory } from '@/lib/services/attachment/rules/territory'

const aktau = { residenceUnit: 'aktau', clinicUnit: 'aktau', neighbourUnits: [] }

describe('Rules of attachment p.17 and p.31(2): free choice within one administrative-territorial unit', () => {
  it('p.31(2): free choice of a clinic in the ATU of residence is allowed', () => {
    expect(isOutsideTerritory('free_choice', aktau)).toBe(false)
  })

  it('p.31(2): free choice of a clinic in another ATU is refused (digest rule 5)', () => {
    expect(isOutsideTerritory('free_choice', { ...aktau, clinicUnit: 'zhanaozen' })).toBe(true)
  })

  it('p.17: a resident of a border territory may choose a clinic of the neighbouring ATU, and only that one', () => {
    const borderVillage = { residenceUnit: 'munaily', clinicUnit: 'aktau', neighbourUnits: ['aktau'] }
    expect(isOutsideTerritory('free_choice', borderVillage)).toBe(false)
    expect(isOutsideTerritory('free_choice', { ...borderVillage, clinicUnit: 'zhanaozen' })).toBe(true)
  })

  it('p.31(3), p.31(5): the campaign and disagreement with the regional commission are also within one ATU', () => {
    expect(isOutsideTerritory('campaign', { ...aktau, clinicUnit: 'zhanaozen' })).toBe(true)
    expect(isOutsideTerritory('commission_disagreement', { ...aktau, clinicUnit: 'zhanaozen' })).toBe(true)
  })

  it('p.31(1): a change of residence is itself a move, so the old unit on record does not bind it', () => {
    expect(isOutsideTerritory('residence_change', { ...aktau, clinicUnit: 'zhanaozen' })).toBe(false)
  })

  it('when the residence or the clinic has no unit on record the rule cannot be applied', () => {
    expect(isOutsideTerritory('free_choice', { ...aktau, residenceUnit: null, clinicUnit: 'zhanaozen' })).toBe(false)
    expect(isOutsideTerritory('free_choice', { ...aktau, clinicUnit: null })).toBe(false)
  })
})

// Administrative-territorial units (ATU, Rules of attachment p.2(1)) and border territories (p.17), as pure rules.

// p.31(2), (3), (5) say "within one ATU": free choice, the campaign and disagreement with the regional commission.
// Residence change (1) is itself a move, and the other bases are decided by the Fund or the commission, not chosen.
const withinUnitBases = ['free_choice', 'campaign', 'commission_disagreement'] as const

export type TerritoryFacts = {
  // The ATU of the person's permanent or temporary residence; null when the record does not say.
  residenceUnit: string | null
  // The ATU the clinic serves; null when the clinic's record does not say.
  clinicUnit: string | null
  // p.17: units whose clinics a resident of residenceUnit may choose because residenceUnit is a border territory.
  neighbourUnits: readonly string[]
}

export function bindsToUnit(basis: string): boolean {
  return (withinUnitBases as readonly string[]).includes(basis)
}

// p.17, p.31(2): a clinic in the person's own ATU, or in the neighbouring ATU for a resident of a border territory.
// When either unit is not on record the rule cannot be applied and the request goes on to the registrar.
export function isOutsideTerritory(basis: string, facts: TerritoryFacts): boolean {
  if (!bindsToUnit(basis)) return false
  if (facts.residenceUnit == null || facts.clinicUnit == null) return false
  if (facts.residenceUnit === facts.clinicUnit) return false
  return !facts.neighbourUnits.includes(facts.clinicUnit)
}

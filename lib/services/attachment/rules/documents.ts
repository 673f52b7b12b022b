// Which document presented at the desk proves the applicant's p.23 category (standard row 7, "documents required").
// Identity (row 7(1)) is not among them: the clinic takes identity-document data from state systems (p.21) and the
// registrar finds the person by IIN, so the document recorded is the one that shows the person belongs to the category.
import type { deskCategories, presentedDocumentKinds } from '../schema'

export type DeskCategory = (typeof deskCategories)[number]
export type PresentedDocumentKind = (typeof presentedDocumentKinds)[number]

export const documentsProvingCategory: Record<DeskCategory, readonly PresentedDocumentKind[]> = {
  // p.23(1), row 7(2): the pensioner's certificate.
  pensioner: ['pension_certificate'],
  // p.23(2), row 7(3): the pensioner's certificate or an extract from the medical-social examination act.
  disability: ['pension_certificate', 'mse_extract'],
  // p.23(3), row 7(4): a court decision or another document confirming guardianship; for a parent, the child's birth
  // certificate is that document (p.2(4): parents are legal representatives).
  disabled_child_representative: ['court_decision', 'birth_certificate'],
  // p.23(4), row 7(5): the protocol of the commission on attachment in the register of attached population.
  convict: ['commission_protocol'],
  // p.23(5), row 7(6): the extract from the commander's order enrolling the serviceman.
  conscript: ['military_order'],
  // p.23(6), row 7(9): a document confirming birth in a foreign state: the birth certificate naming that place.
  born_abroad_child_representative: ['birth_certificate'],
  // p.23(7), row 7(10): the decision of the local health authority of the region or city.
  institution_resident_representative: ['health_authority_decision'],
  // p.23(8), p.28, row 7(11), reading 21: the insurance contract, or the power of attorney of the one who formalizes it.
  insurance_contract: ['insurance_contract', 'power_of_attorney'],
  // p.23(9), row 7(8): the rector's official application is the written application itself; what is presented
  // with it is the protocol of the commission between the institution and the clinic.
  student_under_18: ['commission_protocol'],
  // Row 7(7) (p.11): a madrasa student under 18 is attached, within the unit of residence and within walking distance,
  // on the official application of the legal representatives.
  madrasa_student_representative: ['representative_application'],
}

// p.30 para 2: in a family attached together, each member presents an identity document (a child, the birth
// certificate); here identity is what the application needs, since the family, not a p.23 category, is the ground.
export const familyMemberDocuments: readonly PresentedDocumentKind[] = ['identity_card', 'passport', 'birth_certificate']

export function documentFitsCategory(category: DeskCategory | 'family', kind: PresentedDocumentKind): boolean {
  return (category === 'family' ? familyMemberDocuments : documentsProvingCategory[category]).includes(kind)
}

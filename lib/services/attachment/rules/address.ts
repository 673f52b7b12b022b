// Which address a person is attached by (Rules of attachment p.9, p.12). Pure: the age is taken on the day given.
import { ageOn } from '@/lib/calendar/age'

export const addressKinds = ['actual', 'registered'] as const
export type AddressKind = (typeof addressKinds)[number]

export type AddressRefusal = 'errors.attachment.youngChildActualAddress' | 'errors.attachment.pregnantActualAddress'

// p.9 para 1: a child up to five years inclusive is attached at the parents' or guardians' actual residence.
// p.9 para 2: from six to fourteen inclusive, at the legal representatives' registered place or on their application
// or permission; a child is only ever submitted by a representative (p.30 para 3), so either address is theirs to
// choose. p.12: a pregnant woman is attached at her actual residence.
export function addressKindRefusal(input: {
  birthDate: string
  today: string
  addressKind: AddressKind
  pregnant: boolean
}): AddressRefusal | null {
  if (input.addressKind === 'actual') return null
  if (ageOn(input.birthDate, input.today) <= 5) return 'errors.attachment.youngChildActualAddress'
  if (input.pregnant) return 'errors.attachment.pregnantActualAddress'
  return null
}

// The address the form suggests first: the registered place for children of six to fourteen (p.9 para 2),
// the actual residence for everyone else.
export function defaultAddressKind(birthDate: string, today: string): AddressKind {
  const age = ageOn(birthDate, today)
  return age >= 6 && age <= 14 ? 'registered' : 'actual'
}

// p.12: the pregnancy mark is offered to a woman of childbearing age. Reading (docs/decisions.md): 14 to 55 inclusive,
// wide enough for any pregnancy a clinic registers; a 70-year-old is not asked.
export const childbearingAges = { from: 14, to: 55 } as const

export function mayBePregnant(person: { sex: 'male' | 'female'; birthDate: string }, today: string): boolean {
  const age = ageOn(person.birthDate, today)
  return person.sex === 'female' && age >= childbearingAges.from && age <= childbearingAges.to
}

import type { PatientStatus, ResidenceStatus, Sex } from '@/db/schema'

// What the national register of individuals (ГБД ФЛ / ЖТ МДБ) says of a person by their IIN: the identity data a
// registrar would otherwise type from the document presented. The address is the registered one, when the register
// has it; the phone is never taken from it (p.24: the phone comes with the person's consent).
export type RegisteredIndividual = {
  iin: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string
  sex: Sex
  status: PatientStatus
  residence: ResidenceStatus | null
  address: string | null
}

export type IndividualLookup =
  | { state: 'found'; person: RegisteredIndividual }
  // The register does not know the IIN (a newly issued one, a foreigner not yet entered): typed from the document.
  | { state: 'not_found' }
  // The register did not answer: the registrar types from the document, as when it does not know the person.
  | { state: 'unavailable' }

// The port: one adapter inside the app for the demo and tests (./demo.ts); a connection to the real register is a
// second adapter behind the same interface, chosen in ./index.ts by REGISTER_OF_INDIVIDUALS.
export interface RegisterOfIndividuals {
  readonly name: string
  lookup(iin: string): Promise<IndividualLookup>
}

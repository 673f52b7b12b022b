import type { Transaction } from '@/db/client'
import type { StaffRole } from '@/db/schema'

export type Bilingual = { kk: string; ru: string }
export type ClinicRef = { nameKk: string; nameRu: string; addressKk: string; addressRu: string }
export type PatientRef = {
  iin: string
  lastName: string
  firstName: string
  middleName: string | null
  birthDate: string // YYYY-MM-DD
  address: string
}
// Who the document names as its signer, frozen with it (the certificate that actually signed goes with the signature).
export type SignerRef = { name: string; role: StaffRole }
export type StaffRef = { id: number; name: string; role: StaffRole }

// What every document's snapshot carries, whatever its kind: the generic parts (PDF header and signature band, the
// verification page, lists) read only these.
export type BaseSnapshot = {
  kind: string
  number: string
  issuedOn: string
  clinic: ClinicRef
  patient: PatientRef
  signer: SignerRef
}

// What every decided request's documents are made from, read in the deciding transaction (lib/documents/create).
export type CommonSources = {
  organizationId: number
  patientId: number
  payload: Record<string, unknown>
  request: { number: number; submittedAt: Date; decidedAt: Date }
  clinic: ClinicRef
  patient: PatientRef
  // The refusal ground, its text in both languages, and the registrar's own reason (refuse only).
  refusal: { ground: string; titleKk: string; titleRu: string; kk: string; ru: string; reason: string } | null
  decider: StaffRef
}

// One kind of document a service issues (its snapshot, signer and PDF layout); see ServiceDefinition.documents.
// Filled in by the documents' move onto the contract.
export type DocumentKindDefinition = {
  kind: string
  // What the service adds to the common sources, read in the same transaction.
  sources?: (tx: Transaction, common: CommonSources) => Promise<Record<string, unknown>>
}

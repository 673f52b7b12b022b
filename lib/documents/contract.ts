import type { Transaction } from '@/db/client'
import type { RequestChannel, StaffRole } from '@/db/schema'
import type { DocumentLayout } from '@/lib/pdf/form-layout'
import type { DocumentValidity } from './validity'

export type Bilingual = { kk: string; ru: string }
// `bin`: the clinic's BIN, which a document signed on behalf of the clinic must find in the signer's certificate
// (null: the clinic has none recorded). Absent in snapshots frozen before clinics carried a BIN (issue 14).
export type ClinicRef = { nameKk: string; nameRu: string; addressKk: string; addressRu: string; bin?: string | null }
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
  issuedOn: string // YYYY-MM-DD
  clinic: ClinicRef
  patient: PatientRef
  // null: no staff member signs it; the applicant signs the printed page by hand (DocumentKindDefinition.signer).
  signer: SignerRef | null
}

// The decided request a document is made for, as its service's sources loader reads it.
export type SourceRequest = { id: string; organizationId: number; patientId: number; payload: Record<string, unknown> }

// What a document made when its request is submitted is made from (ServiceDefinition.documents.onSubmit), read in
// the submitting transaction: nobody has decided anything yet.
export type SubmittedSources = {
  request: { number: number; channel: RequestChannel; submittedAt: Date }
  clinic: ClinicRef
  patient: PatientRef
  // The staff member who took the application at the desk; null when the person applied on their own pages.
  acceptedBy: StaffRef | null
}

// What every decided request's documents are made from, read in the deciding transaction (lib/documents/create).
export type CommonSources = {
  request: { number: number; submittedAt: Date; decidedAt: Date }
  clinic: ClinicRef
  patient: PatientRef
  // The refusal ground, its text in both languages, and the registrar's own reason (refuse only).
  refusal: { ground: string; titleKk: string; titleRu: string; kk: string; ru: string; reason: string } | null
  decider: StaffRef
}

// One kind of document a service issues (ServiceDefinition.documents). Its name in lists is the message
// `documents.kinds.<kind>`, kept in the service's own message files. The functions are methods so that a service's
// own snapshot and sources types stand in the catalogue's list of every kind.
export type DocumentKindDefinition<
  Snapshot extends BaseSnapshot = BaseSnapshot,
  Sources extends CommonSources | SubmittedSources = CommonSources,
  Common extends CommonSources | SubmittedSources = CommonSources,
> = {
  // Unique across the catalogue: stored in documents.kind and numbered per clinic in document_counters.
  kind: Snapshot['kind']
  // When it is made: by a decision (the default), from CommonSources in the deciding transaction; or when the request
  // is submitted (ServiceDefinition.documents.onSubmit), from SubmittedSources in the submitting transaction.
  madeAt?: 'decision' | 'submission'
  // What the service adds to the common sources (it may also refine them: the address the person gave), read in the
  // same transaction. Kinds that share one loader have it called once per decision. Without it, the snapshot is
  // made from the common sources alone.
  sources?(tx: Transaction, request: SourceRequest, common: Common): Promise<Sources>
  // The frozen snapshot: what the document certifies. Throws MissingDocumentSource when the sources lack a part.
  snapshot(number: string, sources: Sources): Snapshot
  // Who is to sign it with a digital signature in the signing inbox; the snapshot names them too. null: no staff
  // member signs it; the applicant signs the printed page by hand at the desk (a written application, Rules of
  // attachment p.23). Such a document is recorded `issued` when it is made, with no signer, no signature, and no QR
  // code or verification code on its page (docs/decisions.md).
  signer(sources: Sources): StaffRef | null
  // The page lib/pdf draws: header, title, rows and the signature band (lib/pdf/form-layout, lib/pdf/document-rows).
  layout(snapshot: Snapshot): DocumentLayout
  // The snapshot's own calendar days (YYYY-MM-DD) by name, checked before drawing; issuedOn and the patient's birth
  // date are checked for every kind.
  days?(snapshot: Snapshot): Record<string, string | null | undefined>
  // Signed on behalf of the clinic (standard row 4): the signer's certificate must be an organization certificate
  // naming the clinic by the BIN in the snapshot, not the person's own (lib/documents/clinic-signature.ts).
  signedOnBehalfOfClinic?: boolean
  // How long the document holds after its date of issue (snapshot.issuedOn), in calendar days counted from the next
  // day (lib/documents/validity.ts): a registry certificate's 10 days (List row 11). After it, the patient's pages and
  // /verify show the document as expired: still genuine, no longer valid. Absent: it holds until revoked.
  validity?: DocumentValidity
  // The paper the registrar prints and hands over at the desk (the 064/e coupon): the request's current document of
  // this kind is what the desk's print route draws, and each print is audited under this action.
  deskPrint?: { auditAction: string }
}

// Any kind, as the catalogue lists them and lib/documents makes them: made at a decision or at a submission.
export type AnyDocumentKind = DocumentKindDefinition<
  BaseSnapshot,
  CommonSources | SubmittedSources,
  CommonSources | SubmittedSources
>

export class MissingDocumentSource extends Error {}

export function requireSource<T>(value: T | null, what: string): T {
  if (value === null) throw new MissingDocumentSource(`document source missing: ${what}`)
  return value
}

export const signerRef = (staff: StaffRef): SignerRef => ({ name: staff.name, role: staff.role })

import { and, asc, eq } from 'drizzle-orm'
import { staff } from '@/db/schema'
import { staffFullName } from '@/db/names'
import { almatyDay } from '@/lib/calendar'
import {
  requireSource,
  signerRef,
  type BaseSnapshot,
  type CommonSources,
  type DocumentKindDefinition,
  type SignerRef,
  type StaffRef,
} from '@/lib/documents/contract'
import { issuedOnRow, noticeBand, patientRows, signerRow } from '@/lib/pdf/document-rows'
import { a4, type DocumentLayout } from '@/lib/pdf/form-layout'

export type SealedSources = CommonSources & { system: StaffRef }

export type SealedSnapshot = BaseSnapshot & {
  kind: 'test_sealed_certificate'
  signer: SignerRef
  underObservation: boolean
}

// The one document of the test-only sealed certificate: signed by the organization's information system (its staff
// row with system = true) with the organization's seal, nobody signing; valid 10 calendar days after its date of
// issue, as a registry certificate is (List row 11).
export const sealedCertificate: DocumentKindDefinition<SealedSnapshot, SealedSources> = {
  kind: 'test_sealed_certificate',
  sources: async (tx, request, common) => {
    const [system] = await tx
      .select({ id: staff.id, name: staffFullName, role: staff.role })
      .from(staff)
      .where(and(eq(staff.organizationId, request.organizationId), eq(staff.system, true), eq(staff.active, true)))
      .orderBy(asc(staff.id))
      .limit(1)
    return { ...common, system: requireSource(system ?? null, "the organization's information system") }
  },
  snapshot: (number, sources) => ({
    kind: 'test_sealed_certificate',
    number,
    issuedOn: almatyDay(sources.request.decidedAt),
    clinic: sources.clinic,
    patient: sources.patient,
    underObservation: false,
    signer: signerRef(sources.system),
  }),
  signer: (sources) => sources.system,
  signedOnBehalfOfClinic: true,
  validity: { calendarDays: 10 },
  layout: (snapshot): DocumentLayout => ({
    geometry: a4,
    formLabel: null,
    title: { kk: 'МӘЛІМЕТ (ТЕСТ)', ru: 'СВЕДЕНИЯ (ТЕСТ)' },
    rows: [
      ...patientRows(snapshot.patient),
      {
        kk: 'Динамикалық бақылауда',
        ru: 'Состоит на динамическом наблюдении',
        values: [snapshot.underObservation ? 'состоит' : 'не состоит'],
      },
      signerRow(snapshot.signer),
      issuedOnRow(snapshot.issuedOn),
    ],
    band: noticeBand(a4),
    labelColumnWidth: 150,
  }),
}

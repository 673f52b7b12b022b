import { eq, sql } from 'drizzle-orm'
import type { ErrorCode } from '@/lib/errors/codes'
import type { Database } from '@/db/client'
import { patients, type PatientStatus, type RequestChannel, type ResidenceStatus } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { almatyDay } from '@/lib/calendar'
import { isOutsideTerritory } from '@/lib/services/attachment/rules/territory'
import { freeChoicesDecidedInYearOf } from './free-choice'
import { deskBasisRefusal, isChild, portalBasisRefusal } from './rules'
import { addressKindRefusal, mayBePregnant } from './rules/address'
import { representationDocumentRefusal, representativeRefusal } from './rules/representative'
import { insuranceContractRefusal } from './rules/insurance'
import { sectionCoversAge, type SectionAgeBand } from './rules/sections'
import type { AttachmentRequest } from './schema'

type Refusal = { ok: false; code: ErrorCode; field: string }

// What the rules need to know about a person on a given day.
export type AttachmentFacts = {
  iin: string
  status: PatientStatus
  residence: ResidenceStatus | null
  birthDate: string
  sex: 'male' | 'female'
  approvedFreeChoicesThisYear: number
  placedByProtocolOn: string | null
  // p.9 para 2: the register links the person to a guardian or trustee today.
  underGuardianship: boolean
  // Only when a clinic (and section) is asked about: whether it provides primary care, whether the section is its own.
  clinicOk?: boolean
  sectionOk?: boolean
  // The chosen section's age band.
  sectionBand?: SectionAgeBand | null
  // p.17: the person's unit of residence, the clinic's unit, and the units a border territory may choose.
  residenceUnit?: string | null
  clinicUnit?: string | null
  neighbourUnits?: string[]
}

export async function attachmentFacts(
  db: Database,
  patientId: number,
  today: string,
  clinic?: { clinicId: number; sectionId: number | null },
): Promise<AttachmentFacts | null> {
  const [row] = await db
    .select({
      ...(clinic
        ? {
            clinicOk: sql<boolean>`exists (select 1 from organizations o where o.id = ${clinic.clinicId} and o.type = 'primary_care')`,
            sectionOk: sql<boolean>`exists (select 1 from sections s where s.id = ${clinic.sectionId ?? 0} and s.organization_id = ${clinic.clinicId})`,
            sectionBand: sql<SectionAgeBand | null>`(select json_build_object('ageFrom', s.age_from, 'ageTo', s.age_to)
              from sections s where s.id = ${clinic.sectionId ?? 0} and s.organization_id = ${clinic.clinicId})`,
            clinicUnit: sql<string | null>`(select o.administrative_unit from organizations o where o.id = ${clinic.clinicId})`,
            neighbourUnits: sql<string[]>`array(
              select b.neighbour_code from border_territories b where b.unit_code = "patients"."residence_unit")`,
          }
        : {}),
      iin: patients.iin,
      status: patients.status,
      residence: patients.residence,
      birthDate: patients.birthDate,
      sex: patients.sex,
      residenceUnit: patients.residenceUnit,
      approvedFreeChoicesThisYear: freeChoicesDecidedInYearOf(sql`"patients"."id"`, today),
      placedByProtocolOn: sql<string | null>`(select a.valid_from::text from attachments a
        where a.patient_id = "patients"."id" and a.status = 'active' and a.protocol_id is not null)`,
      underGuardianship: sql<boolean>`exists (select 1 from representatives r
        where r.child_id = "patients"."id" and r.basis in ('guardian', 'trustee')
          and r.valid_from <= ${today}::date and (r.valid_to is null or r.valid_to >= ${today}::date))`,
    })
    .from(patients)
    .where(eq(patients.id, patientId))
  return row ?? null
}

// The clinic must provide primary care, a chosen section must be its own, and the basis must apply to this person
// today (p.27, p.31); a child is submitted only by a legal representative (p.30 para 3).
export async function validateAttachment(
  db: Database,
  payload: AttachmentRequest,
  context: { actor: Actor; now: Date; channel: RequestChannel; group?: boolean },
): Promise<{ ok: true } | Refusal> {
  // One query for everything the rules ask about.
  const today = almatyDay(context.now)
  const facts = await attachmentFacts(db, payload.patientId, today, payload)
  if (!facts?.clinicOk) return { ok: false, code: 'errors.attachment.clinicRequired', field: 'clinicId' }
  if (payload.sectionId !== null && !facts.sectionOk)
    return { ok: false, code: 'errors.attachment.sectionInvalid', field: 'sectionId' }
  // A section serves its age band: no adult in a children's section, no child in an adults' one.
  if (facts.sectionBand && !sectionCoversAge(facts.sectionBand, facts.birthDate, today))
    return { ok: false, code: 'errors.attachment.sectionAgeBand', field: 'sectionId' }
  const child = isChild(facts.birthDate, today)
  if (context.actor.kind === 'patient' && context.actor.id === payload.patientId) {
    if (child) return { ok: false, code: 'errors.attachment.representativeMissing', field: 'patientId' }
    // p.9 para 2: a person under guardianship or trusteeship is attached through the legal representative.
    if (facts.underGuardianship) return { ok: false, code: 'errors.attachment.wardThroughRepresentative', field: 'patientId' }
  }
  if (payload.dischargedOn && (payload.dischargedOn > today || payload.dischargedOn < facts.birthDate)) {
    return { ok: false, code: 'errors.attachment.dischargedOnInvalid', field: 'dischargedOn' }
  }
  // p.9, p.12: young children and pregnant women are attached by their actual residence.
  if (payload.pregnant && !mayBePregnant(facts, today))
    return { ok: false, code: 'errors.attachment.pregnantInvalid', field: 'pregnant' }
  const addressRefusal = addressKindRefusal({
    birthDate: facts.birthDate,
    today,
    addressKind: payload.addressKind,
    pregnant: Boolean(payload.pregnant),
  })
  if (addressRefusal) return { ok: false, code: addressRefusal, field: 'addressKind' }
  if (context.channel === 'desk') {
    if (!payload.desk) return { ok: false, code: 'errors.desk.categoryRequired', field: 'desk.category' }
    // The family category belongs to the family application (p.30 para 2), which links the members' requests.
    if ((payload.desk.category === 'family') !== Boolean(context.group))
      return { ok: false, code: 'errors.desk.categoryRequired', field: 'desk.category' }
    const representation = representationCheck(payload.desk, facts, { today, child, group: Boolean(context.group) })
    if (representation) return representation
    const refusal = deskBasisRefusal(payload.basis, { ...facts, today, category: payload.desk.category })
    if (refusal) return { ok: false, code: refusal, field: 'basis' }
    // p.28-29: the insurance basis comes with its contract, in force on the day of the application.
    const contract = payload.desk.insurance
    if (payload.basis !== 'insurance_contract')
      return contract
        ? { ok: false, code: 'errors.insurance.contractWithoutBasis', field: 'basis' }
        : territoryCheck(payload, facts)
    if (!contract) return { ok: false, code: 'errors.insurance.contractRequired', field: 'basis' }
    // p.28: the contract, the application and the identity document (a foreigner's passport).
    if (!payload.desk.identity) return { ok: false, code: 'errors.desk.identityRequired', field: 'desk.identity.kind' }
    const contractRefusal = insuranceContractRefusal(contract, today)
    if (contractRefusal) return { ok: false, code: contractRefusal.code, field: `desk.insurance.${contractRefusal.field}` }
    return { ok: true }
  }
  if (payload.basis === 'insurance_contract') return { ok: false, code: 'errors.attachment.notEligible', field: 'basis' }
  const refusal = portalBasisRefusal(payload.basis, { ...facts, today })
  if (refusal) return { ok: false, code: refusal, field: 'basis' }
  return territoryCheck(payload, facts)
}

// p.17, p.31(2): the chosen clinic must serve the person's unit of residence, or its neighbour for a border territory.
function territoryCheck(payload: AttachmentRequest, facts: AttachmentFacts): { ok: true } | Refusal {
  const outside = isOutsideTerritory(payload.basis, {
    residenceUnit: facts.residenceUnit ?? null,
    clinicUnit: facts.clinicUnit ?? null,
    neighbourUnits: facts.neighbourUnits ?? [],
  })
  return outside ? { ok: false, code: 'errors.attachment.outsideTerritory', field: 'clinicId' } : { ok: true }
}

// p.30 para 3, p.9 para 2: a child, or a person the register shows under guardianship or trusteeship, applies through
// a legal representative: another adult, the document proving the representation, and the representative's identity
// document. A person of full age may also come with a guardian the register does not show yet: the same checks hold.
// The family application (p.30 para 2) records each child's birth certificate as the member's document and the
// representative among the members, so it asks only for the representative's IIN (docs/decisions.md).
function representationCheck(
  desk: NonNullable<AttachmentRequest['desk']>,
  facts: AttachmentFacts,
  { today, child, group }: { today: string; child: boolean; group: boolean },
): Refusal | null {
  const represented = child || facts.underGuardianship || Boolean(desk.representation)
  if (!represented) return null
  const refusal = representativeRefusal({ representativeIin: desk.representativeIin, personIin: facts.iin, today })
  if (refusal) return { ok: false, code: refusal, field: 'desk.representativeIin' }
  if (!desk.representation) {
    if (group) return null
    return { ok: false, code: 'errors.desk.representation.required', field: 'desk.representation.documentKind' }
  }
  const document = representationDocumentRefusal({
    kind: desk.representation.documentKind,
    issuedOn: desk.representation.documentIssuedOn,
    personBirthDate: facts.birthDate,
    today,
  })
  return document ? { ok: false, code: document.code, field: `desk.representation.${document.field}` } : null
}

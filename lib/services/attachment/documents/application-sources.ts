import 'server-only'
import { and, asc, eq } from 'drizzle-orm'
import { patients, requestGroups, requests, sections, staff } from '@/db/schema'
import { staffFullName } from '@/db/names'
import type { Bilingual, SourceRequest, SubmittedSources } from '@/lib/documents/contract'
import { messagesFor } from '@/lib/i18n/messages'
import { normalizeIin } from '@/lib/iin'
import type { Transaction } from '@/lib/requests/contract'
import { attachmentRequestSchema, type AttachmentRequest } from '../schema'
import { couponDeskLines } from './desk-lines'
import type { ApplicationApplicant, RepresentationProof } from './written-application'

type DeskDetails = NonNullable<AttachmentRequest['desk']>

// What the written application (p.23) is made from, read in the submitting transaction: the request as submitted,
// the clinic's chief physician it is addressed to, and who hands it in.
export type WrittenApplicationSources = SubmittedSources & {
  chiefPhysician: string | null
  applicant: ApplicationApplicant
  basis: Bilingual | null
  section: string | null
  // null: the request was not taken at the desk (the portal's application is electronic, p.27).
  desk: {
    category: Bilingual
    presented: { kind: Bilingual; number: string; issuer: string }
    identity: { kind: Bilingual; number: string } | null
    insurance: string | null
  } | null
}

const names = (locale: 'kk' | 'ru') => {
  const messages = messagesFor(locale)
  return { bases: messages.patient.attachment.bases, desk: messages.desk }
}

export async function loadWrittenApplicationSources(
  tx: Transaction,
  request: SourceRequest,
  common: SubmittedSources,
): Promise<WrittenApplicationSources> {
  const payload = attachmentRequestSchema.parse(request.payload)
  const kk = names('kk')
  const ru = names('ru')
  const desk = payload.desk
  const [section] = payload.sectionId
    ? await tx
        .select({ number: sections.number })
        .from(sections)
        .where(and(eq(sections.id, payload.sectionId), eq(sections.organizationId, request.organizationId)))
    : []
  const [chief] = await tx
    .select({ name: staffFullName })
    .from(staff)
    .where(and(eq(staff.organizationId, request.organizationId), eq(staff.role, 'chief'), eq(staff.active, true)))
    .orderBy(asc(staff.lastName), asc(staff.id))
    .limit(1)
  return {
    ...common,
    // The address the person gave in the request (actual or registered, p.9, p.12).
    patient: { ...common.patient, address: payload.address },
    chiefPhysician: chief?.name ?? null,
    applicant: await applicantOf(tx, request, desk?.representativeIin, representationProof(desk?.representation)),
    basis: { kk: kk.bases[payload.basis], ru: ru.bases[payload.basis] },
    section: section?.number ?? null,
    desk: desk
      ? {
          category: { kk: kk.desk.categories[desk.category], ru: ru.desk.categories[desk.category] },
          presented: {
            kind: { kk: kk.desk.documentKinds[desk.documentKind], ru: ru.desk.documentKinds[desk.documentKind] },
            number: desk.documentNumber,
            issuer: desk.documentIssuer,
          },
          identity: desk.identity
            ? {
                kind: { kk: kk.desk.identity.kinds[desk.identity.kind], ru: ru.desk.identity.kinds[desk.identity.kind] },
                number: desk.identity.number,
              }
            : null,
          insurance: couponDeskLines(payload).insurance?.kk ?? null,
        }
      : null,
  }
}

function representationProof(representation: DeskDetails['representation']): RepresentationProof | null {
  if (!representation) return null
  const kk = names('kk').desk
  const ru = names('ru').desk
  return {
    document: {
      kind: {
        kk: kk.representation.documentKinds[representation.documentKind],
        ru: ru.representation.documentKinds[representation.documentKind],
      },
      number: representation.documentNumber,
      issuer: representation.documentIssuer,
      issuedOn: representation.documentIssuedOn,
    },
    identity: {
      kind: { kk: kk.identity.kinds[representation.identity.kind], ru: ru.identity.kinds[representation.identity.kind] },
      number: representation.identity.number,
    },
  }
}

// A family member's application is handed in by the member who gave the written consent (p.30 para 2); a child's, or
// a ward's, by the legal representative whose IIN the registrar recorded (p.30 para 3); otherwise by the person.
async function applicantOf(
  tx: Transaction,
  request: SourceRequest,
  representativeIin: string | undefined,
  proof: RepresentationProof | null,
): Promise<ApplicationApplicant> {
  const [group] = await tx
    .select({ applicantId: requestGroups.applicantPatientId })
    .from(requests)
    .innerJoin(requestGroups, eq(requestGroups.id, requests.groupId))
    .where(eq(requests.id, request.id))
  if (group && group.applicantId !== request.patientId) {
    const [member] = await tx
      .select({ iin: patients.iin, lastName: patients.lastName, firstName: patients.firstName, middleName: patients.middleName })
      .from(patients)
      .where(eq(patients.id, group.applicantId))
    if (member)
      return {
        role: 'family',
        iin: member.iin,
        name: [member.lastName, member.firstName, member.middleName ?? ''].join(' ').trim(),
      }
  }
  const iin = representativeIin ? normalizeIin(representativeIin) : ''
  if (!iin) return { role: 'self' }
  const [representative] = await tx
    .select({ lastName: patients.lastName, firstName: patients.firstName, middleName: patients.middleName })
    .from(patients)
    .where(eq(patients.iin, iin))
  return {
    role: 'representative',
    iin,
    proof,
    name: representative
      ? [representative.lastName, representative.firstName, representative.middleName ?? ''].join(' ').trim()
      : null,
  }
}

import { and, eq, inArray } from 'drizzle-orm'
import { attachments, patients, sections } from '@/db/schema'
import type { CorrectionDetails, Transaction } from '@/lib/requests/contract'
import { addressKindRefusal } from '../rules/address'
import { rankSections } from '../rules/sections'
import { attachmentRequestSchema, type AttachmentRequest } from '../schema'
import { clinicSections } from '../section-choice'
import { attachmentCorrectionSchema, type AttachmentCorrection } from './schema'
import { moveAttachmentSection, sectionRefusal } from './section-move'

export { correctionNote } from './note'

// The field of the form a payload path belongs to, for an error the whole payload's schema finds.
const fieldOfPath: Record<string, string> = {
  address: 'address',
  addressKind: 'addressKind',
  sectionId: 'sectionId',
  'desk.documentNumber': 'documentNumber',
  'desk.documentIssuer': 'documentIssuer',
  'desk.insurance.number': 'insuranceNumber',
  'desk.insurance.insurer': 'insurer',
}

function currentFacts(payload: AttachmentRequest): Record<string, string> {
  const contract = payload.basis === 'insurance_contract' ? payload.desk?.insurance : undefined
  return {
    address: payload.address,
    addressKind: payload.addressKind,
    sectionId: payload.sectionId === null ? '' : String(payload.sectionId),
    ...(payload.desk ? { documentNumber: payload.desk.documentNumber, documentIssuer: payload.desk.documentIssuer } : {}),
    ...(contract ? { insuranceNumber: contract.number, insurer: contract.insurer } : {}),
  }
}

async function sectionNumbers(tx: Transaction, ids: readonly (number | null)[]) {
  const wanted = ids.filter((id): id is number => id !== null)
  if (wanted.length === 0) return new Map<number, string>()
  const rows = await tx.select({ id: sections.id, number: sections.number }).from(sections).where(inArray(sections.id, wanted))
  return new Map(rows.map((row) => [row.id, row.number]))
}

// An attachment request's documents are made from its address (actual or registered, p.9, p.12), its section (the
// attachment the approval made carries it, and its doctor signs the notice) and, at the desk, the document presented
// and the insurance contract (the coupon's lines). A correction changes these and nothing else: the person, the
// clinic and the basis are the decision itself; a different one is a new request. An attachment is never left without
// a section, and a new section must serve the person's age, as at approval.
export const attachmentCorrection: CorrectionDetails<AttachmentRequest> = {
  schema: attachmentCorrectionSchema,
  current: currentFacts,

  async choices(db, request, { today, locale }) {
    const [person] = await db.select({ birthDate: patients.birthDate }).from(patients).where(eq(patients.id, request.patientId))
    if (!person) return []
    const candidates = await clinicSections(db, request.organizationId)
    const ranked = rankSections(candidates, { birthDate: person.birthDate, address: request.payload.address }, today)
    // The section the request has now stays offered even when the person has outgrown it, so the form shows it.
    const current = candidates.find((section) => section.id === request.payload.sectionId)
    const offered = current && !ranked.includes(current) ? [current, ...ranked] : ranked
    return [
      {
        name: 'sectionId',
        label: 'decision.section',
        hint: 'decision.sectionHint',
        options: offered.map((section) => ({
          value: String(section.id),
          label: `№${section.number} (${section.attached}/${section.norm}) ${locale === 'ru' ? section.territoryRu : section.territoryKk}`,
        })),
        value: request.payload.sectionId === null ? null : String(request.payload.sectionId),
      },
    ]
  },

  async apply(tx, request, raw, { today, now, actorId, reason }) {
    const facts = raw as AttachmentCorrection
    const payload = request.payload
    const [person] = await tx.select({ birthDate: patients.birthDate }).from(patients).where(eq(patients.id, request.patientId))
    if (!person) return { ok: false, code: 'errors.attachment.patientRequired', field: 'sectionId' }
    // The attachment the approval made: its section is the one in force, and moves with the correction.
    const [attachment] = await tx
      .select({ id: attachments.id, organizationId: attachments.organizationId, sectionId: attachments.sectionId })
      .from(attachments)
      .where(and(eq(attachments.sourceRequestId, request.id), inArray(attachments.status, ['active', 'scheduled'])))
      .for('update')
    const sectionBefore = attachment ? attachment.sectionId : payload.sectionId
    if (sectionBefore !== null && facts.sectionId === null)
      return { ok: false, code: 'errors.attachment.sectionRequired', field: 'sectionId' }
    if (facts.sectionId !== null && facts.sectionId !== sectionBefore) {
      const refusal = await sectionRefusal(tx, {
        organizationId: request.organizationId,
        patientId: request.patientId,
        sectionId: facts.sectionId,
        today,
      })
      if (refusal) return { ok: false, code: refusal, field: 'sectionId' }
    }
    const addressRefusal = addressKindRefusal({
      birthDate: person.birthDate,
      today,
      addressKind: facts.addressKind,
      pregnant: Boolean(payload.pregnant),
    })
    if (addressRefusal) return { ok: false, code: addressRefusal, field: 'addressKind' }
    const desk = payload.desk
    const contract = payload.basis === 'insurance_contract' ? desk?.insurance : undefined
    const next = {
      ...payload,
      address: facts.address,
      addressKind: facts.addressKind,
      sectionId: facts.sectionId,
      ...(desk
        ? {
            desk: {
              ...desk,
              documentNumber: facts.documentNumber ?? desk.documentNumber,
              documentIssuer: facts.documentIssuer ?? desk.documentIssuer,
              ...(contract
                ? {
                    insurance: {
                      ...contract,
                      number: facts.insuranceNumber ?? contract.number,
                      insurer: facts.insurer ?? contract.insurer,
                    },
                  }
                : {}),
            },
          }
        : {}),
    }
    // The whole payload by the submission's own schema: what was stored must parse again.
    const parsed = attachmentRequestSchema.safeParse(next)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      return { ok: false, code: issue.message as never, field: fieldOfPath[issue.path.join('.')] ?? 'address' }
    }
    if (attachment && facts.sectionId !== null && facts.sectionId !== attachment.sectionId)
      await moveAttachmentSection(tx, attachment, facts.sectionId, { reason, cause: 'correction', actorId, now })

    const before = currentFacts(payload)
    const after = currentFacts(parsed.data)
    const numbers = await sectionNumbers(tx, [sectionBefore, parsed.data.sectionId])
    const changes: Record<string, { before: string | null; after: string | null }> = {}
    for (const field of Object.keys(after)) {
      if (field === 'sectionId') continue
      if (before[field] !== after[field]) changes[field] = { before: before[field] ?? null, after: after[field] ?? null }
    }
    if (sectionBefore !== parsed.data.sectionId)
      changes.section = {
        before: sectionBefore === null ? null : (numbers.get(sectionBefore) ?? null),
        after: parsed.data.sectionId === null ? null : (numbers.get(parsed.data.sectionId) ?? null),
      }
    return { ok: true, payload: parsed.data, changes }
  },
}

import { and, eq } from 'drizzle-orm'
import type { Database, Transaction } from '@/db/client'
import { attachedCounts, patients, sections } from '@/db/schema'
import type { ApprovalDetails } from '@/lib/requests/contract'
import { rankSections, sectionCoversAge, type SectionCandidate } from './rules/sections'
import type { AttachmentRequest } from './schema'

// The clinic's sections with their age bands and load: what a section is chosen from.
export async function clinicSections(db: Database | Transaction, organizationId: number): Promise<SectionCandidate[]> {
  const rows = await db
    .select({
      id: sections.id,
      number: sections.number,
      ageFrom: sections.ageFrom,
      ageTo: sections.ageTo,
      territoryKk: sections.territoryKk,
      territoryRu: sections.territoryRu,
      norm: sections.capacityNorm,
      attached: attachedCounts.attached,
    })
    .from(sections)
    .leftJoin(
      attachedCounts,
      and(eq(attachedCounts.organizationId, sections.organizationId), eq(attachedCounts.sectionId, sections.id)),
    )
    .where(eq(sections.organizationId, organizationId))
  return rows.map((row) => ({ ...row, attached: Number(row.attached ?? 0) }))
}

async function candidatesFor(db: Database | Transaction, organizationId: number, patientId: number) {
  const [person] = await db.select({ birthDate: patients.birthDate }).from(patients).where(eq(patients.id, patientId))
  return { birthDate: person?.birthDate ?? null, candidates: await clinicSections(db, organizationId) }
}

// An attachment is never left without a section: a request that left it to the clinic gets one at approval, chosen by
// the registrar from the sections that serve the person's age, the person's territory first, then the least loaded
// (rankSections). A caller that chose nothing (a family member decided with the others, an API call) gets that
// suggestion; a clinic with no section for the person's age cannot approve, and says so.
export const attachmentSectionChoice: ApprovalDetails<AttachmentRequest> = {
  async choices(db, request, { today, locale }) {
    if (request.payload.sectionId !== null) return []
    const { birthDate, candidates } = await candidatesFor(db, request.organizationId, request.patientId)
    if (!birthDate) return []
    const ranked = rankSections(candidates, { birthDate, address: request.payload.address }, today)
    return [
      {
        name: 'sectionId',
        label: 'decision.section',
        hint: 'decision.sectionHint',
        options: ranked.map((section) => ({
          value: String(section.id),
          label: `№${section.number} (${section.attached}/${section.norm}) ${locale === 'ru' ? section.territoryRu : section.territoryKk}`,
        })),
        value: ranked[0] ? String(ranked[0].id) : null,
      },
    ]
  },

  async complete(tx, request, chosen, { today }) {
    const payload = request.payload
    if (payload.sectionId !== null) return { ok: true, payload }
    const { birthDate, candidates } = await candidatesFor(tx, request.organizationId, request.patientId)
    const typed = chosen?.sectionId
    if (typed !== undefined && !/^[1-9][0-9]{0,14}$/.test(typed))
      return { ok: false, code: 'errors.attachment.sectionInvalid', field: 'sectionId' }
    const section = typed
      ? candidates.find((candidate) => candidate.id === Number(typed))
      : birthDate
        ? rankSections(candidates, { birthDate, address: payload.address }, today)[0]
        : undefined
    if (typed && !section) return { ok: false, code: 'errors.attachment.sectionInvalid', field: 'sectionId' }
    if (!section || !birthDate) return { ok: false, code: 'errors.attachment.noSectionForAge', field: 'sectionId' }
    if (!sectionCoversAge(section, birthDate, today))
      return { ok: false, code: 'errors.attachment.sectionAgeBand', field: 'sectionId' }
    return { ok: true, payload: { ...payload, sectionId: section.id } }
  },
}

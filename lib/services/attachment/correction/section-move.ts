import { and, eq, sql } from 'drizzle-orm'
import { attachmentSectionChanges, attachments, patients, sections } from '@/db/schema'
import type { Transaction } from '@/lib/requests/contract'
import { sectionCoversAge } from '../rules/sections'

export type SectionRefusal = 'errors.attachment.sectionInvalid' | 'errors.attachment.sectionAgeBand'

// A section the person can be moved to: one of the clinic's own, serving the person's age on `today`
// (rules/sections.ts), the same test the approval's choice passes.
export async function sectionRefusal(
  tx: Transaction,
  input: { organizationId: number; patientId: number; sectionId: number; today: string },
): Promise<SectionRefusal | null> {
  const [row] = await tx
    .select({ ageFrom: sections.ageFrom, ageTo: sections.ageTo, birthDate: patients.birthDate })
    .from(sections)
    .innerJoin(patients, eq(patients.id, input.patientId))
    .where(and(eq(sections.id, input.sectionId), eq(sections.organizationId, input.organizationId)))
  if (!row) return 'errors.attachment.sectionInvalid'
  if (!sectionCoversAge(row, row.birthDate, input.today)) return 'errors.attachment.sectionAgeBand'
  return null
}

// Moves an attachment to another section and keeps the old one in its history. The register entry and the sections'
// counts follow by the triggers of migration 0014 (attachments → register_entries → attached_counts), in the same
// transaction. The caller holds the attachment's row lock.
export async function moveAttachmentSection(
  tx: Transaction,
  attachment: { id: number; organizationId: number; sectionId: number | null },
  toSectionId: number,
  record: { reason: string; cause: 'change' | 'correction'; actorId: number; now: Date },
): Promise<number> {
  const [updated] = await tx
    .update(attachments)
    .set({ sectionId: toSectionId, version: sql`${attachments.version} + 1` })
    .where(eq(attachments.id, attachment.id))
    .returning({ version: attachments.version })
  await tx.insert(attachmentSectionChanges).values({
    attachmentId: attachment.id,
    organizationId: attachment.organizationId,
    fromSectionId: attachment.sectionId,
    toSectionId,
    reason: record.reason,
    cause: record.cause,
    changedBy: record.actorId,
    changedAt: record.now,
  })
  return updated!.version
}

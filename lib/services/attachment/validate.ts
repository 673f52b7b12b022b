import { and, eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { organizations, sections } from '@/db/schema'
import type { AttachmentRequest } from './schema'

// The clinic must provide primary care, and a chosen section must be one of its own.
export async function validateAttachment(
  db: Database,
  payload: AttachmentRequest,
): Promise<{ ok: true } | { ok: false; code: string; field: string }> {
  const [clinic] = await db
    .select({ id: organizations.id, sectionId: sections.id })
    .from(organizations)
    .leftJoin(sections, and(eq(sections.organizationId, organizations.id), eq(sections.id, payload.sectionId ?? 0)))
    .where(and(eq(organizations.id, payload.clinicId), eq(organizations.type, 'primary_care')))
  if (!clinic) return { ok: false, code: 'errors.attachment.clinicRequired', field: 'clinicId' }
  if (payload.sectionId !== null && clinic.sectionId === null) {
    return { ok: false, code: 'errors.attachment.sectionInvalid', field: 'sectionId' }
  }
  return { ok: true }
}

import 'server-only'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { attachments, detachments, patients } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { isAttachmentInForce } from '../in-force'
import { detachmentDayRefusal, endsEveryAttachment } from '../rules/detachment'
import type { DetachmentData } from './schema'

type Result = ActionResult<
  { detachmentId: number; replayed: boolean },
  'errors.request.notFound' | 'errors.request.duplicateKey' | 'errors.detachment.notInForce'
>

// Annulled order 004 annex 3 p.6(4): the clinic records that a person attached to it died (on the death certificate)
// or left the country (on their application); or, for a clinic outside Tirkeu, that they were attached elsewhere (p.14).
// The attachment in force ends on that day, so the register, the sections' lists and the counts follow (the triggers
// of migration 0014); a death also ends a campaign attachment waiting for 1 January. Under the patient's lock, so two
// registrars recording at once give one detachment and one `notInForce`.
export async function recordDetachment(
  db: Database,
  actor: StaffActor,
  data: DetachmentData,
  context: { now: Date; address: string | null },
): Promise<Result> {
  const today = almatyDay(context.now)
  return db.transaction(async (tx): Promise<Result> => {
    const [replayed] = await tx
      .select({ id: detachments.id, recordedBy: detachments.recordedBy })
      .from(detachments)
      .where(eq(detachments.idempotencyKey, data.idempotencyKey))
    if (replayed)
      return replayed.recordedBy === actor.id
        ? { ok: true, data: { detachmentId: replayed.id, replayed: true } }
        : { ok: false, code: 'errors.request.duplicateKey' }
    // The person's current attachment (one per person), or the last one when none is current: a registrar who lost a
    // race to detach the person is told it is no longer in force, not that the person is missing. Another clinic's, or
    // none, looks missing.
    const [target] = await tx
      .select({ organizationId: attachments.organizationId })
      .from(attachments)
      .where(eq(attachments.patientId, data.patientId))
      .orderBy(sql`${attachments.status} = 'active' desc`, desc(attachments.id))
      .limit(1)
    if (!target || !authorize(actor, 'attachment.detach', { ...target, patientId: data.patientId }))
      return { ok: false, code: 'errors.request.notFound' }
    await tx.execute(sql`select 1 from ${patients} where ${patients.id} = ${data.patientId} for update`)
    const [attachment] = await tx
      .select({ id: attachments.id, status: attachments.status, validFrom: attachments.validFrom, validTo: attachments.validTo })
      .from(attachments)
      .where(
        and(
          eq(attachments.patientId, data.patientId),
          eq(attachments.status, 'active'),
          eq(attachments.organizationId, target.organizationId),
        ),
      )
    if (!attachment || !isAttachmentInForce(attachment, today)) return { ok: false, code: 'errors.detachment.notInForce' }
    const refusal = detachmentDayRefusal(data.detachedOn, attachment, today)
    if (refusal) return invalidInput({ detachedOn: refusal })

    await tx
      .update(attachments)
      .set({ status: 'ended', validTo: data.detachedOn, version: sql`${attachments.version} + 1` })
      .where(and(eq(attachments.id, attachment.id), eq(attachments.status, 'active')))
    if (endsEveryAttachment(data.reason))
      await tx
        .update(attachments)
        .set({ status: 'ended', validTo: sql`${attachments.validFrom}`, version: sql`${attachments.version} + 1` })
        .where(and(eq(attachments.patientId, data.patientId), eq(attachments.status, 'scheduled')))
    const [detachment] = await tx
      .insert(detachments)
      .values({
        attachmentId: attachment.id,
        patientId: data.patientId,
        organizationId: target.organizationId,
        reason: data.reason,
        detachedOn: data.detachedOn,
        note: data.note || null,
        recordedBy: actor.id,
        recordedAt: context.now,
        idempotencyKey: data.idempotencyKey,
      })
      .returning({ id: detachments.id })
    await writeAudit(tx, {
      actor,
      action: 'attachment.detach',
      organizationId: target.organizationId,
      patientId: data.patientId,
      entity: 'attachment',
      entityId: attachment.id,
      address: context.address,
      details: { reason: data.reason, detachedOn: data.detachedOn, detachmentId: detachment!.id },
    })
    return { ok: true, data: { detachmentId: detachment!.id, replayed: false } }
  })
}

import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { requestEvents, requests } from '@/db/schema'
import type { ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { Actor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import type { EngineContext } from '@/lib/requests/engine'
import { forwardedGrounds } from './index'
import { qualityControlAnswerEvent, type QualityControlAnswer } from './schema'

export type RecordAnswerCode =
  'errors.request.notFound' | 'errors.complaint.notForwarded' | 'errors.complaint.answerAlreadyRecorded'

// p.39-40: the quality-control body answers a forwarded complaint; the head records that answer on the complaint, as
// an event of its history (the complaint's status stays "forwarded"). One answer per complaint; a replayed submit
// returns the first.
export async function recordQualityControlAnswer(
  db: Database,
  actor: Actor,
  input: QualityControlAnswer,
  context: EngineContext,
): Promise<ActionResult<{ recordedAt: string; replayed: boolean }, RecordAnswerCode>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: requests.id,
        organizationId: requests.organizationId,
        patientId: requests.patientId,
        service: requests.service,
        status: requests.status,
        refusalGround: requests.refusalGround,
      })
      .from(requests)
      .where(eq(requests.id, input.requestId))
      .for('update', { of: requests })
    if (
      !row ||
      row.service !== 'complaint' ||
      !authorize(actor, 'complaint.recordReview', { organizationId: row.organizationId, patientId: row.patientId })
    ) {
      return { ok: false, code: 'errors.request.notFound' }
    }
    if (row.status !== 'refused' || !forwardedGrounds.includes(row.refusalGround ?? ''))
      return { ok: false, code: 'errors.complaint.notForwarded' }
    const [existing] = await tx
      .select({ createdAt: requestEvents.createdAt, key: sql<string | null>`${requestEvents.data}->>'idempotencyKey'` })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, row.id), eq(requestEvents.type, qualityControlAnswerEvent)))
    if (existing) {
      return existing.key === input.idempotencyKey
        ? { ok: true, data: { recordedAt: existing.createdAt.toISOString(), replayed: true } }
        : { ok: false, code: 'errors.complaint.answerAlreadyRecorded' }
    }
    await tx.insert(requestEvents).values({
      requestId: row.id,
      type: qualityControlAnswerEvent,
      actorKind: actor.kind,
      actorId: actor.id,
      createdAt: context.now,
      data: { outcome: input.outcome, text: input.text, idempotencyKey: input.idempotencyKey },
    })
    await writeAudit(tx, {
      actor,
      action: 'complaint.recordReview',
      organizationId: row.organizationId,
      patientId: row.patientId,
      entity: 'request',
      entityId: row.id,
      address: context.address,
      details: { outcome: input.outcome },
    })
    return { ok: true, data: { recordedAt: context.now.toISOString(), replayed: false } }
  })
}

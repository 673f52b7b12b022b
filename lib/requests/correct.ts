import 'server-only'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { documents, requestEvents, requests, type Locale } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize, permissionOf } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { supersedeDocument } from '@/lib/documents/lifecycle'
import type { ErrorCode } from '@/lib/errors/codes'
import { isUuid } from '@/lib/route-params'
import { documentKindOf, serviceOf } from '@/lib/services'
import type { ApprovalChoice } from './contract'
import type { EngineContext } from './engine'

export type CorrectionCode =
  | 'errors.request.notFound'
  | 'errors.request.notAllowed'
  | 'errors.request.stale'
  | 'errors.request.correctionUnchanged'
  | 'errors.document.notFound'
  | 'errors.document.stale'
  | 'errors.document.alreadySuperseded'
  | ErrorCode

// A document its signer sent back (status draft, not yet superseded), made by the request's decision: the registrar
// corrects what it was made from. Read with the signer's reason from the request's history.
function returnedDocuments(db: Pick<Database, 'select'>, requestId: string, organizationId: number, documentId?: string) {
  return db
    .select({
      id: documents.id,
      kind: documents.kind,
      number: documents.number,
      version: documents.version,
      reason: sql<string>`(select e.data->>'reason' from ${requestEvents} e
        where e.request_id = "documents"."request_id" and e.type = 'document_returned'
          and e.data->>'documentId' = "documents"."id"::text
        order by e.id desc limit 1)`,
    })
    .from(documents)
    .where(
      and(
        eq(documents.requestId, requestId),
        eq(documents.organizationId, organizationId),
        eq(documents.status, 'draft'),
        documentId ? eq(documents.id, documentId) : undefined,
        sql`not exists (select 1 from documents n where n.supersedes_id = "documents"."id")`,
        sql`exists (select 1 from ${requestEvents} e where e.request_id = "documents"."request_id"
          and e.type = 'document_returned' and e.data->>'documentId' = "documents"."id"::text)`,
      ),
    )
    .orderBy(desc(documents.createdAt))
}

export type CorrectionFormDto = {
  requestId: string
  version: number
  document: { id: string; kind: string; number: string; version: number; reason: string }
  // The facts as the request has them now, by field, and the choices its selects offer.
  current: Record<string, string>
  choices: ApprovalChoice[]
}

// What the correction form starts from, when the request has a returned document, its service lets facts be
// corrected, and the actor may decide its requests; else null. Scoped by the actor's clinic.
export async function correctionFormOf(
  db: Database,
  actor: StaffActor,
  requestId: string,
  locale: Locale,
  today = almatyDay(new Date()),
): Promise<CorrectionFormDto | null> {
  if (!isUuid(requestId)) return null
  const [row] = await db
    .select({
      id: requests.id,
      service: requests.service,
      organizationId: requests.organizationId,
      patientId: requests.patientId,
      payload: requests.payload,
      version: requests.version,
    })
    .from(requests)
    .where(and(eq(requests.id, requestId), eq(requests.organizationId, actor.organizationId)))
  const service = row ? serviceOf(row.service) : null
  if (!row || !service?.correction || !authorize(actor, 'approve', row)) return null
  const parsed = service.schema.safeParse(row.payload)
  if (!parsed.success) return null
  const [document] = await returnedDocuments(db, row.id, row.organizationId).limit(1)
  if (!document) return null
  const request = { ...row, payload: parsed.data }
  return {
    requestId: row.id,
    version: row.version,
    document: { ...document, reason: document.reason ?? '' },
    current: service.correction.current(parsed.data),
    choices: await service.correction.choices(db, request, { today, locale }),
  }
}

// Something checked before any write turned out otherwise after: the transaction is rolled back with this answer.
class CorrectionRefused extends Error {
  constructor(readonly code: CorrectionCode) {
    super(code)
  }
}

// The registrar corrects the facts a returned document was made from. One transaction: the request row locked and
// its version checked, the facts parsed and applied by the service (its own tables too: an attachment's section), the
// payload stored with an event holding what changed and the signer's reason, an audit row, and the returned document
// superseded by a new one (new number) from the corrected data, awaiting its signer. The old stays in the history.
export async function correctRequest(
  db: Database,
  actor: StaffActor,
  input: { requestId: string; version: number; documentId: string; documentVersion: number; facts: Record<string, unknown> },
  context: Pick<EngineContext, 'now' | 'address'>,
): Promise<ActionResult<{ version: number; documentId: string; number: string }, CorrectionCode>> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({
          id: requests.id,
          organizationId: requests.organizationId,
          patientId: requests.patientId,
          service: requests.service,
          channel: requests.channel,
          payload: requests.payload,
          version: requests.version,
          submittedAt: requests.submittedAt,
          groupId: requests.groupId,
        })
        .from(requests)
        .where(eq(requests.id, input.requestId))
        .for('update')
      if (!row) return { ok: false, code: 'errors.request.notFound' }
      const service = serviceOf(row.service)
      const permission = permissionOf(actor, 'approve', row)
      if (!service || permission === 'outOfScope') return { ok: false, code: 'errors.request.notFound' }
      if (permission === 'forbidden' || !service.correction) return { ok: false, code: 'errors.request.notAllowed' }
      if (row.version !== input.version) return { ok: false, code: 'errors.request.stale' }
      const [document] = await returnedDocuments(tx, row.id, row.organizationId, input.documentId).for('update', {
        of: documents,
      })
      if (!document) {
        const [any] = await tx
          .select({ id: documents.id })
          .from(documents)
          .where(and(eq(documents.id, input.documentId), eq(documents.requestId, row.id)))
        return { ok: false, code: any ? 'errors.document.alreadySuperseded' : 'errors.document.notFound' }
      }
      if (document.version !== input.documentVersion) return { ok: false, code: 'errors.document.stale' }
      if (documentKindOf(document.kind)?.madeAt === 'submission') return { ok: false, code: 'errors.request.notAllowed' }
      const facts = service.correction.schema.safeParse(input.facts)
      if (!facts.success) return invalidInput(facts.error)
      const stored = service.schema.safeParse(row.payload)
      if (!stored.success) return { ok: false, code: 'errors.unexpected' }
      const reason = document.reason ?? ''
      const applied = await service.correction.apply(
        tx,
        {
          id: row.id,
          organizationId: row.organizationId,
          patientId: row.patientId,
          channel: row.channel,
          submittedAt: row.submittedAt,
          groupId: row.groupId,
          payload: stored.data,
        },
        facts.data,
        { today: almatyDay(context.now), now: context.now, actorId: actor.id, reason },
      )
      if (!applied.ok) return { ok: false, code: applied.code, fieldErrors: { [applied.field]: applied.code } }
      if (Object.keys(applied.changes).length === 0) throw new CorrectionRefused('errors.request.correctionUnchanged')
      const [updated] = await tx
        .update(requests)
        .set({ payload: applied.payload, version: sql`${requests.version} + 1` })
        .where(and(eq(requests.id, row.id), eq(requests.version, row.version)))
        .returning({ version: requests.version })
      const eventData = {
        documentId: document.id,
        kind: document.kind,
        number: document.number,
        reason,
        changes: applied.changes,
      }
      await tx.insert(requestEvents).values({
        requestId: row.id,
        type: 'corrected',
        actorKind: actor.kind,
        actorId: actor.id,
        createdAt: context.now,
        data: eventData,
      })
      await writeAudit(tx, {
        actor,
        action: 'request.correct',
        organizationId: row.organizationId,
        patientId: row.patientId,
        entity: 'request',
        entityId: row.id,
        address: context.address,
        details: { service: row.service, ...eventData },
      })
      const superseded = await supersedeDocument(tx, actor, document.id, {
        version: document.version,
        now: context.now,
        address: context.address,
      })
      if (!superseded.ok) throw new CorrectionRefused(superseded.code)
      return {
        ok: true,
        data: { version: updated!.version, documentId: superseded.data.documentId, number: superseded.data.number },
      }
    })
  } catch (error) {
    if (error instanceof CorrectionRefused) return { ok: false, code: error.code }
    throw error
  }
}

import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { documentCounters, documents, organizations, patients, requestEvents, requests, staff, type StaffRole } from '@/db/schema'
import { staffFullName } from '@/db/names'
import { writeAudit } from '@/lib/audit'
import { documentKindOf, serviceOf } from '@/lib/services'
import type { Transaction } from '@/lib/requests/contract'
import { canonicalJson, sha256Hex } from './canonical'
import { clinicHeaderColumns, patientLineColumns } from './columns'
import type { AnyDocumentKind, CommonSources, SourceRequest, SubmittedSources } from './contract'
import { newVerificationCode } from './verification-code'

// Per clinic and kind, a plain sequence like the request numbers the coupon carried before ("1042").
export function formatDocumentNumber(sequence: number): string {
  return String(sequence)
}

// The next number of this kind at this clinic. The upsert takes the counter row's lock until the transaction ends, so
// concurrent creations get consecutive, distinct numbers (and a rolled-back creation gives its number back).
export async function nextDocumentNumber(tx: Transaction, organizationId: number, kind: string): Promise<string> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ organizationId, kind, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentCounters.organizationId, documentCounters.kind],
      set: { lastNumber: sql`${documentCounters.lastNumber} + 1` },
    })
    .returning({ lastNumber: documentCounters.lastNumber })
  return formatDocumentNumber(row!.lastNumber)
}

// What every document of a decided request is made from, as the deciding transaction sees it; the refusal ground's
// text comes from the request's service.
export async function loadCommonSources(
  tx: Transaction,
  requestId: string,
): Promise<{ request: SourceRequest; common: CommonSources }> {
  const [row] = await tx
    .select({
      organizationId: requests.organizationId,
      patientId: requests.patientId,
      service: requests.service,
      number: requests.number,
      payload: requests.payload,
      submittedAt: requests.submittedAt,
      decidedAt: requests.decidedAt,
      refusalGround: requests.refusalGround,
      refusalReason: requests.refusalReason,
      // The BIN goes into the snapshot: a document signed on behalf of the clinic must carry it in its certificate.
      clinic: { ...clinicHeaderColumns, bin: organizations.bin },
      patient: { ...patientLineColumns, address: patients.address },
      decider: { id: staff.id, name: staffFullName, role: staff.role },
    })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .innerJoin(staff, eq(staff.id, requests.decidedBy))
    .where(eq(requests.id, requestId))
  if (!row || !row.decidedAt) throw new Error(`documents: request ${requestId} is not decided`)
  const grounds = serviceOf(row.service)?.refusalGrounds ?? []
  const ground = row.refusalGround ? grounds.find((candidate) => candidate.code === row.refusalGround) : undefined
  return {
    request: { id: requestId, organizationId: row.organizationId, patientId: row.patientId, payload: row.payload },
    common: {
      request: { number: row.number, submittedAt: row.submittedAt, decidedAt: row.decidedAt },
      clinic: row.clinic,
      patient: row.patient,
      refusal:
        ground && row.refusalReason
          ? {
              ground: ground.code,
              titleKk: ground.titleKk,
              titleRu: ground.titleRu,
              kk: ground.kk,
              ru: ground.ru,
              reason: row.refusalReason,
            }
          : null,
      decider: { id: row.decider.id, name: row.decider.name, role: row.decider.role as StaffRole },
    },
  }
}

// What every document of a request just submitted is made from, as the submitting transaction sees it.
export async function loadSubmittedSources(
  tx: Transaction,
  requestId: string,
): Promise<{ request: SourceRequest; common: SubmittedSources }> {
  const [row] = await tx
    .select({
      organizationId: requests.organizationId,
      patientId: requests.patientId,
      number: requests.number,
      channel: requests.channel,
      payload: requests.payload,
      submittedAt: requests.submittedAt,
      clinic: clinicHeaderColumns,
      patient: { ...patientLineColumns, address: patients.address },
      acceptedById: staff.id,
      acceptedByName: staffFullName,
      acceptedByRole: staff.role,
    })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .innerJoin(patients, eq(patients.id, requests.patientId))
    .leftJoin(staff, eq(staff.id, requests.applicantStaffId))
    .where(eq(requests.id, requestId))
  if (!row) throw new Error(`documents: request ${requestId} does not exist`)
  return {
    request: { id: requestId, organizationId: row.organizationId, patientId: row.patientId, payload: row.payload },
    common: {
      request: { number: row.number, channel: row.channel, submittedAt: row.submittedAt },
      clinic: row.clinic,
      patient: row.patient,
      acceptedBy:
        row.acceptedById !== null && row.acceptedByRole !== null
          ? { id: row.acceptedById, name: row.acceptedByName, role: row.acceptedByRole as StaffRole }
          : null,
    },
  }
}

export type CreatedDocument = {
  id: string
  kind: string
  number: string
  // null: signed by hand on paper, recorded issued at once (DocumentKindDefinition.signer).
  signerId: number | null
  verificationCode: string
}

function definitionOf(kind: string): AnyDocumentKind {
  const definition = documentKindOf(kind)
  if (!definition) throw new Error(`documents: no service issues documents of kind "${kind}"`)
  return definition
}

export type CreateContext = {
  now: Date
  actor: { kind: 'staff' | 'patient'; id: number }
  supersedesId?: string | null
}

// Freezes one document of each kind (the catalogue's kinds: ServiceDefinition.documents) for a request, in the
// caller's transaction: made by a decision (the common sources of a decided request), or by the submission
// (kinds `madeAt: 'submission'`, from what a request just submitted has). A kind with a staff signer waits for their
// signature; one the applicant signs by hand on paper is recorded issued at once.
export async function createRequestDocuments(
  tx: Transaction,
  requestId: string,
  kinds: readonly string[],
  context: CreateContext,
): Promise<CreatedDocument[]> {
  const definitions = kinds.map(definitionOf)
  const created: CreatedDocument[] = []
  const atSubmission = definitions.filter((definition) => definition.madeAt === 'submission')
  const atDecision = definitions.filter((definition) => definition.madeAt !== 'submission')
  if (atSubmission.length > 0) {
    const { request, common } = await loadSubmittedSources(tx, requestId)
    created.push(...(await freeze(tx, atSubmission, request, common, context)))
  }
  if (atDecision.length > 0) {
    const { request, common } = await loadCommonSources(tx, requestId)
    created.push(...(await freeze(tx, atDecision, request, common, context)))
  }
  // In the order the kinds were asked for.
  return kinds.map((kind) => created.find((document) => document.kind === kind)!)
}

async function freeze(
  tx: Transaction,
  definitions: readonly AnyDocumentKind[],
  request: SourceRequest,
  // The sources of the kinds' own moment: each kind's loader is typed for it (madeAt).
  common: CommonSources | SubmittedSources,
  context: CreateContext,
): Promise<CreatedDocument[]> {
  // Kinds of one service usually share their loader: it runs once.
  const loaded = new Map<NonNullable<AnyDocumentKind['sources']>, CommonSources | SubmittedSources>()
  const created: CreatedDocument[] = []
  for (const definition of definitions) {
    const { kind } = definition
    let sources = common
    if (definition.sources) {
      sources = loaded.get(definition.sources) ?? (await definition.sources(tx, request, sources))
      loaded.set(definition.sources, sources)
    }
    const number = await nextDocumentNumber(tx, request.organizationId, kind)
    // Stored exactly as hashed (NFC strings, no undefined), so the row's snapshot rehashes to its snapshot_hash. The
    // canonical text is its own canonical form: it is hashed once, as it is stored.
    const text = canonicalJson(definition.snapshot(number, sources))
    const signer = definition.signer(sources)
    const verificationCode = newVerificationCode()
    const details = {
      kind,
      number,
      requestId: request.id,
      signerId: signer?.id ?? null,
      ...(context.supersedesId ? { supersedes: context.supersedesId } : {}),
    }
    // The document and its audit row in one statement.
    const [row] = await tx.execute<{ id: string }>(sql`
      with d as (
        insert into documents (organization_id, request_id, patient_id, kind, number, status, snapshot, snapshot_hash,
                               verification_code, signer_id, supersedes_id, created_at)
        values (${request.organizationId}, ${request.id}, ${request.patientId}, ${kind}, ${number},
                ${signer ? 'awaiting_signature' : 'issued'}, ${text}::jsonb, ${sha256Hex(text)}, ${verificationCode},
                ${signer?.id ?? null}::bigint, ${context.supersedesId ?? null}::uuid, ${context.now.toISOString()}::timestamptz)
        returning id),
      a as (
        insert into audit_log (actor_kind, actor_id, action, organization_id, patient_id, entity, entity_id, details)
        select ${context.actor.kind}, ${context.actor.id}::bigint, 'document.create', ${request.organizationId}::bigint,
               ${request.patientId}::bigint, 'document', d.id::text, ${JSON.stringify(details)}::jsonb
        from d)
      select id from d`)
    const audit = {
      actor: context.actor,
      organizationId: request.organizationId,
      patientId: request.patientId,
      entity: 'document',
      entityId: row!.id,
    }
    if (!signer) {
      await writeAudit(tx, { ...audit, action: 'document.issue', details: { kind, number, signedOnPaper: true } })
      await tx.insert(requestEvents).values({
        requestId: request.id,
        type: 'document_recorded',
        actorKind: context.actor.kind,
        actorId: context.actor.id,
        createdAt: context.now,
        data: { documentId: row!.id, kind, number },
      })
    }
    created.push({ id: row!.id, kind, number, signerId: signer?.id ?? null, verificationCode })
  }
  return created
}

import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { documentCounters, documents, organizations, patients, requests, staff, type StaffRole } from '@/db/schema'
import { staffFullName } from '@/db/names'
import { writeAudit } from '@/lib/audit'
import { documentKindOf, serviceOf } from '@/lib/services'
import type { Transaction } from '@/lib/requests/contract'
import { canonicalJson, snapshotHash } from './canonical'
import { clinicHeaderColumns, patientLineColumns } from './columns'
import type { CommonSources, DocumentKindDefinition, SourceRequest } from './contract'
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
      clinic: clinicHeaderColumns,
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

export type CreatedDocument = { id: string; kind: string; number: string; signerId: number; verificationCode: string }

function definitionOf(kind: string): DocumentKindDefinition {
  const definition = documentKindOf(kind)
  if (!definition) throw new Error(`documents: no service issues documents of kind "${kind}"`)
  return definition
}

// Freezes one document of each kind (the catalogue's kinds: ServiceDefinition.documents) for a decided request,
// awaiting its signer, in the caller's transaction.
export async function createRequestDocuments(
  tx: Transaction,
  requestId: string,
  kinds: readonly string[],
  context: { now: Date; actorId: number; supersedesId?: string | null },
): Promise<CreatedDocument[]> {
  const definitions = kinds.map(definitionOf)
  const { request, common } = await loadCommonSources(tx, requestId)
  // Kinds of one service usually share their loader: it runs once.
  const loaded = new Map<NonNullable<DocumentKindDefinition['sources']>, CommonSources>()
  const created: CreatedDocument[] = []
  for (const definition of definitions) {
    const { kind } = definition
    let sources = common
    if (definition.sources) {
      sources = loaded.get(definition.sources) ?? (await definition.sources(tx, request, common))
      loaded.set(definition.sources, sources)
    }
    const number = await nextDocumentNumber(tx, request.organizationId, kind)
    // Stored exactly as hashed (NFC strings, no undefined), so the row's snapshot rehashes to its snapshot_hash.
    const snapshot = JSON.parse(canonicalJson(definition.snapshot(number, sources))) as Record<string, unknown>
    const signer = definition.signer(sources)
    const verificationCode = newVerificationCode()
    const [row] = await tx
      .insert(documents)
      .values({
        organizationId: request.organizationId,
        requestId,
        patientId: request.patientId,
        kind,
        number,
        status: 'awaiting_signature',
        snapshot,
        snapshotHash: snapshotHash(snapshot),
        verificationCode,
        signerId: signer.id,
        supersedesId: context.supersedesId ?? null,
        createdAt: context.now,
      })
      .returning({ id: documents.id })
    await writeAudit(tx, {
      actor: { kind: 'staff', id: context.actorId },
      action: 'document.create',
      organizationId: request.organizationId,
      patientId: request.patientId,
      entity: 'document',
      entityId: row!.id,
      details: {
        kind,
        number,
        requestId,
        signerId: signer.id,
        ...(context.supersedesId ? { supersedes: context.supersedesId } : {}),
      },
    })
    created.push({ id: row!.id, kind, number, signerId: signer.id, verificationCode })
  }
  return created
}

import 'server-only'
import { and, asc, eq, sql } from 'drizzle-orm'
import {
  attachments,
  documentCounters,
  documents,
  organizations,
  patients,
  requests,
  sectionDoctors,
  sections,
  staff,
  type StaffRole,
} from '@/db/schema'
import { staffFullName } from '@/db/names'
import { writeAudit } from '@/lib/audit'
import { messagesFor } from '@/lib/i18n/messages'
import type { RefusalGround, Transaction } from '@/lib/services/contract'
import { canonicalJson, snapshotHash } from './canonical'
import { clinicHeaderColumns, patientLineColumns } from './columns'
import { buildSnapshot, formatDocumentNumber, signerFor, type DocumentKind, type DocumentSources } from './kinds'
import { newVerificationCode } from './verification-code'

// The next number of this kind at this clinic. The upsert takes the counter row's lock until the transaction ends, so
// concurrent creations get consecutive, distinct numbers (and a rolled-back creation gives its number back).
export async function nextDocumentNumber(tx: Transaction, organizationId: number, kind: DocumentKind): Promise<string> {
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

type BasisCode = keyof ReturnType<typeof messagesFor>['patient']['attachment']['bases']

// What the documents of a decided request are made from, as the deciding transaction sees it.
export async function loadDocumentSources(
  tx: Transaction,
  requestId: string,
  refusalGrounds: readonly RefusalGround[],
): Promise<DocumentSources & { organizationId: number; patientId: number }> {
  const [row] = await tx
    .select({
      organizationId: requests.organizationId,
      patientId: requests.patientId,
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
  const payload = row.payload
  const [attachment] = await tx
    .select({ validFrom: attachments.validFrom, validTo: attachments.validTo, sectionId: attachments.sectionId })
    .from(attachments)
    .where(eq(attachments.sourceRequestId, requestId))
    .orderBy(asc(attachments.id))
    .limit(1)
  const sectionId = attachment?.sectionId ?? (Number(payload.sectionId) || null)
  const section = sectionId ? await sectionWithDoctor(tx, sectionId, row.organizationId) : null
  const basisCode = typeof payload.basis === 'string' ? payload.basis : null
  const bases = { kk: messagesFor('kk').patient.attachment.bases, ru: messagesFor('ru').patient.attachment.bases }
  const basis =
    basisCode && basisCode in bases.kk
      ? { code: basisCode, kk: bases.kk[basisCode as BasisCode], ru: bases.ru[basisCode as BasisCode] }
      : null
  const ground = row.refusalGround ? refusalGrounds.find((candidate) => candidate.code === row.refusalGround) : undefined
  return {
    organizationId: row.organizationId,
    patientId: row.patientId,
    request: { number: row.number, submittedAt: row.submittedAt, decidedAt: row.decidedAt },
    clinic: row.clinic,
    // The address the person gave in the request (actual or registered, p.9, p.12), else the one on record.
    patient: { ...row.patient, address: typeof payload.address === 'string' ? payload.address : row.patient.address },
    basis,
    section,
    attachment: attachment ? { validFrom: attachment.validFrom, validTo: attachment.validTo } : null,
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
  }
}

async function sectionWithDoctor(tx: Transaction, sectionId: number, organizationId: number) {
  const [section] = await tx
    .select({ number: sections.number })
    .from(sections)
    .where(and(eq(sections.id, sectionId), eq(sections.organizationId, organizationId)))
  if (!section) return null
  const [doctor] = await tx
    .select({ id: staff.id, name: staffFullName, role: staff.role })
    .from(sectionDoctors)
    .innerJoin(staff, eq(staff.id, sectionDoctors.staffId))
    .where(and(eq(sectionDoctors.sectionId, sectionId), eq(staff.active, true)))
    .orderBy(asc(staff.lastName), asc(staff.id))
    .limit(1)
  return { number: section.number, doctor: doctor ? { ...doctor, role: doctor.role as StaffRole } : null }
}

export type CreatedDocument = { id: string; kind: DocumentKind; number: string; signerId: number; verificationCode: string }

// Freezes one document of each kind for a decided request, awaiting its signer, in the caller's transaction.
export async function createRequestDocuments(
  tx: Transaction,
  requestId: string,
  kinds: readonly DocumentKind[],
  context: { now: Date; actorId: number; refusalGrounds: readonly RefusalGround[]; supersedesId?: string | null },
): Promise<CreatedDocument[]> {
  const sources = await loadDocumentSources(tx, requestId, context.refusalGrounds)
  const created: CreatedDocument[] = []
  for (const kind of kinds) {
    const number = await nextDocumentNumber(tx, sources.organizationId, kind)
    // Stored exactly as hashed (NFC strings, no undefined), so the row's snapshot rehashes to its snapshot_hash.
    const snapshot = JSON.parse(canonicalJson(buildSnapshot(kind, number, sources))) as Record<string, unknown>
    const signer = signerFor(kind, sources)
    const verificationCode = newVerificationCode()
    const [row] = await tx
      .insert(documents)
      .values({
        organizationId: sources.organizationId,
        requestId,
        patientId: sources.patientId,
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
      organizationId: sources.organizationId,
      patientId: sources.patientId,
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

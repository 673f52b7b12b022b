import 'server-only'
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { staffNameOf } from '@/db/names'
import { documents, requestEvents, type DocumentStatus } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import type { PatientActor, StaffActor } from '@/lib/auth/actor'
import { authorize } from '@/lib/auth/authorize'
import { documentFileName, renderDocument } from '@/lib/pdf/documents'
import { isUuid } from '@/lib/route-params'
import { documentKindOf, documentKinds } from '@/lib/services'
import type { BaseSnapshot } from './contract'
import { isDocumentKind, type DocumentKind } from './kinds'
import { validThrough } from './validity'

export type DocumentRowDto = {
  id: string
  kind: DocumentKind
  number: string
  status: DocumentStatus
  signerName: string | null
  // No staff signer: the applicant signs the printed page by hand (a written application, p.23).
  signedOnPaper: boolean
  signedAt: Date | null
  revokedAt: Date | null
  revokedReason: string | null
  // Why the signer sent it back (status draft), from the request's history.
  returnedReason: string | null
  supersedesNumber: string | null
  supersededBy: string | null
  version: number
  // The last day it holds, when its kind sets a validity (DocumentKindDefinition.validity); the page compares it
  // with the day it is shown on.
  validThrough: string | null
}

function documentSelection() {
  return {
    id: documents.id,
    kind: documents.kind,
    number: documents.number,
    status: documents.status,
    signerName: staffNameOf(documents.signerId, true),
    signedOnPaper: sql<boolean>`"documents"."signer_id" is null`,
    signedAt: documents.signedAt,
    revokedAt: documents.revokedAt,
    revokedReason: documents.revokedReason,
    returnedReason: sql<string | null>`case when "documents"."status" = 'draft' then (
      select e.data->>'reason' from ${requestEvents} e
      where e.request_id = "documents"."request_id" and e.type = 'document_returned' and e.data->>'documentId' = "documents"."id"::text
      order by e.id desc limit 1) end`,
    supersedesNumber: sql<string | null>`(select p.number from documents p where p.id = "documents"."supersedes_id")`,
    supersededBy: sql<
      string | null
    >`(select n.number from documents n where n.supersedes_id = "documents"."id" order by n.created_at desc limit 1)`,
    version: documents.version,
    issuedOn: sql<string | null>`"documents"."snapshot"->>'issuedOn'`,
  }
}

function toDto({
  issuedOn,
  ...row
}: Omit<DocumentRowDto, 'kind' | 'validThrough'> & { kind: string; issuedOn: string | null }): DocumentRowDto | null {
  if (!isDocumentKind(row.kind)) return null
  const validity = documentKindOf(row.kind)?.validity
  return {
    ...row,
    kind: row.kind,
    validThrough: validity && issuedOn && /^\d{4}-\d{2}-\d{2}$/.test(issuedOn) ? validThrough(issuedOn, validity) : null,
  }
}

// The documents of a request, as staff of its clinic see them (every status).
export async function listRequestDocumentsForStaff(
  db: Database,
  actor: StaffActor,
  requestId: string,
): Promise<DocumentRowDto[]> {
  if (!isUuid(requestId)) return []
  if (!authorize(actor, 'document.read', { organizationId: actor.organizationId })) return []
  const rows = await db
    .select(documentSelection())
    .from(documents)
    .where(and(eq(documents.requestId, requestId), eq(documents.organizationId, actor.organizationId)))
    .orderBy(asc(documents.createdAt), asc(documents.kind), asc(documents.number))
  return rows.flatMap((row) => toDto(row) ?? [])
}

// The documents of the patient's own request (or a represented child's): a returned draft is the clinic's business.
export async function listRequestDocumentsForPatient(
  db: Database,
  actor: PatientActor,
  requestId: string,
): Promise<DocumentRowDto[]> {
  if (!isUuid(requestId)) return []
  const people = [actor.id, ...actor.representedPatientIds]
  const rows = await db
    .select(documentSelection())
    .from(documents)
    .where(and(eq(documents.requestId, requestId), inArray(documents.patientId, people), ne(documents.status, 'draft')))
    .orderBy(asc(documents.createdAt), asc(documents.kind), asc(documents.number))
  return rows.flatMap((row) => (toDto(row) ? [{ ...toDto(row)!, returnedReason: null }] : []))
}

type PdfRow = {
  id: string
  organizationId: number
  patientId: number
  kind: string
  number: string
  status: DocumentStatus
  snapshot: Record<string, unknown>
  verificationCode: string
  signedAt: Date | null
  signerCertificate: { commonName: string; subject: string } | null
}

// The columns a document's PDF is drawn from (renderStoredDocument); lib/verification reads them too.
export const pdfSelection = {
  id: documents.id,
  organizationId: documents.organizationId,
  patientId: documents.patientId,
  kind: documents.kind,
  number: documents.number,
  status: documents.status,
  snapshot: documents.snapshot,
  verificationCode: documents.verificationCode,
  signedAt: documents.signedAt,
  signerCertificate: documents.signerCertificate,
}

export type DocumentPdf = { bytes: Uint8Array; fileName: string }

// The PDF is drawn from the frozen snapshot; the band shows the accepted signature when there is one.
// `asPrinted: 'unsigned'` draws it as it printed before its signature (the uploaded-PDF check compares an early print).
export async function renderStoredDocument(row: PdfRow, asPrinted: 'current' | 'unsigned' = 'current'): Promise<DocumentPdf> {
  const signed = asPrinted === 'current' && row.signedAt && row.signerCertificate
  const bytes = await renderDocument({
    snapshot: row.snapshot as BaseSnapshot,
    verificationCode: row.verificationCode,
    signature: signed
      ? {
          signerName: row.signerCertificate!.commonName,
          certificateSubject: row.signerCertificate!.subject,
          signedAt: row.signedAt!,
        }
      : null,
  })
  return { bytes, fileName: documentFileName(row.kind, row.number) }
}

// Every opening of a document's PDF leaves an audit row, then the PDF is drawn.
async function auditedPdf(
  db: Database,
  actor: PatientActor | StaffActor,
  row: PdfRow,
  // document.download, document.read, or the desk print's own action (DocumentKindDefinition.deskPrint).
  action: string,
  address: string | null,
  details: Record<string, unknown>,
): Promise<DocumentPdf> {
  await writeAudit(db, {
    actor,
    action,
    organizationId: row.organizationId,
    patientId: row.patientId,
    entity: 'document',
    entityId: row.id,
    address,
    details,
  })
  return renderStoredDocument(row)
}

// A patient downloads an issued document of their own or of a child they represent; the download is audited.
export async function getDocumentPdfForPatient(
  db: Database,
  actor: PatientActor,
  documentId: string,
  address: string | null,
): Promise<DocumentPdf | null> {
  if (!isUuid(documentId)) return null
  const people = [actor.id, ...actor.representedPatientIds]
  const [row] = await db
    .select(pdfSelection)
    .from(documents)
    .where(and(eq(documents.id, documentId), inArray(documents.patientId, people), eq(documents.status, 'issued')))
  if (!row || !authorize(actor, 'document.read', { patientId: row.patientId })) return null
  return auditedPdf(db, actor, row, 'document.download', address, { kind: row.kind, number: row.number })
}

// Staff of the document's clinic open any of its documents (the signer's preview, the registrar's print); audited.
export async function getDocumentPdfForStaff(
  db: Database,
  actor: StaffActor,
  documentId: string,
  address: string | null,
): Promise<DocumentPdf | null> {
  if (!isUuid(documentId)) return null
  const [row] = await db
    .select(pdfSelection)
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.organizationId, actor.organizationId)))
  if (!row || !authorize(actor, 'document.read', { organizationId: row.organizationId, patientId: row.patientId })) return null
  return auditedPdf(db, actor, row, 'document.read', address, { kind: row.kind, number: row.number })
}

// The paper the registrar prints for a request at the desk (a kind with deskPrint: the 064/e coupon): the newest not
// superseded and not revoked, for the registrar's print route. Each print is audited under the kind's own action.
export async function getDeskPrintForStaff(
  db: Database,
  actor: StaffActor,
  requestId: string,
  address: string | null,
): Promise<DocumentPdf | null> {
  if (!isUuid(requestId)) return null
  const printed = new Map(
    documentKinds().flatMap((definition) =>
      definition.deskPrint ? [[definition.kind, definition.deskPrint.auditAction] as const] : [],
    ),
  )
  if (printed.size === 0) return null
  const [row] = await db
    .select(pdfSelection)
    .from(documents)
    .where(
      and(
        eq(documents.requestId, requestId),
        eq(documents.organizationId, actor.organizationId),
        inArray(documents.kind, [...printed.keys()]),
        ne(documents.status, 'revoked'),
        sql`not exists (select 1 from documents n where n.supersedes_id = "documents"."id")`,
      ),
    )
    .orderBy(desc(documents.createdAt))
    .limit(1)
  if (!row || !authorize(actor, 'document.read', { organizationId: row.organizationId, patientId: row.patientId })) return null
  return auditedPdf(db, actor, row, printed.get(row.kind)!, address, { requestId, number: row.number })
}

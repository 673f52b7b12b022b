import { and, eq, sql } from 'drizzle-orm'
import { attachments, patients } from '@/db/schema'
import type { DecidedRequest, Transaction } from '@/lib/requests/definition'
import type { AttachmentRequest } from './schema'

// Approval ends the current attachment and starts the new one in the same transaction. The patient row is locked
// first, so two approvals for one patient run one after the other; the partial unique index
// attachments_one_active_per_patient guards the rule in the database as well.
export async function attachPatient(tx: Transaction, request: DecidedRequest, context: { today: string }): Promise<void> {
  const payload = request.payload as unknown as AttachmentRequest
  await tx.execute(sql`select 1 from ${patients} where ${patients.id} = ${request.patientId} for update`)
  await tx
    .update(attachments)
    .set({ status: 'ended', validTo: context.today, version: sql`${attachments.version} + 1` })
    .where(and(eq(attachments.patientId, request.patientId), eq(attachments.status, 'active')))
  await tx.insert(attachments).values({
    patientId: request.patientId,
    organizationId: request.organizationId,
    sectionId: payload.sectionId,
    basis: payload.basis,
    status: 'active',
    validFrom: context.today,
    sourceRequestId: request.id,
  })
}

import { and, eq, lte, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { attachments, patients } from '@/db/schema'
import type { DecidedRequest, Transaction } from '@/lib/requests/definition'
import { campaignEffectiveDay } from './rules'
import type { AttachmentRequest } from './schema'

async function lockPatient(tx: Transaction, patientId: number) {
  await tx.execute(sql`select 1 from ${patients} where ${patients.id} = ${patientId} for update`)
}

// Ends the current attachment on the day the new one starts (p.13-14) and makes the new one current.
async function switchTo(tx: Transaction, patientId: number, day: string) {
  await tx
    .update(attachments)
    .set({ status: 'ended', validTo: day, version: sql`${attachments.version} + 1` })
    .where(and(eq(attachments.patientId, patientId), eq(attachments.status, 'active')))
}

// Approval attaches the patient in the same transaction. The patient row is locked first, so two approvals for one
// patient run one after the other; the partial unique index attachments_one_active_per_patient guards the rule in
// the database as well. A campaign attachment (p.31(3), p.32) is only scheduled: it takes effect on 1 January, and
// until then the old attachment stays the current one.
export async function attachPatient(tx: Transaction, request: DecidedRequest, context: { today: string }): Promise<void> {
  const payload = request.payload as unknown as AttachmentRequest
  await lockPatient(tx, request.patientId)
  const campaign = payload.basis === 'campaign'
  const validFrom = campaign ? campaignEffectiveDay(context.today) : context.today
  if (campaign) {
    // A newer campaign choice replaces an earlier one still waiting for 1 January.
    await tx
      .update(attachments)
      .set({ status: 'ended', validTo: validFrom, version: sql`${attachments.version} + 1` })
      .where(and(eq(attachments.patientId, request.patientId), eq(attachments.status, 'scheduled')))
  } else {
    await switchTo(tx, request.patientId, validFrom)
  }
  await tx.insert(attachments).values({
    patientId: request.patientId,
    organizationId: request.organizationId,
    sectionId: payload.sectionId,
    basis: payload.basis,
    status: campaign ? 'scheduled' : 'active',
    validFrom,
    sourceRequestId: request.id,
  })
}

// The 1 January switch of campaign attachments. Idempotent: only attachments still 'scheduled' and due by `today`
// are switched, each under the patient's lock, so a repeated or overlapping run changes nothing more.
export async function activateScheduledAttachments(db: Database, today: string): Promise<number> {
  const due = await db
    .select({ id: attachments.id, patientId: attachments.patientId, validFrom: attachments.validFrom })
    .from(attachments)
    .where(and(eq(attachments.status, 'scheduled'), lte(attachments.validFrom, today)))
  let switched = 0
  for (const attachment of due) {
    await db.transaction(async (tx) => {
      await lockPatient(tx, attachment.patientId)
      const [still] = await tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(eq(attachments.id, attachment.id), eq(attachments.status, 'scheduled')))
      if (!still) return
      await switchTo(tx, attachment.patientId, attachment.validFrom)
      await tx
        .update(attachments)
        .set({ status: 'active', version: sql`${attachments.version} + 1` })
        .where(eq(attachments.id, attachment.id))
      switched++
    })
  }
  return switched
}

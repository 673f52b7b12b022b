import { and, eq, lt, lte, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { attachments, patients } from '@/db/schema'
import type { DecidedRequest, Transaction } from '@/lib/requests/contract'
import { campaignEffectiveDay } from './rules'
import { insuranceAttachmentTerm, insuranceContractRefusal } from './rules/insurance'
import type { AttachmentRequest } from './schema'

async function lockPatient(tx: Transaction, patientId: number) {
  await tx.execute(sql`select 1 from ${patients} where ${patients.id} = ${patientId} for update`)
}

// Ends the current attachment on the day the new one starts (p.13-14) and makes the new one current. An insurance
// attachment whose contract ended earlier keeps its own last day (least() skips a null valid_to).
async function switchTo(tx: Transaction, patientId: number, day: string) {
  await tx
    .update(attachments)
    .set({ status: 'ended', validTo: sql`least(${attachments.validTo}, ${day}::date)`, version: sql`${attachments.version} + 1` })
    .where(and(eq(attachments.patientId, patientId), eq(attachments.status, 'active')))
}

// Approval attaches the patient in the same transaction. The patient row is locked first, so two approvals for one
// patient run one after the other; the partial unique index attachments_one_active_per_patient guards the rule in
// the database as well. A campaign attachment (p.31(3), p.32) is only scheduled: it takes effect on 1 January, and
// until then the old attachment stays the current one.
export async function attachPatient(
  tx: Transaction,
  request: DecidedRequest<AttachmentRequest>,
  context: { today: string },
): Promise<void> {
  const payload = request.payload
  await lockPatient(tx, request.patientId)
  const campaign = payload.basis === 'campaign'
  const contract = payload.basis === 'insurance_contract' ? payload.desk?.insurance : undefined
  // p.29 para 2: an insurance attachment lasts for the contract's term.
  const term = contract ? insuranceAttachmentTerm(contract, context.today) : null
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
    validTo: term?.validTo ?? null,
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

// p.29 para 2: a contract that ran out between the application and the decision cannot carry an attachment. The
// approval is blocked and the registrar refuses on the ground "insurance contract expired" (docs/decisions.md).
export function attachmentApprovalBlock(payload: AttachmentRequest, today: string): 'errors.insurance.expiredAtDecision' | null {
  const contract = payload.basis === 'insurance_contract' ? payload.desk?.insurance : undefined
  if (!contract) return null
  return insuranceContractRefusal(contract, today)?.code === 'errors.insurance.expired'
    ? 'errors.insurance.expiredAtDecision'
    : null
}

// p.29 para 2: when the contract's term ends, the attachment ends. Nightly, and idempotent: only attachments still
// 'active' whose last day is before `today` are ended, in one statement, so a repeated run ends nothing more.
export async function endLapsedAttachments(db: Database, today: string): Promise<number> {
  const ended = await db
    .update(attachments)
    .set({ status: 'ended', version: sql`${attachments.version} + 1` })
    .where(and(eq(attachments.status, 'active'), lt(attachments.validTo, today)))
    .returning({ id: attachments.id })
  return ended.length
}

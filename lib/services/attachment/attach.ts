import { and, eq, lt, lte, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { attachments, detachments, patients, sections } from '@/db/schema'
import type { DecidedRequest, Transaction } from '@/lib/requests/contract'
import { freeChoiceLimitReached } from './free-choice'
import { almatyDay } from '@/lib/calendar'
import { campaignStart } from './rules'
import { insuranceAttachmentTerm, insuranceContractRefusal } from './rules/insurance'
import { sectionCoversAge } from './rules/sections'
import { recordAttachedElsewhere } from './detachment/elsewhere'
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
// the database as well. A campaign attachment (p.31(3), p.32) is only scheduled: it takes effect on 1 January of the
// year after its campaign, and until then the old attachment stays the current one. Whatever is approved later
// supersedes an attachment still waiting: a newer campaign choice, or a move approved before 1 January (p.14, p.17),
// which the waiting one must not undo on 1 January.
export async function attachPatient(
  tx: Transaction,
  request: DecidedRequest<AttachmentRequest>,
  context: { today: string },
): Promise<void> {
  const payload = request.payload
  await lockPatient(tx, request.patientId)
  const contract = payload.basis === 'insurance_contract' ? payload.desk?.insurance : undefined
  // p.29 para 2: an insurance attachment lasts for the contract's term.
  const term = contract ? insuranceAttachmentTerm(contract, context.today) : null
  const start =
    payload.basis === 'campaign'
      ? campaignStart(almatyDay(request.submittedAt), context.today)
      : { day: context.today, waits: false }
  // Never started: it ends on the day it would have begun (valid_to ≥ valid_from).
  await tx
    .update(attachments)
    .set({ status: 'ended', validTo: sql`${attachments.validFrom}`, version: sql`${attachments.version} + 1` })
    .where(and(eq(attachments.patientId, request.patientId), eq(attachments.status, 'scheduled')))
  if (!start.waits) {
    await recordAttachedElsewhere(tx, {
      people: sql`select ${request.patientId}::bigint`,
      organizationId: request.organizationId,
      day: start.day,
    })
    await switchTo(tx, request.patientId, start.day)
  }
  await tx.insert(attachments).values({
    patientId: request.patientId,
    organizationId: request.organizationId,
    sectionId: payload.sectionId,
    basis: payload.basis,
    status: start.waits ? 'scheduled' : 'active',
    validFrom: start.day,
    validTo: term?.validTo ?? null,
    sourceRequestId: request.id,
  })
}

// The 1 January switch of campaign attachments. Idempotent: only attachments still 'scheduled' and due by `today`
// are switched, each under the patient's lock, so a repeated or overlapping run changes nothing more.
export async function activateScheduledAttachments(db: Database, today: string): Promise<number> {
  const due = await db
    .select({
      id: attachments.id,
      patientId: attachments.patientId,
      organizationId: attachments.organizationId,
      validFrom: attachments.validFrom,
    })
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
      await recordAttachedElsewhere(tx, {
        people: sql`select ${attachment.patientId}::bigint`,
        organizationId: attachment.organizationId,
        day: attachment.validFrom,
      })
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

// Why an approval cannot go ahead today though the request was valid when submitted; the registrar refuses it on the
// matching ground instead (docs/decisions.md). p.29 para 2: a contract that ran out between the application and the
// decision cannot carry an attachment. p.31(2): a free choice approved while the person already has two approved in
// the year of the decision (counted under the patient's lock, so two clinics approving at once cannot both pass).
export async function attachmentApprovalBlock(
  tx: Transaction,
  request: DecidedRequest<AttachmentRequest>,
  today: string,
): Promise<
  | 'errors.insurance.expiredAtDecision'
  | 'errors.attachment.freeChoiceLimitAtDecision'
  | 'errors.attachment.sectionAgeBand'
  | 'errors.request.patientDeceased'
  | null
> {
  const payload = request.payload
  // Issue 15: a person recorded as dead since applying is attached nowhere.
  const [dead] = await tx
    .select({ id: detachments.id })
    .from(detachments)
    .where(and(eq(detachments.patientId, request.patientId), eq(detachments.reason, 'death')))
  if (dead) return 'errors.request.patientDeceased'
  const contract = payload.basis === 'insurance_contract' ? payload.desk?.insurance : undefined
  if (contract && insuranceContractRefusal(contract, today)?.code === 'errors.insurance.expired')
    return 'errors.insurance.expiredAtDecision'
  if (payload.basis === 'free_choice' && (await freeChoiceLimitReached(tx, request.patientId, request.id, today)))
    return 'errors.attachment.freeChoiceLimitAtDecision'
  // The section must still serve the person's age on the day of the decision (a child may have turned 18 since).
  if (payload.sectionId !== null) {
    const [section] = await tx
      .select({ ageFrom: sections.ageFrom, ageTo: sections.ageTo, birthDate: patients.birthDate })
      .from(sections)
      .innerJoin(patients, eq(patients.id, request.patientId))
      .where(eq(sections.id, payload.sectionId))
    if (section && !sectionCoversAge(section, section.birthDate, today)) return 'errors.attachment.sectionAgeBand'
  }
  return null
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

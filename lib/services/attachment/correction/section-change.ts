import 'server-only'
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Database, Transaction } from '@/db/client'
import { patientFullName, sectionDoctorNameOf, staffNameOf } from '@/db/names'
import { attachmentSectionChanges, attachments, patients, representatives, sections, type Locale } from '@/db/schema'
import type { ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { StaffActor } from '@/lib/auth/actor'
import { authorize, permissionOf } from '@/lib/auth/authorize'
import { almatyDay } from '@/lib/calendar'
import { enqueueSms } from '@/lib/notifications/outbox'
import type { ApprovalChoice } from '@/lib/requests/contract'
import { isAttachmentInForce } from '../in-force'
import { rankSections } from '../rules/sections'
import { clinicSections } from '../section-choice'
import { moveAttachmentSection, sectionRefusal, type SectionRefusal } from './section-move'

export type SectionChangeCode =
  | 'errors.request.notFound'
  | 'errors.attachment.notInForce'
  | 'errors.attachment.sectionChangeStale'
  | 'errors.attachment.sectionUnchanged'
  | 'errors.request.notAllowed'
  | SectionRefusal

// p.18: a person attached to the clinic is moved to another of its sections, for a reason. The attachment row is
// locked and its version checked (two people changing it at once: one wins, the other is told to look again); the
// section must be the clinic's own and serve the person's age (rules/sections.ts), as at approval; the old section
// stays in the history with the reason, the day and who; the register and the sections' counts follow in the same
// transaction (migration 0014's triggers).
export async function changeAttachmentSection(
  db: Database,
  actor: StaffActor,
  input: { patientId: number; version: number; sectionId: number; reason: string },
  context: { now: Date; address: string | null },
): Promise<ActionResult<{ version: number; sectionNumber: string }, SectionChangeCode>> {
  const today = almatyDay(context.now)
  return db.transaction(async (tx) => {
    const [attachment] = await tx
      .select({
        id: attachments.id,
        organizationId: attachments.organizationId,
        patientId: attachments.patientId,
        sectionId: attachments.sectionId,
        status: attachments.status,
        validTo: attachments.validTo,
        version: attachments.version,
      })
      .from(attachments)
      .where(and(eq(attachments.patientId, input.patientId), eq(attachments.status, 'active')))
      .for('update')
    const permission = attachment ? permissionOf(actor, 'attachment.changeSection', attachment) : 'outOfScope'
    // The person's current attachment (one per person): another clinic's, or none, looks missing.
    if (!attachment || permission === 'outOfScope') return { ok: false, code: 'errors.request.notFound' }
    if (permission === 'forbidden') return { ok: false, code: 'errors.request.notAllowed' }
    if (attachment.version !== input.version) return { ok: false, code: 'errors.attachment.sectionChangeStale' }
    if (!isAttachmentInForce(attachment, today)) return { ok: false, code: 'errors.attachment.notInForce' }
    if (attachment.sectionId === input.sectionId)
      return {
        ok: false,
        code: 'errors.attachment.sectionUnchanged',
        fieldErrors: { sectionId: 'errors.attachment.sectionUnchanged' },
      }
    const refusal = await sectionRefusal(tx, {
      organizationId: attachment.organizationId,
      patientId: attachment.patientId,
      sectionId: input.sectionId,
      today,
    })
    if (refusal) return { ok: false, code: refusal, fieldErrors: { sectionId: refusal } }
    const version = await moveAttachmentSection(tx, attachment, input.sectionId, {
      reason: input.reason,
      cause: 'change',
      actorId: actor.id,
      now: context.now,
    })
    await writeAudit(tx, {
      actor,
      action: 'attachment.changeSection',
      organizationId: attachment.organizationId,
      patientId: attachment.patientId,
      entity: 'attachment',
      entityId: attachment.id,
      address: context.address,
      details: { from: attachment.sectionId, to: input.sectionId, reason: input.reason },
    })
    const [section] = await tx.select({ number: sections.number }).from(sections).where(eq(sections.id, input.sectionId))
    const [doctor] = await tx.execute<{ name: string | null }>(
      sql`select ${sectionDoctorNameOf(sql`${input.sectionId}::bigint`, true)} as name`,
    )
    await tellOfNewSection(tx, attachment.patientId, { section: section!.number, doctor: doctor?.name ?? '—' }, today)
    return { ok: true, data: { version, sectionNumber: section!.number } }
  })
}

// The person learns his new section and doctor by SMS: on his own phone, or, for a child or ward without one, on the
// phone of a legal representative in force (the first with a phone), who is told whose section it is.
async function tellOfNewSection(tx: Transaction, patientId: number, params: { section: string; doctor: string }, today: string) {
  const [person] = await tx
    .select({ phone: patients.phone, locale: patients.locale, firstName: patients.firstName })
    .from(patients)
    .where(eq(patients.id, patientId))
  if (!person) return
  if (person.phone) {
    await enqueueSms(tx, { phone: person.phone, locale: person.locale, template: 'sectionChanged', params, patientId })
    return
  }
  const [representative] = await tx
    .select({ id: patients.id, phone: patients.phone, locale: patients.locale })
    .from(representatives)
    .innerJoin(patients, eq(patients.id, representatives.representativeId))
    .where(
      and(
        eq(representatives.childId, patientId),
        lte(representatives.validFrom, today),
        or(isNull(representatives.validTo), gte(representatives.validTo, today)),
        isNotNull(patients.phone),
      ),
    )
    .orderBy(asc(representatives.id))
    .limit(1)
  if (representative?.phone)
    await enqueueSms(tx, {
      phone: representative.phone,
      locale: representative.locale,
      template: 'sectionChangedWard',
      params: { ...params, name: person.firstName },
      patientId: representative.id,
    })
}

export type SectionChangeRowDto = {
  id: number
  changedAt: Date
  fromNumber: string | null
  toNumber: string
  reason: string
  cause: 'change' | 'correction'
  changedByName: string | null
}

export type SectionChangeFormDto = {
  patientId: number
  patientName: string
  attachment: { id: number; version: number; sectionId: number | null; sectionNumber: string | null; validFrom: string }
  choice: ApprovalChoice
  history: SectionChangeRowDto[]
}

// The attachment in force at the actor's clinic of one person, the sections it can move to (the person's age band,
// their territory first, as the approval offers them) and the history of its section; null when there is none or the
// actor may not change sections. The read is audited.
export async function getSectionChangeForm(
  db: Database,
  actor: StaffActor,
  patientId: number,
  context: { locale: Locale; today: string; address: string | null },
): Promise<SectionChangeFormDto | null> {
  if (!authorize(actor, 'attachment.changeSection', { organizationId: actor.organizationId, patientId })) return null
  const [row] = await db
    .select({
      id: attachments.id,
      version: attachments.version,
      sectionId: attachments.sectionId,
      status: attachments.status,
      validFrom: attachments.validFrom,
      validTo: attachments.validTo,
      sectionNumber: sections.number,
      birthDate: patients.birthDate,
      address: patients.address,
      patientName: patientFullName,
    })
    .from(attachments)
    .innerJoin(patients, eq(patients.id, attachments.patientId))
    .leftJoin(sections, eq(sections.id, attachments.sectionId))
    .where(
      and(
        eq(attachments.patientId, patientId),
        eq(attachments.organizationId, actor.organizationId),
        eq(attachments.status, 'active'),
      ),
    )
  if (!row || !isAttachmentInForce(row, context.today)) return null
  const candidates = await clinicSections(db, actor.organizationId)
  const ranked = rankSections(candidates, { birthDate: row.birthDate, address: row.address }, context.today)
  const fromSection = alias(sections, 'from_section')
  const toSection = alias(sections, 'to_section')
  const history = await db
    .select({
      id: attachmentSectionChanges.id,
      changedAt: attachmentSectionChanges.changedAt,
      fromNumber: fromSection.number,
      toNumber: toSection.number,
      reason: attachmentSectionChanges.reason,
      cause: attachmentSectionChanges.cause,
      changedByName: staffNameOf(attachmentSectionChanges.changedBy),
    })
    .from(attachmentSectionChanges)
    .innerJoin(toSection, eq(toSection.id, attachmentSectionChanges.toSectionId))
    .leftJoin(fromSection, eq(fromSection.id, attachmentSectionChanges.fromSectionId))
    .where(eq(attachmentSectionChanges.attachmentId, row.id))
    .orderBy(desc(attachmentSectionChanges.changedAt), desc(attachmentSectionChanges.id))
  await writeAudit(db, {
    actor,
    action: 'patient.read',
    organizationId: actor.organizationId,
    patientId,
    entity: 'attachment',
    entityId: row.id,
    address: context.address,
  })
  return {
    patientId,
    patientName: row.patientName,
    attachment: {
      id: row.id,
      version: row.version,
      sectionId: row.sectionId,
      sectionNumber: row.sectionNumber,
      validFrom: row.validFrom,
    },
    choice: {
      name: 'sectionId',
      label: 'sectionChange.section',
      hint: 'sectionChange.sectionHint',
      options: ranked
        .filter((section) => section.id !== row.sectionId)
        .map((section) => ({
          value: String(section.id),
          label: `№${section.number} (${section.attached}/${section.norm}) ${context.locale === 'ru' ? section.territoryRu : section.territoryKk}`,
        })),
      value: null,
    },
    history,
  }
}

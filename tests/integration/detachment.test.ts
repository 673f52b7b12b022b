import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, auditLog, detachments } from '@/db/schema'
import { listSectionPatients } from '@/lib/organizations/queries'
import { getPatientCard, searchBeyondClinic } from '@/lib/patients/queries'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { recordDetachment } from '@/lib/services/attachment/detachment/record'
import type { DetachmentData } from '@/lib/services/attachment/detachment/schema'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

// Issue 15; annulled order 004 annex 3 p.6(4): the clinic records a detachment on death or departure abroad (and,
// Rules of attachment p.14, attachment elsewhere detaches automatically); the register, the section's list and the
// counts follow, the history keeps it.
let db: Database
let sql: postgres.Sql
let clinic: TestClinic
let other: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty.
const now = new Date('2026-11-24T05:00:00Z')
const context = { now, address: '127.0.0.1' }
const engine: EngineContext = { now, address: '127.0.0.1', overrides: [] }

beforeAll(async () => {
  ;({ db, sql } = await freshDb({ max: 8 }))
  clinic = await makeClinic(db, 'Detaching clinic')
  other = await makeClinic(db, 'Other clinic')
})

const attachedHere = () =>
  makePatient(db, { attachTo: { organizationId: clinic.organizationId, sectionId: clinic.sectionIds[0] } })
const attachmentOf = async (patientId: number) =>
  (await db.select().from(attachments).where(eq(attachments.patientId, patientId)).orderBy(attachments.id)).at(-1)!
const detachment = (patientId: number, overrides: Partial<DetachmentData> = {}): DetachmentData => ({
  patientId,
  reason: 'death',
  detachedOn: '2026-11-20',
  note: 'Свидетельство о смерти № 123',
  idempotencyKey: randomUUID(),
  ...overrides,
})
const sectionCount = async () =>
  (
    await sql<{ attached: number }[]>`
    select attached from attached_counts where organization_id = ${clinic.organizationId} and section_id = ${clinic.sectionIds[0]!}`
  )[0]?.attached ?? 0
const inSectionList = async (patientId: number) =>
  (await listSectionPatients(db, clinic.staff.doctor, clinic.sectionIds[0]!, listView(now))).some((row) => row.id === patientId)

describe('detachment recorded by the registrar (004 annex 3 p.6(4))', () => {
  it('on death: the attachment ends on that day; the register, the section list and the counts follow; history and audit keep it', async () => {
    const person = await attachedHere()
    const attachment = await attachmentOf(person.id)
    expect(await inSectionList(person.id)).toBe(true)
    const before = await sectionCount()

    const result = await recordDetachment(db, clinic.staff.registrar, detachment(person.id), context)
    if (!result.ok) throw new Error(result.code)

    expect(await attachmentOf(person.id)).toMatchObject({ status: 'ended', validTo: '2026-11-20' })
    expect(await sql`select 1 from register_entries where patient_id = ${person.id}`).toHaveLength(0)
    expect(await sectionCount()).toBe(before - 1)
    expect(await inSectionList(person.id)).toBe(false)
    const [row] = await db.select().from(detachments).where(eq(detachments.attachmentId, attachment.id))
    expect(row).toMatchObject({
      patientId: person.id,
      organizationId: clinic.organizationId,
      reason: 'death',
      detachedOn: '2026-11-20',
      note: 'Свидетельство о смерти № 123',
      recordedBy: clinic.staff.registrar.id,
    })
    const audit = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.detach'), eq(auditLog.patientId, person.id)))
    expect(audit).toEqual([{ details: { reason: 'death', detachedOn: '2026-11-20', detachmentId: row!.id } }])
    // The history (the person's own card) keeps the attachment and why it ended.
    const card = await getPatientCard(db, person.actor, person.id, null, '2026-11-24')
    expect(card?.currentAttachment).toBeNull()
    expect(card?.attachmentHistory).toEqual([
      expect.objectContaining({ id: attachment.id, validTo: '2026-11-20', detachmentReason: 'death' }),
    ])
  })

  it('a person recorded as dead starts no new request, and a pending attachment cannot be approved', async () => {
    const person = await attachedHere()
    const pending = await submitAttachment(db, person.actor, { clinic: other, sectionIndex: 0 }, engine)
    if (!pending.ok) throw new Error(pending.code)
    const result = await recordDetachment(db, clinic.staff.registrar, detachment(person.id), context)
    expect(result.ok).toBe(true)

    const again = await submitRequest(
      db,
      other.staff.registrar,
      {
        service: 'attachment',
        channel: 'desk',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(person.id),
          clinicId: String(other.organizationId),
          sectionId: '',
          address: 'Ақтау қ., 12 шағын аудан, 5 үй',
          basis: 'residence_change',
          desk: {
            category: 'pensioner',
            documentKind: 'pension_certificate',
            documentNumber: '045612378',
            documentIssuer: 'ҚР ІІМ',
            phone: '',
            phoneConsent: false,
          },
        },
      },
      engine,
    )
    expect(again).toEqual({ ok: false, code: 'errors.request.patientDeceased' })
    const approval = await transitionRequest(
      db,
      other.staff.registrar,
      { operation: 'approve', requestId: pending.data.requestId, version: 1 },
      engine,
    )
    expect(approval).toMatchObject({ ok: false, code: 'errors.request.patientDeceased' })
    expect(await db.select().from(attachments).where(eq(attachments.patientId, person.id))).toEqual([
      expect.objectContaining({ status: 'ended' }),
    ])
    // Another clinic's desk finding him by IIN is told he is recorded as dead, not offered an application.
    const found = await searchBeyondClinic(db, other.staff.registrar, parseSearchQuery(person.iin), listView(now))
    expect(found).toMatchObject({ state: 'done', rows: [{ id: person.id, deceased: true, attachedElsewhere: false }] })
  })

  it('on leaving the country: detached, yet may apply again on coming back', async () => {
    const person = await attachedHere()
    const attachment = await attachmentOf(person.id)
    const result = await recordDetachment(
      db,
      clinic.staff.registrar,
      detachment(person.id, { reason: 'left_country', detachedOn: '2026-11-24', note: '' }),
      context,
    )
    expect(result.ok).toBe(true)
    expect(await attachmentOf(person.id)).toMatchObject({ status: 'ended', validTo: '2026-11-24' })
    const back = await submitAttachment(db, person.actor, { clinic, sectionIndex: 0 }, engine)
    expect(back.ok).toBe(true)
  })

  it.each([
    { label: 'a day after today', detachedOn: '2026-11-25', code: 'errors.detachment.dayInFuture' },
    { label: 'a day before the attachment began', detachedOn: '2025-01-09', code: 'errors.detachment.dayBeforeAttachment' },
  ])('$label is refused at the day field, and nothing changes', async ({ detachedOn, code }) => {
    const person = await attachedHere()
    const attachment = await attachmentOf(person.id)
    const result = await recordDetachment(db, clinic.staff.registrar, detachment(person.id, { detachedOn }), context)
    expect(result).toEqual({ ok: false, code: 'errors.invalidInput', fieldErrors: { detachedOn: code } })
    expect(await attachmentOf(person.id)).toMatchObject({ status: 'active', validTo: null })
    expect(await db.select().from(detachments).where(eq(detachments.patientId, person.id))).toEqual([])
  })

  it("another clinic's registrar, or this clinic's doctor, finds nothing to detach; nothing changes", async () => {
    const person = await attachedHere()
    const attachment = await attachmentOf(person.id)
    for (const actor of [other.staff.registrar, clinic.staff.doctor, clinic.staff.head])
      expect(await recordDetachment(db, actor, detachment(person.id), context)).toEqual({
        ok: false,
        code: 'errors.request.notFound',
      })
    expect(await attachmentOf(person.id)).toMatchObject({ status: 'active' })
  })

  it('two registrars detaching at once (parallel connections): one detachment, the other told it is no longer in force', async () => {
    const person = await attachedHere()
    const attachment = await attachmentOf(person.id)
    const results = await Promise.all([
      recordDetachment(db, clinic.staff.registrar, detachment(person.id), context),
      recordDetachment(db, clinic.staff.registrar, detachment(person.id, { reason: 'left_country' }), context),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, code: 'errors.detachment.notInForce' })
    expect(await db.select().from(detachments).where(eq(detachments.patientId, person.id))).toHaveLength(1)
  })

  it('the same form sent twice (one key) records one detachment', async () => {
    const person = await attachedHere()
    const input = detachment(person.id)
    const first = await recordDetachment(db, clinic.staff.registrar, input, context)
    const second = await recordDetachment(db, clinic.staff.registrar, input, context)
    expect(first.ok && second.ok && second.data).toEqual({ detachmentId: first.ok ? first.data.detachmentId : 0, replayed: true })
  })
})

describe('attachment elsewhere detaches automatically (p.14), recorded as a detachment too', () => {
  it('approval at another clinic records "attached elsewhere" on the day, with no one named', async () => {
    const person = await attachedHere()
    const old = await attachmentOf(person.id)
    const submitted = await submitAttachment(db, person.actor, { clinic: other, sectionIndex: 0 }, engine)
    if (!submitted.ok) throw new Error(submitted.code)
    const approved = await transitionRequest(
      db,
      other.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      engine,
    )
    expect(approved.ok).toBe(true)
    expect(await db.select().from(detachments).where(eq(detachments.patientId, person.id))).toEqual([
      expect.objectContaining({
        attachmentId: old.id,
        organizationId: clinic.organizationId,
        reason: 'attached_elsewhere',
        detachedOn: '2026-11-24',
        recordedBy: null,
      }),
    ])
  })

  it('a new section at the same clinic is no detachment', async () => {
    const person = await attachedHere()
    const submitted = await submitAttachment(db, person.actor, { clinic, sectionIndex: 1 }, engine)
    if (!submitted.ok) throw new Error(submitted.code)
    const approved = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      engine,
    )
    expect(approved.ok).toBe(true)
    expect(await db.select().from(detachments).where(eq(detachments.patientId, person.id))).toEqual([])
  })
})

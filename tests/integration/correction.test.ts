import { and, asc, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import {
  attachedCounts,
  attachmentSectionChanges,
  attachments,
  auditLog,
  documents,
  notifications,
  requestEvents,
  requests,
  sectionDoctors,
  sections,
  staff,
} from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { refuseToSign } from '@/lib/documents/lifecycle'
import { listRequestDocumentsForStaff } from '@/lib/documents/queries'
import { listSectionLoad, listSectionPatients } from '@/lib/organizations/queries'
import { correctionFormOf, correctRequest } from '@/lib/requests/correct'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { changeAttachmentSection, getSectionChangeForm } from '@/lib/services/attachment/correction/section-change'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, makeRepresentative, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
let first: number
let second: number
let children: number
let secondDoctor: StaffActor
// Tuesday 24 November 2026, 10:00 in Almaty.
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
const returnReason = 'Мекенжай қате: пәтер нөмірі жоқ.'

beforeAll(async () => {
  ;({ db } = await freshDb({ max: 6 }))
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
  ;[first, second] = clinic.sectionIds as [number, number]
  const [{ departmentId }] = (await db
    .select({ departmentId: sections.departmentId })
    .from(sections)
    .where(eq(sections.id, first))) as [{ departmentId: number }]
  const [childrenRow] = await db
    .insert(sections)
    .values({
      organizationId: clinic.organizationId,
      departmentId,
      number: '9',
      capacityNorm: 900,
      ageFrom: 0,
      ageTo: 17,
      territoryKk: 'балалар',
      territoryRu: 'детский',
    })
    .returning({ id: sections.id })
  children = childrenRow!.id
  // The second section has a doctor of its own, who signs the notices of the people attached to it.
  const [doctorRow] = await db
    .insert(staff)
    .values({
      organizationId: clinic.organizationId,
      role: 'doctor',
      login: `doctor2-${clinic.organizationId}`,
      passwordHash: 'x',
      lastName: 'Second',
      firstName: 'Doctor',
    })
    .returning({ id: staff.id })
  await db.insert(sectionDoctors).values({ sectionId: second, staffId: doctorRow!.id })
  secondDoctor = { ...clinic.staff.doctor, id: doctorRow!.id, name: 'Second Doctor' }
})

// An approved attachment request whose notice the section's doctor sent back with a reason.
async function returnedNotice() {
  const patient = await makePatient(db)
  const submitted = await submitAttachment(db, patient.actor, { clinic, sectionIndex: 0 }, context)
  if (!submitted.ok) throw new Error(submitted.code)
  const { requestId } = submitted.data
  const approved = await transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId, version: 1 }, context)
  if (!approved.ok) throw new Error(approved.code)
  const [notice] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.requestId, requestId), eq(documents.kind, 'attachment_notice')))
  const returned = await db.transaction((tx) =>
    refuseToSign(tx, clinic.staff.doctor, notice!.id, returnReason, { now: context.now }),
  )
  if (!returned.ok) throw new Error(returned.code)
  return { patient, requestId, notice: { id: notice!.id, number: notice!.number, version: returned.data.version } }
}

const facts = (overrides: Record<string, unknown> = {}) => ({
  address: 'Ақтау қ., 14 шағын аудан, 2 үй, 17 пәтер',
  addressKind: 'actual',
  sectionId: String(first),
  ...overrides,
})

const counts = async () =>
  new Map(
    (
      await db
        .select({ sectionId: attachedCounts.sectionId, attached: attachedCounts.attached })
        .from(attachedCounts)
        .where(eq(attachedCounts.organizationId, clinic.organizationId))
    ).map((row) => [row.sectionId, row.attached]),
  )

// What a refused action must leave as it was.
const stateOf = async (requestId: string) => ({
  request: await db
    .select({ payload: requests.payload, version: requests.version })
    .from(requests)
    .where(eq(requests.id, requestId)),
  documents: await db
    .select({ id: documents.id, status: documents.status, version: documents.version })
    .from(documents)
    .where(eq(documents.requestId, requestId))
    .orderBy(asc(documents.id)),
  events: (await db.select({ id: requestEvents.id }).from(requestEvents).where(eq(requestEvents.requestId, requestId))).length,
  attachment: await db
    .select({ sectionId: attachments.sectionId, version: attachments.version })
    .from(attachments)
    .where(eq(attachments.sourceRequestId, requestId)),
})

describe('Issue 15: a send-back is corrected: the facts, then a new document superseding the returned one', () => {
  it('the form starts from the request’s facts and the signer’s reason; the sections offered serve the person’s age', async () => {
    const { requestId, notice } = await returnedNotice()
    const form = await correctionFormOf(db, clinic.staff.registrar, requestId, 'kk', '2026-11-24')
    expect(form).toMatchObject({
      requestId,
      version: 2,
      document: { id: notice.id, number: notice.number, kind: 'attachment_notice', reason: returnReason },
      current: { address: 'Ақтау қ., 14 шағын аудан, 2 үй', addressKind: 'actual', sectionId: String(first) },
    })
    const offered = form!.choices[0]!.options.map((option) => Number(option.value))
    expect(offered.sort()).toEqual([first, second].sort())
    expect(offered).not.toContain(children)
    // Another clinic, and a doctor (who reads but does not decide), get no form.
    expect(await correctionFormOf(db, other.staff.registrar, requestId, 'kk')).toBeNull()
    expect(await correctionFormOf(db, clinic.staff.doctor, requestId, 'kk')).toBeNull()
  })

  it('saving stores the payload, records before/after with the signer’s reason and an audit row, and supersedes the notice', async () => {
    const { requestId, notice } = await returnedNotice()
    const result = await correctRequest(
      db,
      clinic.staff.registrar,
      { requestId, version: 2, documentId: notice.id, documentVersion: notice.version, facts: facts() },
      context,
    )
    if (!result.ok) throw new Error(result.code)
    expect(result.data.number).not.toBe(notice.number)
    const [request] = await db.select().from(requests).where(eq(requests.id, requestId))
    expect(request).toMatchObject({
      version: 3,
      status: 'approved',
      payload: { address: 'Ақтау қ., 14 шағын аудан, 2 үй, 17 пәтер' },
    })
    const [event] = await db
      .select({ data: requestEvents.data, actorId: requestEvents.actorId })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, 'corrected')))
    expect(event).toEqual({
      actorId: clinic.staff.registrar.id,
      data: {
        documentId: notice.id,
        kind: 'attachment_notice',
        number: notice.number,
        reason: returnReason,
        changes: { address: { before: 'Ақтау қ., 14 шағын аудан, 2 үй', after: 'Ақтау қ., 14 шағын аудан, 2 үй, 17 пәтер' } },
      },
    })
    const [audit] = await db
      .select({ details: auditLog.details, address: auditLog.address })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'request.correct'), eq(auditLog.entityId, requestId)))
    expect(audit).toMatchObject({ address: '127.0.0.1', details: { reason: returnReason, number: notice.number } })

    const [successor] = await db.select().from(documents).where(eq(documents.id, result.data.documentId))
    expect(successor).toMatchObject({
      kind: 'attachment_notice',
      status: 'awaiting_signature',
      supersedesId: notice.id,
      signerId: clinic.staff.doctor.id,
    })
    expect((successor!.snapshot as { patient: { address: string } }).patient.address).toBe(
      'Ақтау қ., 14 шағын аудан, 2 үй, 17 пәтер',
    )
    // Both stay in the history: the returned one says what superseded it.
    const listed = await listRequestDocumentsForStaff(db, clinic.staff.registrar, requestId)
    expect(listed.find((d) => d.id === notice.id)).toMatchObject({
      status: 'draft',
      supersededBy: result.data.number,
      returnedReason: returnReason,
    })
    expect(listed.find((d) => d.id === result.data.documentId)).toMatchObject({ supersedesNumber: notice.number })
    // Nothing is left to correct, and the same correction again is refused.
    expect(await correctionFormOf(db, clinic.staff.registrar, requestId, 'kk')).toBeNull()
    expect(
      await correctRequest(
        db,
        clinic.staff.registrar,
        {
          requestId,
          version: 3,
          documentId: notice.id,
          documentVersion: notice.version,
          facts: facts({ address: 'Ақтау қ., 3 шағын аудан, 1 үй' }),
        },
        context,
      ),
    ).toMatchObject({ ok: false, code: 'errors.document.alreadySuperseded' })
  })

  it('a corrected section moves the attachment, its history and counts; the new notice goes to the new section’s doctor', async () => {
    const { requestId, notice } = await returnedNotice()
    const before = await counts()
    const result = await correctRequest(
      db,
      clinic.staff.registrar,
      {
        requestId,
        version: 2,
        documentId: notice.id,
        documentVersion: notice.version,
        facts: facts({ sectionId: String(second) }),
      },
      context,
    )
    if (!result.ok) throw new Error(result.code)
    const [attachment] = await db.select().from(attachments).where(eq(attachments.sourceRequestId, requestId))
    expect(attachment!.sectionId).toBe(second)
    const [change] = await db
      .select()
      .from(attachmentSectionChanges)
      .where(eq(attachmentSectionChanges.attachmentId, attachment!.id))
    expect(change).toMatchObject({ fromSectionId: first, toSectionId: second, cause: 'correction', reason: returnReason })
    const after = await counts()
    expect(after.get(first)).toBe(before.get(first)! - 1)
    expect(after.get(second)).toBe((before.get(second) ?? 0) + 1)
    const [successor] = await db.select().from(documents).where(eq(documents.id, result.data.documentId))
    expect(successor!.signerId).toBe(secondDoctor.id)
    expect((successor!.snapshot as { section: string }).section).toBe('2')
  })

  it('bad facts are refused beside their field and change nothing', async () => {
    const { requestId, notice } = await returnedNotice()
    const state = await stateOf(requestId)
    const attempt = (overrides: Record<string, unknown>, version = 2) =>
      correctRequest(
        db,
        clinic.staff.registrar,
        { requestId, version, documentId: notice.id, documentVersion: notice.version, facts: facts(overrides) },
        context,
      )
    expect(await attempt({ address: 'Ақ' })).toMatchObject({
      ok: false,
      code: 'errors.invalidInput',
      fieldErrors: { address: 'errors.attachment.addressRequired' },
    })
    // An attachment is never left without a section.
    expect(await attempt({ sectionId: '' })).toMatchObject({
      ok: false,
      fieldErrors: { sectionId: 'errors.attachment.sectionRequired' },
    })
    expect(await attempt({ sectionId: String(children) })).toMatchObject({
      ok: false,
      fieldErrors: { sectionId: 'errors.attachment.sectionAgeBand' },
    })
    expect(await attempt({ sectionId: String(other.sectionIds[0]) })).toMatchObject({
      ok: false,
      fieldErrors: { sectionId: 'errors.attachment.sectionInvalid' },
    })
    expect(await attempt({ address: 'Ақтау қ., 14 шағын аудан, 2 үй' })).toMatchObject({
      ok: false,
      code: 'errors.request.correctionUnchanged',
    })
    // Someone else changed the request since the form was opened.
    expect(await attempt({}, 1)).toMatchObject({ ok: false, code: 'errors.request.stale' })
    expect(
      await correctRequest(
        db,
        other.staff.registrar,
        { requestId, version: 2, documentId: notice.id, documentVersion: notice.version, facts: facts() },
        context,
      ),
    ).toMatchObject({ ok: false, code: 'errors.request.notFound' })
    expect(
      await correctRequest(
        db,
        clinic.staff.doctor,
        { requestId, version: 2, documentId: notice.id, documentVersion: notice.version, facts: facts() },
        context,
      ),
    ).toMatchObject({ ok: false, code: 'errors.request.notAllowed' })
    expect(await stateOf(requestId)).toEqual(state)
  })

  it('two registrars correcting at once: one correction, one new document; the other is told it is stale', async () => {
    const { requestId, notice } = await returnedNotice()
    const input = { requestId, version: 2, documentId: notice.id, documentVersion: notice.version }
    const results = await Promise.all([
      correctRequest(db, clinic.staff.registrar, { ...input, facts: facts() }, context),
      correctRequest(db, clinic.staff.head, { ...input, facts: facts({ sectionId: String(second) }) }, context),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toMatchObject({ code: 'errors.request.stale' })
    const successors = await db.select().from(documents).where(eq(documents.supersedesId, notice.id))
    expect(successors).toHaveLength(1)
  })
})

describe('Issue 15, Rules of attachment p.18: the section is changed inside the clinic, with a reason', () => {
  async function attached() {
    const patient = await makePatient(db)
    const submitted = await submitAttachment(db, patient.actor, { clinic, sectionIndex: 0 }, context)
    if (!submitted.ok) throw new Error(submitted.code)
    const approved = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      context,
    )
    if (!approved.ok) throw new Error(approved.code)
    const [attachment] = await db.select().from(attachments).where(eq(attachments.sourceRequestId, submitted.data.requestId))
    return { patient, attachment: attachment! }
  }
  const change = (actor: StaffActor, input: { patientId: number; version: number; sectionId: number }) =>
    changeAttachmentSection(db, actor, { ...input, reason: 'Отбасының өтініші бойынша' }, { now: context.now, address: null })

  it('moves the person: the history keeps the old section, the reason, the day and who; the doctors’ lists and counts follow', async () => {
    const { patient, attachment } = await attached()
    const before = await counts()
    const view = listView(context.now)
    const result = await change(clinic.staff.registrar, {
      patientId: patient.id,
      version: attachment.version,
      sectionId: second,
    })
    expect(result).toEqual({ ok: true, data: { version: attachment.version + 1, sectionNumber: '2' } })
    const after = await counts()
    expect(after.get(first)).toBe(before.get(first)! - 1)
    expect(after.get(second)).toBe((before.get(second) ?? 0) + 1)
    // The counts are the register's own: each section's count is the number of its entries.
    const [mismatch] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from attached_counts c
      where c.organization_id = ${clinic.organizationId} and c.attached <> (
        select count(*) from register_entries e where e.organization_id = c.organization_id and e.section_id is not distinct from c.section_id)`)
    expect(mismatch!.n).toBe(0)
    const secondList = await listSectionPatients(db, secondDoctor, second, view)
    expect(secondList.map((row) => row.id)).toContain(patient.id)
    expect((await listSectionPatients(db, clinic.staff.doctor, first, view)).map((row) => row.id)).not.toContain(patient.id)
    expect((await listSectionLoad(db, secondDoctor, { doctorId: secondDoctor.id }))[0]!.attachedCount).toBe(after.get(second))
    const form = await getSectionChangeForm(db, clinic.staff.registrar, patient.id, {
      locale: 'ru',
      today: '2026-11-24',
      address: null,
    })
    expect(form?.attachment).toMatchObject({ id: attachment.id, sectionId: second, sectionNumber: '2' })
    expect(form?.history).toEqual([
      expect.objectContaining({
        fromNumber: '1',
        toNumber: '2',
        reason: 'Отбасының өтініші бойынша',
        cause: 'change',
        changedByName: expect.stringContaining('registrar surname'),
        changedAt: context.now,
      }),
    ])
    // The form offers the other sections that serve the person's age, not the one they are on, not the children's.
    expect(form?.choice.options.map((option) => Number(option.value))).toEqual([first])
    const [audit] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.changeSection'), eq(auditLog.entityId, String(attachment.id))))
    expect(audit!.details).toEqual({ from: first, to: second, reason: 'Отбасының өтініші бойынша' })
  })

  it('tells the person the new section and doctor by SMS; a child without a phone, through the parent', async () => {
    const { patient, attachment } = await attached()
    await change(clinic.staff.registrar, { patientId: patient.id, version: attachment.version, sectionId: second })
    const told = await db
      .select({ template: notifications.template, body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.patientId, patient.id), eq(notifications.template, 'sectionChanged')))
    expect(told).toEqual([{ template: 'sectionChanged', body: expect.stringContaining('№2') }])
    expect(told[0]!.body).toContain(secondDoctor.name.split(' ')[0]!)

    const parent = await makePatient(db)
    const child = await makePatient(db, {
      birthDate: '2017-05-01',
      phone: null,
      firstName: 'Әлихан',
      attachTo: { organizationId: clinic.organizationId, sectionId: first },
    })
    await makeRepresentative(db, child.id, parent.id)
    const [own] = await db.select().from(attachments).where(eq(attachments.patientId, child.id))
    expect(await change(clinic.staff.registrar, { patientId: child.id, version: own!.version, sectionId: second })).toMatchObject(
      { ok: true },
    )
    const toParent = await db
      .select({ body: notifications.body, recipient: notifications.recipient })
      .from(notifications)
      .where(and(eq(notifications.patientId, parent.id), eq(notifications.template, 'sectionChangedWard')))
    expect(toParent).toEqual([{ body: expect.stringContaining('Әлихан'), recipient: parent.actor.phone }])
  })

  it('refuses the same section, a section outside the person’s age band or clinic, a stale version, and outsiders', async () => {
    const { attachment } = await attached()
    const base = { patientId: attachment.patientId, version: attachment.version }
    expect(await change(clinic.staff.registrar, { ...base, sectionId: first })).toMatchObject({
      ok: false,
      fieldErrors: { sectionId: 'errors.attachment.sectionUnchanged' },
    })
    expect(await change(clinic.staff.registrar, { ...base, sectionId: children })).toMatchObject({
      ok: false,
      fieldErrors: { sectionId: 'errors.attachment.sectionAgeBand' },
    })
    expect(await change(clinic.staff.registrar, { ...base, sectionId: other.sectionIds[0]! })).toMatchObject({
      ok: false,
      fieldErrors: { sectionId: 'errors.attachment.sectionInvalid' },
    })
    expect(await change(clinic.staff.registrar, { ...base, version: base.version + 1, sectionId: second })).toMatchObject({
      ok: false,
      code: 'errors.attachment.sectionChangeStale',
    })
    expect(await change(other.staff.registrar, { ...base, sectionId: second })).toMatchObject({
      ok: false,
      code: 'errors.request.notFound',
    })
    expect(await change(clinic.staff.doctor, { ...base, sectionId: second })).toMatchObject({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    const [unchanged] = await db.select().from(attachments).where(eq(attachments.id, attachment.id))
    expect(unchanged).toMatchObject({ sectionId: first, version: attachment.version })
    expect(
      await db.select().from(attachmentSectionChanges).where(eq(attachmentSectionChanges.attachmentId, attachment.id)),
    ).toEqual([])
    // An insurance attachment past its last day is not in force, even before the nightly job ends it (p.29).
    await db
      .update(attachments)
      .set({ validFrom: '2025-01-01', validTo: '2026-11-20', version: attachment.version + 1 })
      .where(eq(attachments.id, attachment.id))
    const lapsed = { ...base, version: attachment.version + 1, sectionId: second }
    expect(await change(clinic.staff.registrar, lapsed)).toMatchObject({ ok: false, code: 'errors.attachment.notInForce' })
    // Once ended, the person has no attachment to change here.
    await db
      .update(attachments)
      .set({ status: 'ended', version: attachment.version + 2 })
      .where(eq(attachments.id, attachment.id))
    expect(await change(clinic.staff.registrar, { ...lapsed, version: attachment.version + 2 })).toMatchObject({
      ok: false,
      code: 'errors.request.notFound',
    })
    expect(
      await db.select().from(attachmentSectionChanges).where(eq(attachmentSectionChanges.attachmentId, attachment.id)),
    ).toEqual([])
  })

  it('two changes at once: one wins, the other is told to look again; the counts stay the register’s', async () => {
    const { attachment } = await attached()
    const before = await counts()
    const base = { patientId: attachment.patientId, version: attachment.version }
    const results = await Promise.all([
      change(clinic.staff.registrar, { ...base, sectionId: second }),
      change(clinic.staff.head, { ...base, sectionId: second }),
      change(clinic.staff.chief, { ...base, sectionId: second }),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(2 - 1)
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.code)).toEqual([
      'errors.attachment.sectionChangeStale',
      'errors.attachment.sectionChangeStale',
    ])
    const after = await counts()
    expect(after.get(first)).toBe(before.get(first)! - 1)
    expect(after.get(second)).toBe((before.get(second) ?? 0) + 1)
    expect(
      await db.select().from(attachmentSectionChanges).where(eq(attachmentSectionChanges.attachmentId, attachment.id)),
    ).toHaveLength(1)
  })
})

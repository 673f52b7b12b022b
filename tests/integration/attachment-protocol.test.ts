import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachmentProtocols, attachments, auditLog, notifications } from '@/db/schema'
import { applyAttachmentProtocol, checkAttachmentProtocol, type ApplyContext } from '@/lib/services/attachment/protocols/apply'
import { exportWrittenNotices, listAttachmentProtocols, listWrittenNotices } from '@/lib/services/attachment/protocols/queries'
import { isProtocolLate } from '@/lib/services/attachment/rules/protocols'
import { digestOfShown } from '@/lib/audit/list-view-memory'
import type { ProtocolData } from '@/lib/services/attachment/protocols/schema'
import { makeIin } from '@/lib/iin'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, makeRepresentative, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinicA: TestClinic
let clinicB: TestClinic
// Tuesday 24 November 2026, 11:00 in Almaty.
const context: ApplyContext = { now: new Date('2026-11-24T06:00:00Z'), address: null, overrides: [] }
const people: Record<string, { id: number; iin: string }> = {}

const protocol = (input: Partial<ProtocolData> & { people: string }): ProtocolData => ({
  kind: 'fund_placement',
  number: `ФП-${randomUUID().slice(0, 6)}`,
  receivedOn: '2026-11-23',
  basis: 'clinic_refusal',
  idempotencyKey: randomUUID(),
  ...input,
})

async function snapshot() {
  const [row] = (await db.execute(sql`
    select (select count(*)::int from attachments) as attachments,
           (select count(*)::int from attachments where status = 'active') as active,
           (select count(*)::int from attachment_protocols) as protocols,
           (select count(*)::int from notifications) as notifications,
           (select count(*)::int from audit_log where action = 'attachmentProtocol.apply') as audits`)) as unknown as [
    Record<string, number>,
  ]
  return row
}

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinicA = await makeClinic(db, 'Stopping clinic')
  clinicB = await makeClinic(db, 'Receiving clinic')
  const inA = { organizationId: clinicA.organizationId, sectionId: clinicA.sectionIds[0] }
  people.kk = await makePatient(db, { attachTo: inA, lastName: 'Сейітов', firstName: 'Нұрлан', phone: '+77010000011' })
  people.ru = await makePatient(db, {
    attachTo: inA,
    lastName: 'Иванова',
    firstName: 'Ольга',
    locale: 'ru',
    phone: '+77010000012',
  })
  people.child = await makePatient(db, {
    attachTo: inA,
    birthDate: '2019-05-05',
    phone: null,
    lastName: 'Ахметов',
    firstName: 'Әли',
  })
  const parent = await makePatient(db, { phone: '+77010000013', locale: 'ru', attachTo: inA })
  await makeRepresentative(db, people.child.id, parent.id)
  people.parent = parent
  people.noPhone = await makePatient(db, { attachTo: inA, phone: null, lastName: 'Телефонсыз', firstName: 'Асқар' })
  people.inB = await makePatient(db, { attachTo: { organizationId: clinicB.organizationId } })
  people.other = await makePatient(db, { attachTo: inA })
})

describe('Rules of attachment p.16, p.35-36: the receiving clinic applies a protocol', () => {
  it('p.35: a Fund protocol of 3 people moves them from clinic A to clinic B, ends the old attachments, tells each by SMS in their language, once', async () => {
    const input = protocol({ people: `${people.kk!.iin};1\n${people.ru!.iin}\n${people.child!.iin}`, number: '17' })
    const result = await applyAttachmentProtocol(db, clinicB.staff.chief, input, context)
    expect(result).toMatchObject({ ok: true, data: { attached: 3, withoutPhone: 0, queued: 3, replayed: false } })
    if (!result.ok) return
    const moved = [people.kk!.id, people.ru!.id, people.child!.id]

    const rows = await db
      .select({
        patientId: attachments.patientId,
        organizationId: attachments.organizationId,
        sectionId: attachments.sectionId,
        basis: attachments.basis,
        status: attachments.status,
        validFrom: attachments.validFrom,
        validTo: attachments.validTo,
        protocolId: attachments.protocolId,
      })
      .from(attachments)
      .where(inArray(attachments.patientId, moved))
    for (const id of moved) {
      const own = rows.filter((row) => row.patientId === id)
      expect(own).toHaveLength(2)
      expect(own.find((row) => row.organizationId === clinicA.organizationId)).toMatchObject({
        status: 'ended',
        validTo: '2026-11-24',
        protocolId: null,
      })
      expect(own.find((row) => row.organizationId === clinicB.organizationId)).toMatchObject({
        status: 'active',
        basis: 'clinic_refusal',
        validFrom: '2026-11-24',
        validTo: null,
        protocolId: result.data.id,
        // Issue 15: a line without a section gets one of the receiving clinic's (the least loaded, here).
        sectionId: id === people.kk!.id ? clinicB.sectionIds[0] : expect.any(Number),
      })
      expect(clinicB.sectionIds).toContain(own.find((row) => row.organizationId === clinicB.organizationId)!.sectionId)
    }

    const [stored] = await db.select().from(attachmentProtocols).where(eq(attachmentProtocols.id, result.data.id))
    expect(stored).toMatchObject({
      organizationId: clinicB.organizationId,
      kind: 'fund_placement',
      number: '17',
      receivedOn: '2026-11-23',
      basis: 'clinic_refusal',
      appliedOn: '2026-11-24',
      appliedBy: clinicB.staff.chief.id,
      peopleCount: 3,
      withoutPhoneCount: 0,
    })
    // Rule 50: received on Monday, due by the end (20:00 Almaty) of Tuesday.
    expect(stored!.dueAt).toEqual(new Date('2026-11-24T15:00:00Z'))

    const messages = await db
      .select({
        patientId: notifications.patientId,
        recipient: notifications.recipient,
        locale: notifications.locale,
        body: notifications.body,
      })
      .from(notifications)
      .where(eq(notifications.attachmentProtocolId, result.data.id))
    const byPatient = Object.fromEntries(messages.map((message) => [message.patientId, message]))
    expect(messages).toHaveLength(3)
    expect(byPatient[people.kk!.id]).toMatchObject({ recipient: '+77010000011', locale: 'kk' })
    expect(byPatient[people.kk!.id]!.body).toBe(
      'Tirkeu: Сейітов Нұрлан, №17 хаттама бойынша 24.11.2026 бастап сіз бекітілген емхана: Receiving clinic (kk). Келіспесеңіз, eGov арқылы Қағидалардың 31-тармағының 5) тармақшасы бойынша басқа емханаға бекітілуге өтініш беріңіз.',
    )
    expect(byPatient[people.ru!.id]).toMatchObject({ recipient: '+77010000012', locale: 'ru' })
    expect(byPatient[people.ru!.id]!.body).toContain(
      'Иванова Ольга, по протоколу №17 с 24.11.2026 вы прикреплены к поликлинике: Receiving clinic (ru). Если не согласны',
    )
    // p.36: a child without a phone is told through the legal representative's phone, in their language.
    expect(byPatient[people.child!.id]).toMatchObject({ recipient: '+77010000013', locale: 'ru' })
    expect(byPatient[people.child!.id]!.body).toContain('Ахметов Әли')

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'attachmentProtocol.apply'))
    expect(audit).toMatchObject({
      actorId: clinicB.staff.chief.id,
      organizationId: clinicB.organizationId,
      entity: 'attachment_protocol',
      entityId: String(result.data.id),
    })
    expect(audit!.details).toMatchObject({ people: 3, late: false, endedByClinic: { [clinicA.organizationId]: 3 } })

    // A double click or a replay applies nothing twice.
    const before = await snapshot()
    const replay = await applyAttachmentProtocol(db, clinicB.staff.chief, input, context)
    expect(replay).toEqual({ ok: true, data: { id: result.data.id, attached: 3, withoutPhone: 0, queued: 0, replayed: true } })
    expect(await snapshot()).toEqual(before)
  })

  it('p.35: one bad line stops the whole protocol; every line’s error is listed and nothing changes', async () => {
    const unknown = makeIin({ birthDate: '1970-01-01', sex: 'male', serial: 9001 })
    const bad = people.other!.iin.slice(0, 11) + String((Number(people.other!.iin[11]) + 1) % 10)
    const before = await snapshot()
    const text = [
      people.other!.iin,
      unknown,
      `${people.inB!.iin}`,
      `${people.noPhone!.iin};9`,
      bad,
      people.other!.iin,
      `${people.parent!.iin};2`,
    ].join('\n')
    const result = await applyAttachmentProtocol(db, clinicB.staff.chief, protocol({ people: text }), context)
    expect(result).toEqual({
      ok: false,
      code: 'errors.protocol.linesInvalid',
      fieldErrors: { people: 'errors.protocol.linesInvalid' },
      lineErrors: [
        { line: 2, code: 'errors.protocol.line.unknownPerson' },
        { line: 3, code: 'errors.protocol.line.alreadyAttached' },
        { line: 4, code: 'errors.protocol.line.foreignSection' },
        { line: 5, code: 'errors.protocol.line.iinChecksum' },
        { line: 6, code: 'errors.protocol.line.duplicate', first: 1 },
      ],
    })
    expect(await snapshot()).toEqual(before)
    const [current] = await db
      .select({ organizationId: attachments.organizationId })
      .from(attachments)
      .where(and(eq(attachments.patientId, people.other!.id), eq(attachments.status, 'active')))
    expect(current).toEqual({ organizationId: clinicA.organizationId })
  })

  it('p.36: a regional commission protocol; people with no phone are listed for the written notice; applied after its day it is late', async () => {
    // Received on Thursday 19 November: due by Friday 20 November, 20:00; applied on Tuesday 24th.
    const input = protocol({
      kind: 'regional_commission',
      number: 'РК-5',
      receivedOn: '2026-11-19',
      basis: 'new_facility',
      people: `${people.noPhone!.iin};2\n${people.other!.iin}`,
    })
    const result = await applyAttachmentProtocol(db, clinicB.staff.chief, input, context)
    expect(result).toMatchObject({ ok: true, data: { attached: 2, withoutPhone: 1, queued: 1 } })
    if (!result.ok) return

    const [row] = await listAttachmentProtocols(db, clinicB.staff.chief)
    expect(row).toMatchObject({ id: result.data.id, kind: 'regional_commission', number: 'РК-5', peopleCount: 2, pending: 1 })
    expect(row!.dueAt).toEqual(new Date('2026-11-20T15:00:00Z'))
    expect(isProtocolLate(row!.dueAt, row!.appliedAt)).toBe(true)
    const written = [
      {
        patientId: people.noPhone!.id,
        iin: people.noPhone!.iin,
        name: 'Телефонсыз Асқар',
        address: 'Ақтау қ., 12 шағын аудан, 5 үй',
      },
    ]
    expect(await listWrittenNotices(db, clinicB.staff.chief, result.data.id, listView(context.now, '10.0.0.4'))).toEqual(written)
    // The list on the page is a view (deduplicated); every CSV download is an export of its own.
    expect(await exportWrittenNotices(db, clinicB.staff.chief, result.data.id, '10.0.0.4')).toEqual(written)
    expect(await exportWrittenNotices(db, clinicB.staff.chief, result.data.id, '10.0.0.4')).toEqual(written)
    // Another clinic's chief, or a protocol that does not exist: not found, and no export is recorded.
    expect(await exportWrittenNotices(db, clinicA.staff.chief, result.data.id, '10.0.0.4')).toBeNull()
    expect(await exportWrittenNotices(db, clinicB.staff.chief, 987_654_321, '10.0.0.4')).toBeNull()
    const audits = await db
      .select({
        action: auditLog.action,
        organizationId: auditLog.organizationId,
        entityId: auditLog.entityId,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorId, clinicB.staff.chief.id),
          inArray(auditLog.action, ['writtenNotices.view', 'attachmentProtocol.writtenNotices']),
        ),
      )
      .orderBy(auditLog.id)
    const view = {
      filter: { protocolId: result.data.id },
      page: { limit: 100 },
      count: 1,
      digest: digestOfShown([people.noPhone!.id]),
    }
    expect(audits).toEqual([
      { action: 'writtenNotices.view', organizationId: clinicB.organizationId, entityId: null, details: view },
      ...Array.from({ length: 2 }, () => ({
        action: 'attachmentProtocol.writtenNotices',
        organizationId: clinicB.organizationId,
        entityId: String(result.data.id),
        details: { rows: 1 },
      })),
    ])

    // The same protocol cannot be applied again under a new key, and a protocol cannot be received tomorrow.
    const again = await applyAttachmentProtocol(
      db,
      clinicB.staff.chief,
      { ...input, idempotencyKey: randomUUID(), receivedOn: '2026-11-25', people: people.parent!.iin },
      context,
    )
    expect(again).toEqual({
      ok: false,
      code: 'errors.invalidInput',
      fieldErrors: { receivedOn: 'errors.protocol.receivedInFuture', number: 'errors.protocol.numberTaken' },
    })
  })

  it('only the chief of the receiving clinic applies a protocol and sees its people', async () => {
    const before = await snapshot()
    const input = protocol({ people: people.parent!.iin })
    for (const actor of [clinicB.staff.head, clinicB.staff.registrar, clinicB.staff.doctor])
      expect(await applyAttachmentProtocol(db, actor, input, context)).toEqual({ ok: false, code: 'errors.request.notAllowed' })
    expect(await snapshot()).toEqual(before)

    const [applied] = await listAttachmentProtocols(db, clinicB.staff.chief)
    expect(await listAttachmentProtocols(db, clinicB.staff.head)).toEqual([])
    expect(await listAttachmentProtocols(db, clinicA.staff.chief)).toEqual([])
    expect(await listWrittenNotices(db, clinicA.staff.chief, applied!.id, listView())).toEqual([])
    // Another clinic's chief replaying this clinic's key gets nothing.
    const [{ key }] = (await db.execute(
      sql`select idempotency_key::text as key from attachment_protocols where id = ${applied!.id}`,
    )) as unknown as [{ key: string }]
    expect(await applyAttachmentProtocol(db, clinicA.staff.chief, { ...input, idempotencyKey: key }, context)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(await snapshot()).toEqual(before)
  })
})

describe('Rules p.31(5), p.36 para 2: disagreeing with the clinic a protocol placed the person at', () => {
  // Someone attached to clinic A whom a regional commission's protocol places at clinic B (applied on Tuesday).
  async function placedByCommission() {
    const person = await makePatient(db, { attachTo: { organizationId: clinicA.organizationId } })
    const applied = await applyAttachmentProtocol(
      db,
      clinicB.staff.chief,
      protocol({ kind: 'regional_commission', basis: 'non_placement', people: person.iin }),
      context,
    )
    expect(applied.ok).toBe(true)
    return person
  }

  it('p.31(5): the person placed may apply on basis (5) within the year; someone not placed is refused at the field', async () => {
    const placed = await placedByCommission()
    const submit = (actor: typeof placed.actor, when: string) =>
      submitAttachment(db, actor, { clinic: clinicA, basis: 'commission_disagreement' }, { ...context, now: new Date(when) })
    expect((await submit(placed.actor, '2026-12-01T05:00:00Z')).ok).toBe(true)

    const notPlaced = await makePatient(db, { attachTo: { organizationId: clinicB.organizationId } })
    expect(await submit(notPlaced.actor, '2026-12-01T05:00:00Z')).toMatchObject({
      ok: false,
      code: 'errors.attachment.commissionDisagreementNotPlaced',
      fieldErrors: { basis: 'errors.attachment.commissionDisagreementNotPlaced' },
    })
  })

  it('p.31(5): a year after the placement took effect, the basis is no longer there', async () => {
    const placed = await placedByCommission()
    const late = await submitAttachment(
      db,
      placed.actor,
      { clinic: clinicA, basis: 'commission_disagreement' },
      { ...context, now: new Date('2027-11-24T06:00:00Z') },
    )
    expect(late).toMatchObject({ ok: false, code: 'errors.attachment.commissionDisagreementNotPlaced' })
  })
})

describe('issue 15, point 3: the confirmation comes after the server’s check, which names who no SMS can reach', () => {
  it('bad lines and a future day of receipt are refused by the check, before any confirmation; nothing is written', async () => {
    const inA = { organizationId: clinicA.organizationId, sectionId: clinicA.sectionIds[0] }
    const person = await makePatient(db, { attachTo: inA })
    const before = await snapshot()
    const checked = await checkAttachmentProtocol(
      db,
      clinicB.staff.chief,
      protocol({
        receivedOn: '2026-11-25',
        people: `${person.iin}\n123\n${makeIin({ birthDate: '1970-01-01', sex: 'male', serial: 9901 })}`,
      }),
      context,
    )
    expect(checked).toEqual({
      ok: false,
      code: 'errors.protocol.linesInvalid',
      fieldErrors: { receivedOn: 'errors.protocol.receivedInFuture', people: 'errors.protocol.linesInvalid' },
      lineErrors: [
        { line: 2, code: 'errors.protocol.line.iinLength' },
        { line: 3, code: 'errors.protocol.line.unknownPerson' },
      ],
    })
    expect(await snapshot()).toEqual(before)
  })

  it('a day outside the calendar’s years is refused at the field, and nothing throws', async () => {
    const inA = { organizationId: clinicA.organizationId, sectionId: clinicA.sectionIds[0] }
    const person = await makePatient(db, { attachTo: inA })
    const input = protocol({ receivedOn: '2099-03-10', people: person.iin })
    const refusal = { ok: false, code: 'errors.invalidInput', fieldErrors: { receivedOn: 'errors.calendar.outOfYears' } }
    expect(await checkAttachmentProtocol(db, clinicB.staff.chief, input, context)).toEqual(refusal)
    expect(await applyAttachmentProtocol(db, clinicB.staff.chief, input, context)).toEqual(refusal)
  })

  it('a good list: the check counts the people and lists those without any phone, and applies nothing', async () => {
    const inA = { organizationId: clinicA.organizationId, sectionId: clinicA.sectionIds[0] }
    const withPhone = await makePatient(db, { attachTo: inA, phone: '+77010000099' })
    const withoutPhone = await makePatient(db, { attachTo: inA, phone: null, lastName: 'Хатпен', firstName: 'Берік' })
    const before = await snapshot()
    const checked = await checkAttachmentProtocol(
      db,
      clinicB.staff.chief,
      protocol({ people: `${withPhone.iin}\n${withoutPhone.iin}` }),
      context,
    )
    expect(checked).toEqual({
      ok: true,
      data: {
        attached: 2,
        withoutPhoneCount: 1,
        withoutPhone: [
          {
            patientId: withoutPhone.id,
            iin: withoutPhone.iin,
            name: expect.stringContaining('Хатпен Берік'),
            address: expect.any(String),
          },
        ],
      },
    })
    expect(await snapshot()).toEqual(before)
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'withoutPhoneCheck.view'), eq(auditLog.actorId, clinicB.staff.chief.id)))
    expect(audit!.details).toMatchObject({ count: 1 })
  })

  it('only the receiving clinic’s chief may check a protocol', async () => {
    expect(await checkAttachmentProtocol(db, clinicB.staff.head, protocol({ people: people.other!.iin }), context)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
  })
})

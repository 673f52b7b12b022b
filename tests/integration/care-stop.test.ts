import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, auditLog, careStopNotices, notifications } from '@/db/schema'
import { digestOfShown } from '@/lib/audit/list-view-memory'
import { checkCareStopNotice, recordCareStopNotice } from '@/lib/services/attachment/care-stop/record'
import { failedCareStopDeliveries, listCareStopNotices } from '@/lib/services/attachment/care-stop/queries'
import { deliverPendingNotifications, maxDeliveryAttempts, type SmsSender } from '@/lib/jobs/deliver-notifications'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, makeRepresentative, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
// Monday 23 November 2026, 11:00 in Almaty.
const now = new Date('2026-11-23T06:00:00Z')
const people: Record<string, number> = {}

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Closing clinic')
  other = await makeClinic(db, 'Neighbour clinic')
  const attachTo = { organizationId: clinic.organizationId, sectionId: clinic.sectionIds[0] }
  people.kk = (await makePatient(db, { attachTo, lastName: 'Сейітов', firstName: 'Нұрлан', phone: '+77010000001' })).id
  people.ru = (
    await makePatient(db, { attachTo, lastName: 'Иванова', firstName: 'Ольга', locale: 'ru', phone: '+77010000002' })
  ).id
  people.noPhone = (await makePatient(db, { attachTo, phone: null })).id
  const parent = await makePatient(db, {
    phone: '+77010000003',
    locale: 'ru',
    attachTo: { organizationId: other.organizationId },
  })
  people.child = (
    await makePatient(db, { attachTo, birthDate: '2019-05-05', phone: null, lastName: 'Ахметов', firstName: 'Әли' })
  ).id
  await makeRepresentative(db, people.child, parent.id)
  people.elsewhere = (await makePatient(db, { attachTo: { organizationId: other.organizationId }, phone: '+77010000004' })).id
  // A campaign attachment to the closing clinic, waiting for 1 January, is told too.
  people.scheduled = (await makePatient(db, { phone: '+77010000005' })).id
  await db.insert(attachments).values({
    patientId: people.scheduled,
    organizationId: clinic.organizationId,
    basis: 'campaign',
    status: 'scheduled',
    validFrom: '2027-01-01',
  })
})

describe('Rules of attachment p.34: the clinic stops primary care and notifies its attached population', () => {
  it('p.34: recording the notice queues one SMS per attached person in their language, in the same transaction', async () => {
    const idempotencyKey = randomUUID()
    const input = { reason: 'contract_terminated' as const, stopsOn: '2027-01-01', note: 'Fund letter 12-3/456', idempotencyKey }
    const result = await recordCareStopNotice(db, clinic.staff.head, input, now, null)
    expect(result).toMatchObject({ ok: true, data: { queued: 4 } })
    if (!result.ok) return

    const [notice] = await db.select().from(careStopNotices).where(eq(careStopNotices.id, result.data.id))
    // p.34(1): 30 calendar days before 1 January 2027.
    expect(notice).toMatchObject({
      noticeDue: '2026-12-02',
      attachedCount: 5,
      withoutPhoneCount: 1,
      recordedBy: clinic.staff.head.id,
    })

    const messages = await db
      .select({
        patientId: notifications.patientId,
        recipient: notifications.recipient,
        locale: notifications.locale,
        body: notifications.body,
      })
      .from(notifications)
      .where(eq(notifications.careStopNoticeId, result.data.id))
    const byPatient = Object.fromEntries(messages.map((message) => [message.patientId, message]))
    expect(Object.keys(byPatient).map(Number).sort()).toEqual(
      [people.kk, people.ru, people.child, people.scheduled].sort((a, b) => a! - b!),
    )
    expect(byPatient[people.kk!]).toMatchObject({ recipient: '+77010000001', locale: 'kk' })
    expect(byPatient[people.kk!]!.body).toBe(
      'Tirkeu: Сейітов Нұрлан, Closing clinic (kk) 01.01.2027 бастап медициналық-санитариялық алғашқы көмек көрсетуді тоқтатады. Басқа емханаға eGov арқылы немесе тіркеу орнында бекітіліңіз.',
    )
    expect(byPatient[people.ru!]!.body).toContain(
      'Иванова Ольга, Closing clinic (ru) прекращает оказание первичной медико-санитарной помощи с 01.01.2027',
    )
    // A child without a phone: the legal representative's phone and language.
    expect(byPatient[people.child!]).toMatchObject({ recipient: '+77010000003', locale: 'ru' })
    expect(byPatient[people.child!]!.body).toContain('Ахметов Әли')

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'careStop.record'))
    expect(audit).toMatchObject({
      actorId: clinic.staff.head.id,
      organizationId: clinic.organizationId,
      entityId: String(result.data.id),
    })

    // A double click or a replay sends nothing twice.
    const replay = await recordCareStopNotice(db, clinic.staff.head, input, now, null)
    expect(replay).toMatchObject({ ok: true, data: { id: result.data.id, queued: 0 } })
    const [{ count }] = (await db.execute(
      sql`select count(*)::int as count from notifications where care_stop_notice_id is not null`,
    )) as unknown as [{ count: number }]
    expect(count).toBe(4)
  })

  it('p.34(2): a liquidation learned of on 18 November had to be told by 20 November; recorded on the 23rd it is late', async () => {
    const result = await recordCareStopNotice(
      db,
      clinic.staff.head,
      { reason: 'liquidation', learnedOn: '2026-11-18', stopsOn: '2027-03-01', idempotencyKey: randomUUID() },
      now,
      null,
    )
    expect(result.ok).toBe(true)
    const rows = await listCareStopNotices(db, clinic.staff.head)
    expect(rows[0]).toMatchObject({ reason: 'liquidation', noticeDue: '2026-11-20', learnedOn: '2026-11-18', pending: 4 })
  })

  it('p.34(2): the day the clinic learned of it cannot be in the future', async () => {
    const result = await recordCareStopNotice(
      db,
      clinic.staff.head,
      { reason: 'reorganization', learnedOn: '2026-11-24', stopsOn: '2027-03-01', idempotencyKey: randomUUID() },
      now,
      null,
    )
    expect(result).toEqual({
      ok: false,
      code: 'errors.invalidInput',
      fieldErrors: { learnedOn: 'errors.careStop.learnedInFuture' },
    })
  })

  it('only the clinic management records it; a registrar or another clinic cannot, and a registrar sees no board', async () => {
    const input = { reason: 'contract_amended' as const, stopsOn: '2027-06-01', idempotencyKey: randomUUID() }
    expect(await recordCareStopNotice(db, clinic.staff.registrar, input, now, null)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(await listCareStopNotices(db, clinic.staff.registrar)).toEqual([])
    expect(await listCareStopNotices(db, other.staff.head)).toEqual([])
  })

  it('p.34: the board shows delivery progress and who the SMS did not reach', async () => {
    const [first] = (await listCareStopNotices(db, clinic.staff.head)).slice(-1)
    const failing: SmsSender = {
      send: async ({ to }) => {
        if (to === '+77010000002') throw new Error('unreachable')
      },
    }
    for (let attempt = 0; attempt < maxDeliveryAttempts; attempt++)
      await deliverPendingNotifications(db, failing, () => now, 1000)
    const rows = await listCareStopNotices(db, clinic.staff.head)
    const delivered = rows.find((row) => row.id === first!.id)!
    expect(delivered).toMatchObject({ sent: 3, pending: 0, failed: 1 })
    const failed = await failedCareStopDeliveries(db, clinic.staff.head, first!.id, listView(now, '10.0.0.5'))
    expect(failed).toEqual([expect.objectContaining({ patientId: people.ru, name: 'Иванова Ольга', phone: '+77010000002' })])
    expect(await failedCareStopDeliveries(db, other.staff.head, first!.id, listView())).toEqual([])
    // Each list of names shown is audited; the other clinic's head asked for a notice not theirs and saw nobody.
    const views = await db
      .select({
        actorId: auditLog.actorId,
        organizationId: auditLog.organizationId,
        address: auditLog.address,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(eq(auditLog.action, 'careStopFailures.view'))
      .orderBy(auditLog.id)
    expect(views).toEqual([
      {
        actorId: clinic.staff.head.id,
        organizationId: clinic.organizationId,
        address: '10.0.0.5',
        details: { filter: { noticeId: first!.id }, page: { limit: 100 }, count: 1, digest: digestOfShown([people.ru!]) },
      },
      {
        actorId: other.staff.head.id,
        organizationId: other.organizationId,
        address: null,
        details: { filter: { noticeId: first!.id }, page: { limit: 100 }, count: 0, digest: digestOfShown([]) },
      },
    ])
  })
})

describe('issue 15, point 3: the confirmation comes after the server’s check, which names who no SMS can reach', () => {
  const counts = async () =>
    (
      (await db.execute(sql`
        select (select count(*)::int from care_stop_notices) as notices, (select count(*)::int from notifications) as sms`)) as unknown as [
        Record<string, number>,
      ]
    )[0]

  it('the check counts who the notice reaches and lists the people without any phone; nothing is recorded', async () => {
    const before = await counts()
    const input = { reason: 'contract_terminated' as const, stopsOn: '2027-02-01', idempotencyKey: randomUUID() }
    const checked = await checkCareStopNotice(db, clinic.staff.head, input, now, null)
    expect(checked).toMatchObject({
      ok: true,
      data: { attached: 5, withoutPhoneCount: 1, withoutPhone: [{ patientId: people.noPhone }] },
    })
    expect(await counts()).toEqual(before)
  })

  it('a day learned of in the future is refused by the check, before the confirmation', async () => {
    const input = { reason: 'liquidation' as const, learnedOn: '2026-11-24', stopsOn: '2027-02-01', idempotencyKey: randomUUID() }
    expect(await checkCareStopNotice(db, clinic.staff.head, input, now, null)).toEqual({
      ok: false,
      code: 'errors.invalidInput',
      fieldErrors: { learnedOn: 'errors.careStop.learnedInFuture' },
    })
  })

  it('a registrar may not check a notice', async () => {
    const input = { reason: 'contract_terminated' as const, stopsOn: '2027-02-01', idempotencyKey: randomUUID() }
    expect(await checkCareStopNotice(db, clinic.staff.registrar, input, now, null)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
  })
})

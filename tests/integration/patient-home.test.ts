import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, notifications, organizations, patients } from '@/db/schema'
import { loadActor } from '@/lib/auth/load-actor'
import { listMyMessages, messagesPageSize } from '@/lib/notifications/queries'
import { setNoticeLanguage } from '@/lib/patients/notice-language'
import { listMyPeople } from '@/lib/patients/queries'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { freshDb } from './db'
import { makeClinic, makePatient, makeRepresentative, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
const context: EngineContext = { now: new Date('2026-11-23T05:00:00Z'), address: '127.0.0.1', overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Home clinic')
  await db
    .update(organizations)
    .set({
      phone: '+7 7292 50-10-10',
      workingHours: {
        mon: { from: '08:00', to: '20:00' },
        tue: { from: '08:00', to: '20:00' },
        wed: { from: '08:00', to: '20:00' },
        thu: { from: '08:00', to: '20:00' },
        fri: { from: '08:00', to: '20:00' },
        sat: { from: '09:00', to: '14:00' },
      },
    })
    .where(eq(organizations.id, clinic.organizationId))
})

describe("Issue 15: the patient's home names his doctor and his clinic's phone and hours", () => {
  it('for himself and his child, each with the doctors of the section each is attached to', async () => {
    const parent = await makePatient(db, { attachTo: { organizationId: clinic.organizationId, sectionId: clinic.sectionIds[0] } })
    const child = await makePatient(db, {
      birthDate: '2019-03-02',
      firstName: 'Әли',
      attachTo: { organizationId: clinic.organizationId, sectionId: clinic.sectionIds[1] },
    })
    await makeRepresentative(db, child.id, parent.id)
    const people = await listMyPeople(db, { ...parent.actor, representedPatientIds: [child.id] })
    expect(people.map((person) => person.id)).toEqual([parent.id, child.id])
    expect(people[0]!.attachment).toMatchObject({
      sectionNumber: '1',
      clinicPhone: '+7 7292 50-10-10',
      clinicAddressRu: 'г. Актау, 1 мкр.',
      doctors: [{ name: 'doctor surname Name' }],
    })
    expect(people[0]!.attachment!.workingHours.sat).toEqual({ from: '09:00', to: '14:00' })
    // The second section has no doctor yet: the home says so rather than naming the first section's.
    expect(people[1]!.attachment).toMatchObject({ sectionNumber: '2', doctors: [] })
  })
})

describe('Issue 15: the SMS history on the patient’s pages', () => {
  it('lists his own SMS only, newest first, a page at a time with none skipped or repeated', async () => {
    const me = await makePatient(db)
    const other = await makePatient(db)
    const total = messagesPageSize + 7
    // Rows of the same transaction share their created_at: the cursor keeps the id as the tie-break and microseconds.
    await db.transaction(async (tx) => {
      for (let i = 0; i < total; i++)
        await tx.insert(notifications).values({
          channel: 'sms',
          recipient: '+77010000001',
          patientId: me.id,
          template: 'test',
          locale: 'kk',
          body: `SMS ${i}`,
          createdAt: new Date(Date.UTC(2026, 10, 1, 6, 0, 0) + Math.floor(i / 3)),
        })
      await tx.insert(notifications).values({
        channel: 'sms',
        recipient: '+77010000002',
        patientId: other.id,
        template: 'test',
        locale: 'kk',
        body: 'not mine',
      })
    })
    const first = await listMyMessages(db, me.actor, null)
    expect(first.rows).toHaveLength(messagesPageSize)
    expect(first.rows[0]!.body).toBe(`SMS ${total - 1}`)
    expect(first.next).not.toBeNull()
    const second = await listMyMessages(db, me.actor, first.next)
    expect(second.next).toBeNull()
    const bodies = [...first.rows, ...second.rows].map((row) => row.body)
    expect(bodies).toEqual(Array.from({ length: total }, (_, i) => `SMS ${total - 1 - i}`))
    expect(bodies).not.toContain('not mine')
  })

  it('shows a sign-in code masked', async () => {
    const me = await makePatient(db)
    await db.insert(notifications).values({
      channel: 'sms',
      recipient: '+77010000003',
      patientId: me.id,
      template: 'signInCode',
      locale: 'kk',
      body: 'Tirkeu: кіру коды 123456. 5 минут жарамды. Кодты ешкімге айтпаңыз.',
    })
    const { rows } = await listMyMessages(db, me.actor, null)
    expect(rows.map((row) => row.body)).toEqual(['Tirkeu: кіру коды ••••••. 5 минут жарамды. Кодты ешкімге айтпаңыз.'])
  })
})

describe('Issue 15: the SMS language is the one on the patient’s record', () => {
  it('is set on his page (audited), and the next SMS about his request is in it', async () => {
    const me = await makePatient(db, { locale: 'kk' })
    expect(await setNoticeLanguage(db, me.actor, { locale: 'de' }, { address: null })).toMatchObject({
      ok: false,
      fieldErrors: { locale: 'errors.patient.noticeLanguageRequired' },
    })
    expect(await setNoticeLanguage(db, me.actor, { locale: 'ru' }, { address: '127.0.0.1' })).toEqual({
      ok: true,
      data: { locale: 'ru' },
    })
    const [record] = await db.select({ locale: patients.locale }).from(patients).where(eq(patients.id, me.id))
    expect(record!.locale).toBe('ru')
    const audits = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'profile.noticeLanguage'), eq(auditLog.patientId, me.id)))
    expect(audits).toEqual([{ details: { from: 'kk', to: 'ru' } }])
    // Saving the same language again records nothing.
    await setNoticeLanguage(db, me.actor, { locale: 'ru' }, { address: '127.0.0.1' })
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'profile.noticeLanguage'), eq(auditLog.patientId, me.id))),
    ).toHaveLength(1)

    // The patient as the next request loads him: his record's language, whatever his screen shows.
    const actor = await loadActor(db, { kind: 'patient', id: me.id }, '2026-11-23', context.now)
    if (actor?.kind !== 'patient') throw new Error('no patient')
    expect(actor.locale).toBe('ru')
    const submitted = await submitAttachment(db, actor, { clinic, sectionIndex: 0 }, context)
    if (!submitted.ok) throw new Error(submitted.code)
    await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      context,
    )
    const sms = await db
      .select({ locale: notifications.locale, body: notifications.body })
      .from(notifications)
      .where(eq(notifications.requestId, submitted.data.requestId))
    // The receipt and the decision's SMS.
    expect(sms.length).toBe(2)
    expect(sms.every((row) => row.locale === 'ru')).toBe(true)
  })
})

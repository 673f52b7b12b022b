import { and, eq } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { attachments, requests } from '@/db/schema'
import { transitionRequest } from '@/lib/requests/engine'
import { freshDb } from './db'
import { makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

// Rules of attachment p.31(2), reading 5: at most two free choices a calendar year, counted over approvals decided in
// the year. The limit holds when a request is approved, not only when it is submitted: free-choice requests to several
// clinics can be open at once (one per clinic), and each registrar sees only their own.
let db: Database
let sql: postgres.Sql
let clinics: TestClinic[]
const sessions: postgres.Sql[] = []

beforeAll(async () => {
  ;({ db, sql } = await freshDb())
  clinics = []
  for (const name of ['Clinic A', 'Clinic B', 'Clinic C', 'Clinic D']) clinics.push(await makeClinic(db, name))
})

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.end()))
})

// A registrar's own connection to the same database (another clinic's desk, another server process).
function anotherConnection(): Database {
  const url = new URL(inject('adminUrl'))
  url.pathname = `/${sql.options.database}`
  const session = postgres(url.toString(), { max: 1, onnotice: () => {} })
  sessions.push(session)
  return createDatabase(session)
}

const at = (iso: string) => ({ now: new Date(iso), address: null, overrides: [] })

async function openFreeChoice(actor: Parameters<typeof submitAttachment>[1], clinic: TestClinic, when: string) {
  const submitted = await submitAttachment(db, actor, { clinic, basis: 'free_choice' }, at(when))
  if (!submitted.ok) throw new Error(submitted.code)
  return submitted.data.requestId
}

const approve = (via: Database, clinic: TestClinic, requestId: string, when: string) =>
  transitionRequest(via, clinic.staff.registrar, { operation: 'approve', requestId, version: 1 }, at(when))

describe('Rules p.31(2): two free choices a year, held when a request is approved', () => {
  it('p.31(2): three free-choice requests open at once to three clinics: the third approval is held back', async () => {
    const [a, b, c] = clinics as [TestClinic, TestClinic, TestClinic]
    const patient = await makePatient(db)
    const ids = [
      await openFreeChoice(patient.actor, a, '2026-03-02T05:00:00Z'),
      await openFreeChoice(patient.actor, b, '2026-03-02T05:10:00Z'),
      await openFreeChoice(patient.actor, c, '2026-03-02T05:20:00Z'),
    ] as [string, string, string]
    expect((await approve(db, a, ids[0], '2026-03-03T05:00:00Z')).ok).toBe(true)
    expect((await approve(db, b, ids[1], '2026-03-03T06:00:00Z')).ok).toBe(true)
    expect(await approve(db, c, ids[2], '2026-03-03T07:00:00Z')).toEqual({
      ok: false,
      code: 'errors.attachment.freeChoiceLimitAtDecision',
    })
    // Nothing of the third changed: still open, and the person stays attached to the second clinic.
    const [third] = await db.select().from(requests).where(eq(requests.id, ids[2]))
    expect(third).toMatchObject({ status: 'submitted', version: 1, decidedAt: null })
    const active = await db
      .select({ organizationId: attachments.organizationId })
      .from(attachments)
      .where(and(eq(attachments.patientId, patient.id), eq(attachments.status, 'active')))
    expect(active).toEqual([{ organizationId: b.organizationId }])
    // It is refused on the ground the Rules give.
    const refused = await transitionRequest(
      db,
      c.staff.registrar,
      { operation: 'refuse', requestId: ids[2], version: 1, ground: 'free_choice_limit', reason: 'Екі рет таңдалған' },
      at('2026-03-03T07:05:00Z'),
    )
    expect(refused.ok).toBe(true)
  })

  it('reading 5: choices are counted by the year of their decision, in Almaty time', async () => {
    const [a, b, c] = clinics as [TestClinic, TestClinic, TestClinic]
    const patient = await makePatient(db)
    // Submitted in December 2026; one decided on 31 December (Almaty), the other on 1 January 2027 at 00:30 Almaty.
    const december = await openFreeChoice(patient.actor, a, '2026-12-20T05:00:00Z')
    const january = await openFreeChoice(patient.actor, b, '2026-12-21T05:00:00Z')
    expect((await approve(db, a, december, '2026-12-31T12:00:00Z')).ok).toBe(true)
    expect((await approve(db, b, january, '2026-12-31T19:30:00Z')).ok).toBe(true)
    // In 2027 one choice is used (the one decided on 1 January): one more is allowed, then no third.
    const second = await openFreeChoice(patient.actor, c, '2027-01-05T05:00:00Z')
    expect((await approve(db, c, second, '2027-01-05T06:00:00Z')).ok).toBe(true)
    const third = await submitAttachment(db, patient.actor, { clinic: a, basis: 'free_choice' }, at('2027-01-06T05:00:00Z'))
    expect(third).toMatchObject({ ok: false, code: 'errors.attachment.freeChoiceLimit' })
  })

  it('p.31(2): two registrars of different clinics approving at the same moment: exactly one passes', async () => {
    for (let round = 0; round < 5; round++) {
      const patient = await makePatient(db)
      const [a, , c, d] = clinics as [TestClinic, TestClinic, TestClinic, TestClinic]
      // One free choice already used this year; two more open, at two clinics.
      const used = await openFreeChoice(patient.actor, a, '2026-04-01T05:00:00Z')
      expect((await approve(db, a, used, '2026-04-01T06:00:00Z')).ok).toBe(true)
      const atC = await openFreeChoice(patient.actor, c, '2026-04-02T05:00:00Z')
      const atD = await openFreeChoice(patient.actor, d, '2026-04-02T05:05:00Z')
      const [first, second] = await Promise.all([
        approve(anotherConnection(), c, atC, '2026-04-03T05:00:00Z'),
        approve(anotherConnection(), d, atD, '2026-04-03T05:00:00Z'),
      ])
      const results = [first, second].map((result) => (result.ok ? 'approved' : result.code)).sort()
      expect(results).toEqual(['approved', 'errors.attachment.freeChoiceLimitAtDecision'])
      const decided = await db
        .select({ status: requests.status })
        .from(requests)
        .where(and(eq(requests.patientId, patient.id), eq(requests.status, 'approved')))
      expect(decided).toHaveLength(2)
    }
  })
})

import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, requests } from '@/db/schema'
import type { PatientActor } from '@/lib/auth/actor'
import { transitionRequest } from '@/lib/requests/engine'
import { activateScheduledAttachments } from '@/lib/services/attachment/attach'
import { freshDb } from './db'
import { makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinicA: TestClinic
let clinicB: TestClinic

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinicA = await makeClinic(db, 'Clinic A')
  clinicB = await makeClinic(db, 'Clinic B')
})

const at = (iso: string) => ({ now: new Date(iso), address: null, overrides: [] })

async function attachVia(actor: PatientActor, clinic: TestClinic, basis: string, when: string) {
  const submitted = await submitAttachment(db, actor, { clinic, basis }, at(when))
  if (!submitted.ok) return submitted
  return transitionRequest(
    db,
    clinic.staff.registrar,
    { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
    at(when),
  )
}

const activeOf = async (patientId: number) =>
  db
    .select()
    .from(attachments)
    .where(and(eq(attachments.patientId, patientId), eq(attachments.status, 'active')))

describe('Attachment rules p.31(2): a third free choice in a calendar year is refused by the server', () => {
  it('two free choices are approved, the third is refused with its reason; next year it works again', async () => {
    const patient = await makePatient(db)
    expect((await attachVia(patient.actor, clinicA, 'free_choice', '2026-03-10T05:00:00Z')).ok).toBe(true)
    expect((await attachVia(patient.actor, clinicB, 'free_choice', '2026-06-10T05:00:00Z')).ok).toBe(true)
    const third = await attachVia(patient.actor, clinicA, 'free_choice', '2026-11-24T05:00:00Z')
    expect(third).toEqual({
      ok: false,
      code: 'errors.attachment.freeChoiceLimit',
      fieldErrors: { basis: 'errors.attachment.freeChoiceLimit' },
    })
    expect(
      await db
        .select()
        .from(requests)
        .where(and(eq(requests.patientId, patient.id), eq(requests.status, 'submitted'))),
    ).toEqual([])
    // A move (basis 1) does not use the quota.
    expect((await attachVia(patient.actor, clinicA, 'residence_change', '2026-11-24T06:00:00Z')).ok).toBe(true)
    expect((await attachVia(patient.actor, clinicB, 'free_choice', '2027-01-11T05:00:00Z')).ok).toBe(true)
  })

  it('refused requests do not count (reading 5)', async () => {
    const patient = await makePatient(db)
    for (const when of ['2026-02-02T05:00:00Z', '2026-02-03T05:00:00Z']) {
      const submitted = await submitAttachment(db, patient.actor, { clinic: clinicA, basis: 'free_choice' }, at(when))
      if (!submitted.ok) throw new Error(submitted.code)
      const refused = await transitionRequest(
        db,
        clinicA.staff.registrar,
        {
          operation: 'refuse',
          requestId: submitted.data.requestId,
          version: 1,
          ground: 'unreliable_documents',
          reason: 'Құжат расталмады',
        },
        at(when),
      )
      expect(refused.ok).toBe(true)
    }
    expect((await attachVia(patient.actor, clinicA, 'free_choice', '2026-02-04T05:00:00Z')).ok).toBe(true)
  })
})

describe('Attachment rules p.31(3), p.32: a campaign attachment takes effect on 1 January (fixed clock)', () => {
  it('approved in October it is scheduled; the old attachment stays current until the 1 January switch', async () => {
    const patient = await makePatient(db, { attachTo: { organizationId: clinicB.organizationId } })
    expect((await attachVia(patient.actor, clinicA, 'campaign', '2026-10-15T05:00:00Z')).ok).toBe(true)
    expect((await activeOf(patient.id)).map((a) => a.organizationId)).toEqual([clinicB.organizationId])
    const [scheduled] = await db
      .select()
      .from(attachments)
      .where(and(eq(attachments.patientId, patient.id), eq(attachments.status, 'scheduled')))
    expect(scheduled).toMatchObject({ organizationId: clinicA.organizationId, validFrom: '2027-01-01' })

    expect(await activateScheduledAttachments(db, '2026-12-31')).toBe(0)
    expect((await activeOf(patient.id)).map((a) => a.organizationId)).toEqual([clinicB.organizationId])

    expect(await activateScheduledAttachments(db, '2027-01-01')).toBeGreaterThanOrEqual(1)
    expect((await activeOf(patient.id)).map((a) => a.organizationId)).toEqual([clinicA.organizationId])
    const [ended] = await db
      .select()
      .from(attachments)
      .where(and(eq(attachments.patientId, patient.id), eq(attachments.status, 'ended')))
    expect(ended).toMatchObject({ organizationId: clinicB.organizationId, validTo: '2027-01-01' })
    // Idempotent: a second run switches nothing more.
    expect(await activateScheduledAttachments(db, '2027-01-01')).toBe(0)
    expect(await activeOf(patient.id)).toHaveLength(1)
  })

  it('p.32: decided after the 1 January its campaign was for, it takes effect on the day of the decision', async () => {
    const patient = await makePatient(db, { attachTo: { organizationId: clinicB.organizationId } })
    const submitted = await submitAttachment(
      db,
      patient.actor,
      { clinic: clinicA, basis: 'campaign' },
      at('2026-10-30T05:00:00Z'),
    )
    if (!submitted.ok) throw new Error(submitted.code)
    const approved = await transitionRequest(
      db,
      clinicA.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      at('2027-01-12T05:00:00Z'),
    )
    expect(approved.ok).toBe(true)
    expect((await activeOf(patient.id)).map((a) => [a.organizationId, a.validFrom])).toEqual([
      [clinicA.organizationId, '2027-01-12'],
    ])
  })

  it('p.14, p.17: a move approved before 1 January supersedes a campaign choice still waiting for it', async () => {
    const patient = await makePatient(db, { attachTo: { organizationId: clinicB.organizationId } })
    expect((await attachVia(patient.actor, clinicA, 'campaign', '2026-10-15T05:00:00Z')).ok).toBe(true)
    // In December the person moves, and the clinic of the new address (B) attaches them by residence.
    expect((await attachVia(patient.actor, clinicB, 'residence_change', '2026-12-10T05:00:00Z')).ok).toBe(true)
    const waiting = await db
      .select()
      .from(attachments)
      .where(and(eq(attachments.patientId, patient.id), eq(attachments.status, 'scheduled')))
    expect(waiting).toEqual([])
    await activateScheduledAttachments(db, '2027-01-01')
    const active = await activeOf(patient.id)
    expect(active.map((a) => [a.organizationId, a.basis, a.validFrom])).toEqual([
      [clinicB.organizationId, 'residence_change', '2026-12-10'],
    ])
  })

  it('outside 1 September – 1 November the campaign basis is refused', async () => {
    const patient = await makePatient(db)
    expect(await attachVia(patient.actor, clinicA, 'campaign', '2026-11-24T05:00:00Z')).toMatchObject({
      ok: false,
      code: 'errors.attachment.campaignClosed',
    })
  })
})

describe('Attachment rules p.30 para 3: a person under 18 is attached only by a legal representative', () => {
  it('a 16-year-old cannot submit for herself', async () => {
    const teenager = await makePatient(db, { birthDate: '2010-05-05' })
    expect(await attachVia(teenager.actor, clinicA, 'residence_change', '2026-11-24T05:00:00Z')).toMatchObject({
      ok: false,
      code: 'errors.attachment.representativeMissing',
      fieldErrors: { patientId: 'errors.attachment.representativeMissing' },
    })
  })
})

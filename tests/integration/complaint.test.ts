import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { notifications, requests } from '@/db/schema'
import { transitionRequest } from '@/lib/requests/engine'
import { listQueue } from '@/lib/requests/queries'
import { fileComplaint } from '@/lib/services/complaint/file'
import { freshDb } from './db'
import { makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
// Monday 12 October 2026, 10:00 in Almaty.
const monday = { now: new Date('2026-10-12T05:00:00Z'), address: null, overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db)
})

async function refusedRequest() {
  const patient = await makePatient(db)
  const submitted = await submitAttachment(db, patient.actor, { clinic }, monday)
  if (!submitted.ok) throw new Error(submitted.code)
  await transitionRequest(
    db,
    clinic.staff.registrar,
    {
      operation: 'refuse',
      requestId: submitted.data.requestId,
      version: 1,
      ground: 'requirements_not_met',
      reason: 'Мекенжай аумаққа жатпайды',
    },
    monday,
  )
  return { patient, requestId: submitted.data.requestId }
}

const text = 'Мекенжайым емхана аумағында, шешіммен келіспеймін.'

describe('Attachment rules p.38-40: complaints about a decision', () => {
  it('p.38: the clinic answers within 5 working days of registration; the head sees it, the registrar does not', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    const [row] = await db.select().from(requests).where(eq(requests.id, complaint.data.requestId))
    expect(row).toMatchObject({
      service: 'complaint',
      organizationId: clinic.organizationId,
      patientId: patient.id,
      payload: { requestId, text },
    })
    // Monday 12 October → due Monday 19 October, 20:00 (5 working days after the day of registration).
    expect(row!.dueAt).toEqual(new Date('2026-10-19T15:00:00Z'))
    expect((await listQueue(db, clinic.staff.head, { service: 'complaint' })).map((r) => r.id)).toContain(row!.id)
    expect(await listQueue(db, clinic.staff.registrar, { services: ['attachment'] })).not.toContainEqual(
      expect.objectContaining({ id: row!.id }),
    )
  })

  it('p.40: not fully satisfied → forwarded, with that ground and the reason; a registrar may not answer', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    const input = {
      operation: 'refuse' as const,
      requestId: complaint.data.requestId,
      version: 1,
      ground: 'forwarded_to_quality_control',
      reason: 'Аумақ туралы дау: бақылау органы қарасын.',
    }
    expect((await transitionRequest(db, clinic.staff.registrar, input, monday)).ok).toBe(false)
    expect(await transitionRequest(db, clinic.staff.head, input, monday)).toEqual({
      ok: true,
      data: { status: 'refused', version: 2 },
    })
  })

  it('only about one’s own decided request', async () => {
    const { requestId } = await refusedRequest()
    const stranger = await makePatient(db)
    expect(await fileComplaint(db, stranger.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)).toEqual({
      ok: false,
      code: 'errors.request.notFound',
    })
    const patient = await makePatient(db)
    const open = await submitAttachment(db, patient.actor, { clinic }, monday)
    if (!open.ok) throw new Error(open.code)
    expect(
      await fileComplaint(db, patient.actor, { requestId: open.data.requestId, text, idempotencyKey: randomUUID() }, monday),
    ).toEqual({
      ok: false,
      code: 'errors.complaint.notDecided',
    })
  })
})

describe('Attachment rules p.40: the patient is told the complaint was forwarded', () => {
  it('sends the complaint’s own SMS, not the request’s', async () => {
    const { patient, requestId } = await refusedRequest()
    const complaint = await fileComplaint(db, patient.actor, { requestId, text, idempotencyKey: randomUUID() }, monday)
    if (!complaint.ok) throw new Error(complaint.code)
    await transitionRequest(
      db,
      clinic.staff.head,
      {
        operation: 'refuse',
        requestId: complaint.data.requestId,
        version: 1,
        ground: 'forwarded_to_quality_control',
        reason: 'Бақылау органы қарасын.',
      },
      monday,
    )
    const sent = await db
      .select({ template: notifications.template })
      .from(notifications)
      .where(eq(notifications.requestId, complaint.data.requestId))
    expect(sent.map((row) => row.template).sort()).toEqual(['complaintForwarded', 'requestSubmitted'])
  })
})

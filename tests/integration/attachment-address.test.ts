import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { requests } from '@/db/schema'
import { submitRequest } from '@/lib/requests/engine'
import { freshDb } from './db'
import { makeClinic, makePatient, makeRepresentative, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
// Monday 23 November 2026, 11:00 in Almaty.
const context = { now: new Date('2026-11-23T06:00:00Z'), address: null, overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db)
})

async function submit(
  actor: Awaited<ReturnType<typeof makePatient>>['actor'],
  patientId: number,
  extra: Record<string, unknown>,
) {
  return submitRequest(
    db,
    actor,
    {
      service: 'attachment',
      channel: 'portal',
      idempotencyKey: randomUUID(),
      payload: {
        patientId: String(patientId),
        clinicId: String(clinic.organizationId),
        sectionId: '',
        address: 'Ақтау қ., 14 шағын аудан, 2 үй',
        basis: 'residence_change',
        ...extra,
      },
    },
    context,
  )
}

describe('Rules of attachment p.9, p.12: the address a person is attached by', () => {
  it('p.9: a mother cannot attach her 4-year-old by the registered place; by the actual residence she can', async () => {
    const mother = await makePatient(db)
    const child = await makePatient(db, { birthDate: '2022-06-01', phone: null })
    await makeRepresentative(db, child.id, mother.id)
    mother.actor.representedPatientIds = [child.id]
    expect(await submit(mother.actor, child.id, { addressKind: 'registered' })).toEqual({
      ok: false,
      code: 'errors.attachment.youngChildActualAddress',
      fieldErrors: { addressKind: 'errors.attachment.youngChildActualAddress' },
    })
    expect(await db.select().from(requests).where(eq(requests.patientId, child.id))).toEqual([])
    const accepted = await submit(mother.actor, child.id, { addressKind: 'actual' })
    expect(accepted.ok).toBe(true)
    const [row] = await db.select({ payload: requests.payload }).from(requests).where(eq(requests.patientId, child.id))
    expect(row!.payload).toMatchObject({ addressKind: 'actual' })
  })

  it('p.12: a pregnant woman is attached by her actual residence; the mark is for women of childbearing age only', async () => {
    const woman = await makePatient(db, { sex: 'female', birthDate: '1996-01-15' })
    expect(await submit(woman.actor, woman.id, { addressKind: 'registered', pregnant: true })).toMatchObject({
      ok: false,
      fieldErrors: { addressKind: 'errors.attachment.pregnantActualAddress' },
    })
    const man = await makePatient(db, { sex: 'male', birthDate: '1990-01-15' })
    expect(await submit(man.actor, man.id, { addressKind: 'actual', pregnant: true })).toMatchObject({
      ok: false,
      fieldErrors: { pregnant: 'errors.attachment.pregnantInvalid' },
    })
    // Reading: the mark is for women of 14 to 55 (docs/decisions.md); a woman of 70 is refused it.
    const elder = await makePatient(db, { sex: 'female', birthDate: '1956-03-18' })
    expect(await submit(elder.actor, elder.id, { addressKind: 'actual', pregnant: true })).toMatchObject({
      ok: false,
      fieldErrors: { pregnant: 'errors.attachment.pregnantInvalid' },
    })
    expect((await submit(woman.actor, woman.id, { addressKind: 'actual', pregnant: true })).ok).toBe(true)
  })
})

import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql as dsql } from 'drizzle-orm'
import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { attachments, auditLog, requestEvents, requests } from '@/db/schema'
import type { PatientActor } from '@/lib/auth/actor'
import { submitRequest, transitionRequests, type EngineContext } from '@/lib/requests/engine'
import { freshDatabase } from './db'
import { makeClinic, makePatient, type TestClinic } from './factories'

// The engine's batch of transitions (transitionRequests): what an information system decides on its own pays one
// lock statement and one commit for the batch, and every input gets the answer transitionRequest would give it alone.
let sql: postgres.Sql
let db: Database
let clinic: TestClinic
const sent: { query: string; parameters: unknown[] }[] = []
const tuesdayMorning = new Date('2026-11-24T05:00:00Z')
const context: EngineContext = { now: tuesdayMorning, address: '127.0.0.1', overrides: [] }

beforeAll(async () => {
  sql = await freshDatabase({ debug: (_connection, query, parameters) => sent.push({ query, parameters }) })
  db = createDatabase(sql)
  clinic = await makeClinic(db, 'Batch clinic')
})

async function submitted(): Promise<{ id: string; patient: { id: number; actor: PatientActor } }> {
  const patient = await makePatient(db)
  const result = await submitRequest(
    db,
    patient.actor,
    {
      service: 'attachment',
      channel: 'portal',
      idempotencyKey: randomUUID(),
      payload: {
        patientId: String(patient.id),
        clinicId: String(clinic.organizationId),
        sectionId: String(clinic.sectionIds[0]),
        address: 'Ақтау қ., 12 шағын аудан, 5 үй',
        basis: 'free_choice',
      },
    },
    context,
  )
  if (!result.ok) throw new Error(result.code)
  return { id: result.data.requestId, patient }
}

const lockStatements = () => sent.filter((entry) => /for update of "requests"/.test(entry.query))

describe('transitionRequests: a batch of decisions by one actor', () => {
  it('answers each input as it would alone, in order: approved, stale, missing, refused; one lock statement for all', async () => {
    const [first, stale, refused] = [await submitted(), await submitted(), await submitted()]
    sent.length = 0
    const results = await transitionRequests(
      db,
      clinic.staff.registrar,
      [
        { operation: 'approve', requestId: first.id, version: 1 },
        { operation: 'approve', requestId: stale.id, version: 7 },
        { operation: 'approve', requestId: randomUUID(), version: 1 },
        { operation: 'refuse', requestId: refused.id, version: 1, ground: 'requirements_not_met', reason: 'Мекенжай расталмады' },
      ],
      context,
    )
    expect(results.map((result) => (result.ok ? result.data.status : result.code))).toEqual([
      'approved',
      'errors.request.stale',
      'errors.request.notFound',
      'refused',
    ])
    expect(lockStatements()).toHaveLength(1)
    expect(sent.filter((entry) => /^begin/i.test(entry.query.trim()))).toHaveLength(1)
    const rows = await db
      .select({ id: requests.id, status: requests.status, version: requests.version })
      .from(requests)
      .where(inArray(requests.id, [first.id, stale.id, refused.id]))
    expect(new Map(rows.map((row) => [row.id, [row.status, row.version]]))).toEqual(
      new Map([
        [first.id, ['approved', 2]],
        [stale.id, ['submitted', 1]],
        [refused.id, ['refused', 2]],
      ]),
    )
    // The applied ones have their event and audit row; the stale one has nothing new.
    const events = await db
      .select({ requestId: requestEvents.requestId, type: requestEvents.type })
      .from(requestEvents)
      .where(inArray(requestEvents.requestId, [first.id, stale.id, refused.id]))
    expect(
      events
        .filter((event) => event.type !== 'submitted')
        .map((event) => [event.requestId, event.type])
        .sort(),
    ).toEqual(
      [
        [first.id, 'approve'],
        [refused.id, 'refuse'],
      ].sort(),
    )
    const audits = await db
      .select({ entityId: auditLog.entityId, action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.entityId, [first.id, stale.id, refused.id]),
          inArray(auditLog.action, ['request.approve', 'request.refuse']),
        ),
      )
    expect(audits).toHaveLength(2)
    // The approval's hook ran in the batch: the patient is attached.
    const [attachment] = await db.select().from(attachments).where(eq(attachments.patientId, first.patient.id))
    expect(attachment?.status).toBe('active')
  })

  it('one input that fails inside the batch (a stored payload its service no longer parses) leaves the others applied', async () => {
    const [before, broken, after] = [await submitted(), await submitted(), await submitted()]
    await db.execute(dsql`update requests set payload = '{"nonsense": true}'::jsonb where id = ${broken.id}`)
    const results = await transitionRequests(
      db,
      clinic.staff.registrar,
      [before, broken, after].map((request) => ({ operation: 'approve' as const, requestId: request.id, version: 1 })),
      context,
    )
    expect(results.map((result) => (result.ok ? result.data.status : result.code))).toEqual([
      'approved',
      'errors.unexpected',
      'approved',
    ])
    const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, broken.id))
    expect(row?.status).toBe('submitted')
  })

  it('a request named twice is answered twice, as two people acting one after the other would be', async () => {
    const request = await submitted()
    const results = await transitionRequests(
      db,
      clinic.staff.registrar,
      [
        { operation: 'approve', requestId: request.id, version: 1 },
        { operation: 'approve', requestId: request.id, version: 1 },
      ],
      context,
    )
    expect(results.map((result) => (result.ok ? result.data.status : result.code))).toEqual([
      'approved',
      'errors.request.alreadyDecided',
    ])
  })

  it('the lock statement reads requests by their indexes only (the primary key and requests_group_idx)', async () => {
    const [a, b] = [await submitted(), await submitted()]
    sent.length = 0
    await transitionRequests(
      db,
      clinic.staff.registrar,
      [a, b].map((request) => ({ operation: 'take' as const, requestId: request.id, version: 1 })),
      context,
    )
    const [lock] = lockStatements()
    expect(lock).toBeDefined()
    const plan = await sql.begin(async (tx) => {
      await tx`set local enable_seqscan = off`
      const [row] = await tx.unsafe(`explain (format json) ${lock!.query}`, lock!.parameters as postgres.ParameterOrJSON<never>[])
      return JSON.stringify(row!['QUERY PLAN'])
    })
    expect(plan).not.toContain('"Seq Scan"')
    expect(plan).toContain('requests_pkey')
  })
})

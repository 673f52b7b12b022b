// The demo's overdue requests, so that the heads' overdue boards (/head/overdue) are not empty on first start: four
// people ask on the portal to be attached, one to four working days before the seed runs, and nobody decides. They go
// through the request engine with its clock moved back, exactly as a request left waiting would: the request, its
// events, audit rows and SMS in the outbox are the engine's own. Two are taken by a registrar, so the board shows who
// holds them; the other two are held by nobody.
//
// Imports server-only modules (the engine): see ./signing-inbox.ts.
import type { Sql } from 'postgres'
import { createDatabase } from '@/db/client'
import { almatyDay, almatyInstant } from '@/lib/calendar'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { registrarAt, submitPortalAttachment } from './portal-request'
import { demoOverduePatients, demoOverdueRequests, workingDayBefore } from './overdue-data'

const hourMs = 3_600_000

export async function seedOverdueRequests(sql: Sql, now: Date): Promise<void> {
  const db = createDatabase(sql)
  const overrides = await loadCalendarOverrides(db, now)
  const at = (instant: Date): EngineContext => ({ now: instant, address: null, overrides })

  for (const entry of demoOverdueRequests) {
    const person = demoOverduePatients.find((p) => p.key === entry.patient)
    if (!person) throw new Error(`seedOverdueRequests: unknown patient key ${entry.patient}`)
    const label = `seedOverdueRequests: ${entry.patient}`
    const submittedAt = almatyInstant(workingDayBefore(almatyDay(now), entry.workingDaysAgo, overrides), '10:00')
    const requestId = await submitPortalAttachment(
      db,
      label,
      person,
      { ...entry, key: `overdue:${entry.patient}` },
      at(submittedAt),
    )
    if (!entry.takenBy) continue

    const takenAt = new Date(submittedAt.getTime() + hourMs)
    const desk = await registrarAt(db, label, entry.takenBy, takenAt)
    const taken = await transitionRequest(db, desk, { operation: 'take', requestId, version: 1 }, at(takenAt))
    if (!taken.ok) throw new Error(`${label}: take refused: ${taken.code}`)
  }
}

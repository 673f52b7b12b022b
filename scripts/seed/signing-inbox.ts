// The demo's signing inbox, made on first start through the request engine exactly as production makes it: each
// person of demoSigningInbox submits an attachment request on the portal, and registrar1 approves it at the desk. The
// approval's transaction attaches the person and creates the documents (an attachment notice awaiting the section
// doctor's signature, a 064/e coupon awaiting the registrar's), so doctor1 finds four documents to sign.
//
// Imports server-only modules (the engine): under vitest `server-only` is aliased; outside Next, seedIfEmpty
// resolves it to an empty module before loading this file.
import type { Sql } from 'postgres'
import { createDatabase } from '@/db/client'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { registrarAt, submitPortalAttachment } from './portal-request'
import { demoPatientList, demoSigningInbox } from './demo-data'

const hourMs = 3_600_000

// Submitted two hours before the seed runs and approved an hour later, so the timeline reads naturally on first start.
export async function seedSigningInbox(sql: Sql, now: Date): Promise<void> {
  const db = createDatabase(sql)
  const overrides = await loadCalendarOverrides(db, now)
  const at = (instant: Date): EngineContext => ({ now: instant, address: null, overrides })
  const submittedAt = new Date(now.getTime() - 2 * hourMs)
  const approvedAt = new Date(now.getTime() - hourMs)

  for (const entry of demoSigningInbox) {
    const person = demoPatientList.find((p) => p.key === entry.patient)
    if (!person) throw new Error(`seedSigningInbox: unknown patient key ${entry.patient}`)
    const label = `seedSigningInbox: ${entry.patient}`
    const requestId = await submitPortalAttachment(
      db,
      label,
      person,
      { ...entry, key: `signing-inbox:${entry.patient}` },
      at(submittedAt),
    )
    const desk = await registrarAt(db, label, entry.registrar, approvedAt)
    const approved = await transitionRequest(db, desk, { operation: 'approve', requestId, version: 1 }, at(approvedAt))
    if (!approved.ok) throw new Error(`${label}: approval refused: ${approved.code}`)
  }
}

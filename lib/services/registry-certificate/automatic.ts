import 'server-only'
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { certificateConsents, organizations, requests } from '@/db/schema'
import { signWithOrganizationSeal } from '@/lib/documents/seal'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { transitionRequest, transitionRequests, type EngineContext, type TransitionInput } from '@/lib/requests/engine'
import { askConsent, expireConsents } from './consent'
import { registryCertificateVariants, variantOfService } from './registries'
import { noConsentGround } from './refusal-grounds'
import { certificateLimitMinutes } from './rules'
import { registryCertificateSchema, type RegistryResult } from './schema'
import type { StaffActor } from '@/lib/auth/actor'
import { systemActorColumn, systemActorFrom, systemActorOf } from './queries'

const services = registryCertificateVariants.map((variant) => variant.service)
const centreTypes = registryCertificateVariants.map((variant) => variant.centreType)

// List row 5: "electronic (fully automated)". The centre's information system decides as soon as it may: at once for a
// request about oneself, at once after consent for one about another person. A match it cannot make for certain is
// taken to the centre's doctor's queue (issue 16). Every step goes through the engine, with its events and notices.
export type AutomaticOutcome = 'issued' | 'to_doctor' | 'waiting_consent' | 'refused' | 'nothing'

async function context(db: Database, now: Date): Promise<EngineContext> {
  return { now, address: null, overrides: await loadCalendarOverrides(db, now) }
}

const noConsentReason = 'Сұрау салынған адам келісім бермеді / Лицо, в отношении которого сделан запрос, не дало согласия'

export async function decideAutomatically(db: Database, requestId: string, now: Date): Promise<AutomaticOutcome> {
  return (await decideMany(db, [requestId], now)).get(requestId) ?? 'nothing'
}

// What the centre's information system decides for these requests, each exactly as it would alone: the requests are
// read in one statement, and each centre's decisions go through the engine as one batch (transitionRequests: one lock
// statement and one commit for all), then the centre seals what it approved in one go.
export async function decideMany(db: Database, requestIds: readonly string[], now: Date): Promise<Map<string, AutomaticOutcome>> {
  const outcomes = new Map<string, AutomaticOutcome>(requestIds.map((id) => [id, 'nothing']))
  if (requestIds.length === 0) return outcomes
  const rows = await db
    .select({
      id: requests.id,
      service: requests.service,
      status: requests.status,
      version: requests.version,
      organizationId: requests.organizationId,
      patientId: requests.patientId,
      payload: requests.payload,
      submittedAt: requests.submittedAt,
      consent: certificateConsents.status,
      // The centre's information system, which decides (systemActorOf), in the same statement.
      system: systemActorColumn(sql`${requests.organizationId}`),
    })
    .from(requests)
    .leftJoin(certificateConsents, eq(certificateConsents.requestId, requests.id))
    .where(inArray(requests.id, [...requestIds]))
  const ctx = await context(db, now)
  for (const centreId of new Set(rows.map((row) => row.organizationId))) {
    const decisions: { input: TransitionInput; refuse: boolean }[] = []
    let actor: StaffActor | null = null
    for (const row of rows) {
      if (row.organizationId !== centreId || row.status !== 'submitted' || !variantOfService(row.service)) continue
      actor ??= systemActorFrom(row.system, row.organizationId)
      if (!actor) break
      const payload = registryCertificateSchema.parse(row.payload)
      if (payload.about === 'other') {
        if (row.consent === null) {
          await askConsent(
            db,
            {
              id: row.id,
              service: row.service,
              requesterId: row.patientId,
              subjectIin: payload.subjectIin,
              submittedAt: row.submittedAt,
            },
            now,
          )
          outcomes.set(row.id, 'waiting_consent')
          continue
        }
        if (row.consent === 'pending') {
          outcomes.set(row.id, 'waiting_consent')
          continue
        }
        if (row.consent === 'refused' || row.consent === 'expired') {
          decisions.push({
            refuse: true,
            input: {
              operation: 'refuse',
              requestId: row.id,
              version: row.version,
              ground: noConsentGround,
              reason: noConsentReason,
            },
          })
          continue
        }
      }
      decisions.push({ refuse: false, input: { operation: 'approve', requestId: row.id, version: row.version } })
    }
    if (!actor || decisions.length === 0) continue
    const results = await transitionRequests(
      db,
      actor,
      decisions.map((decision) => decision.input),
      ctx,
    )
    // A match the system cannot make for certain goes to the centre's doctor.
    const uncertain: TransitionInput[] = []
    let approved = 0
    for (const [i, result] of results.entries()) {
      const { input, refuse } = decisions[i]!
      if (result.ok) {
        outcomes.set(input.requestId, refuse ? 'refused' : 'issued')
        if (!refuse) approved++
      } else if (result.code === 'errors.registryCertificate.uncertainMatch')
        uncertain.push({ operation: 'take', requestId: input.requestId, version: input.version })
    }
    if (uncertain.length > 0) {
      const taken = await transitionRequests(db, actor, uncertain, ctx)
      for (const [i, result] of taken.entries()) if (result.ok) outcomes.set(uncertain[i]!.requestId, 'to_doctor')
    }
    if (approved > 0) await sealCertificates(db, centreId, now, actor)
  }
  return outcomes
}

// The patient's submit hands its request over (decideSoon) and answers as soon as the request is accepted; this process
// decides what was handed over off the request path, in batches of up to `decideBatchLimit` (decideMany) gathered for
// up to `gatherMs`, so a burst of requests costs one lock statement, one commit and one seal call per batch instead of
// one each (docs/performance.md, "Registry certificates"). Each centre has its own queue, decided one batch at a time (its document numbers are taken
// under one counter lock anyway); the three centres decide side by side. The queues live in this process only: what a
// crash loses is still a submitted request in the database, and the minute's sweep decides it
// (sweepRegistryCertificates).
export const decideBatchLimit = 100
const gatherMs = 50
const gatherUpTo = 40
type Handed = { db: Database; requestId: string; now: Date; resolve: (outcome: AutomaticOutcome) => void }
const queues = new Map<number, Handed[]>()
let settledWaiters: (() => void)[] = []

// Resolves once the request's batch is decided (its outcome), never rejects: a failed batch is logged and left to
// the sweep ('nothing'). `now`: the submit's time; a batch is decided at the latest time handed with it.
export function decideSoon(db: Database, centreId: number, requestId: string, now: Date): Promise<AutomaticOutcome> {
  return new Promise<AutomaticOutcome>((resolve) => {
    const queue = queues.get(centreId)
    if (queue) queue.push({ db, requestId, now, resolve })
    else {
      queues.set(centreId, [{ db, requestId, now, resolve }])
      void decideQueue(centreId)
    }
  })
}

// Resolves when nothing handed over waits or is being decided (tests and the bench wait for it).
export function decisionsSettled(): Promise<void> {
  return queues.size > 0 ? new Promise((resolve) => settledWaiters.push(resolve)) : Promise.resolve()
}

// A centre's queue stays in `queues` while it is being decided; the last batch out removes it.
async function decideQueue(centreId: number): Promise<void> {
  const queue = queues.get(centreId)!
  try {
    while (queue.length > 0) {
      // A short window gathers what arrives meanwhile into the batch: under a burst, one batch of 40 shares its lock
      // statement, commit and seal call instead of six batches of seven sharing theirs.
      if (queue.length < gatherUpTo) await new Promise((resolve) => setTimeout(resolve, gatherMs))
      const db = queue[0]!.db
      const batch: Handed[] = []
      for (let i = 0; i < queue.length && batch.length < decideBatchLimit;)
        if (queue[i]!.db === db) batch.push(...queue.splice(i, 1))
        else i++
      let outcomes = new Map<string, AutomaticOutcome>()
      try {
        const now = new Date(Math.max(...batch.map((item) => item.now.getTime())))
        outcomes = await decideMany(
          db,
          batch.map((item) => item.requestId),
          now,
        )
      } catch (error) {
        console.error('[registry-certificate] deciding a batch failed; the sweep decides it', error)
      }
      for (const item of batch) item.resolve(outcomes.get(item.requestId) ?? 'nothing')
    }
  } finally {
    queues.delete(centreId)
    if (queues.size === 0) {
      const waiters = settledWaiters
      settledWaiters = []
      for (const resolve of waiters) resolve()
    }
  }
}

// The centre's information system signs what waits for it with the organization's seal (list row 5), once the decision
// has committed: after its own decisions and its doctor's. Idempotent; what a crash left unsigned, the sweep signs.
// `system`: the centre's information system when the caller has just read it (the automatic decision's actor).
export async function sealCertificates(
  db: Database,
  centreId: number,
  now: Date,
  system: StaffActor | null = null,
): Promise<number> {
  system ??= await systemActorOf(db, centreId)
  if (!system) return 0
  const sealed = await signWithOrganizationSeal(db, { staffId: system.id, now })
  if (!sealed.ok) console.error('[registry-certificate] seal', sealed.code)
  return sealed.ok ? sealed.data.issued.length : 0
}

// Every minute (lib/jobs): what no request-time step finished: consents that ran out are refused, and requests left
// submitted (a crash between the submit and its automatic step) are decided. Bounded per run.
export async function sweepRegistryCertificates(
  db: Database,
  now: Date,
): Promise<{ refused: number; decided: number; sealed: number }> {
  const expired = await expireConsents(db, now)
  const refused = [...(await decideMany(db, expired, now)).values()].filter((outcome) => outcome === 'refused').length
  const centreIds = db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.type, centreTypes))
  const stuck = await db
    .select({ id: requests.id })
    .from(requests)
    .leftJoin(certificateConsents, eq(certificateConsents.requestId, requests.id))
    .where(
      and(
        // requests_queue_idx: the centres' open requests, by due time (30 minutes after submission).
        inArray(requests.organizationId, centreIds),
        eq(requests.status, 'submitted'),
        lte(requests.dueAt, new Date(now.getTime() + (certificateLimitMinutes * 60 - 30) * 1000)),
        inArray(requests.service, services),
        sql`(${isNull(certificateConsents.requestId)} or ${certificateConsents.status} <> 'pending')`,
      ),
    )
    .orderBy(asc(requests.submittedAt))
    .limit(200)
  const decided = [
    ...(
      await decideMany(
        db,
        stuck.map(({ id }) => id),
        now,
      )
    ).values(),
  ].filter((outcome) => outcome !== 'nothing').length
  let sealed = 0
  for (const centre of await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(inArray(organizations.type, centreTypes)))
    sealed += await sealCertificates(db, centre.id, now)
  return { refused, decided, sealed }
}

// The centre's doctor decides an uncertain match (issue 16); the certificate is sealed by the centre's information
// system as soon as the decision commits.
export async function decideAsDoctor(
  db: Database,
  actor: StaffActor,
  input: { requestId: string; version: number; result: RegistryResult },
  context: EngineContext,
) {
  const result = await transitionRequest(
    db,
    actor,
    {
      operation: 'approve',
      requestId: input.requestId,
      version: input.version,
      details: { [input.requestId]: { result: input.result } },
    },
    context,
  )
  if (result.ok) await sealCertificates(db, actor.organizationId, context.now)
  return result
}

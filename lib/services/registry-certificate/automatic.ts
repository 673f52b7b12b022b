import 'server-only'
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { certificateConsents, organizations, requests } from '@/db/schema'
import { signWithOrganizationSeal } from '@/lib/documents/seal'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
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

export async function decideAutomatically(db: Database, requestId: string, now: Date): Promise<AutomaticOutcome> {
  const [row] = await db
    .select({
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
    .where(eq(requests.id, requestId))
  const variant = row ? variantOfService(row.service) : null
  if (!row || !variant || row.status !== 'submitted') return 'nothing'
  const payload = registryCertificateSchema.parse(row.payload)
  const actor = systemActorFrom(row.system, row.organizationId)
  if (!actor) return 'nothing'
  const ctx = await context(db, now)
  if (payload.about === 'other') {
    if (row.consent === null) {
      await askConsent(
        db,
        {
          id: requestId,
          service: row.service,
          requesterId: row.patientId,
          subjectIin: payload.subjectIin,
          submittedAt: row.submittedAt,
        },
        now,
      )
      return 'waiting_consent'
    }
    if (row.consent === 'pending') return 'waiting_consent'
    if (row.consent === 'refused' || row.consent === 'expired') {
      const refused = await transitionRequest(
        db,
        actor,
        {
          operation: 'refuse',
          requestId,
          version: row.version,
          ground: noConsentGround,
          reason: 'Сұрау салынған адам келісім бермеді / Лицо, в отношении которого сделан запрос, не дало согласия',
        },
        ctx,
      )
      return refused.ok ? 'refused' : 'nothing'
    }
  }
  const approved = await transitionRequest(db, actor, { operation: 'approve', requestId, version: row.version }, ctx)
  if (approved.ok) {
    await sealCertificates(db, row.organizationId, now, actor)
    return 'issued'
  }
  if (approved.code === 'errors.registryCertificate.uncertainMatch') {
    const taken = await transitionRequest(db, actor, { operation: 'take', requestId, version: row.version }, ctx)
    return taken.ok ? 'to_doctor' : 'nothing'
  }
  return 'nothing'
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
  let refused = 0
  for (const id of expired) if ((await decideAutomatically(db, id, now)) === 'refused') refused++
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
  let decided = 0
  for (const { id } of stuck) if ((await decideAutomatically(db, id, now)) !== 'nothing') decided++
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

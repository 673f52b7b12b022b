import 'server-only'
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Database, Transaction } from '@/db/client'
import { patientFullName } from '@/db/names'
import { certificateConsents, patients, requestEvents, requests } from '@/db/schema'
import type { ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { PatientActor } from '@/lib/auth/actor'
import type { ErrorCode } from '@/lib/errors/codes'
import { messagesFor } from '@/lib/i18n/messages'
import { enqueueSms } from '@/lib/notifications/outbox'
import { registryCertificateVariants, variantOfService } from './registries'
import { consentCodeAttempts, consentExpiresAt } from './rules'
import { subjectByIin } from './queries'

const services = registryCertificateVariants.map((variant) => variant.service)

// R·p.4, rules 14, 16-17: the code is bound to its request (a code of another request never matches) and kept only as
// an HMAC under the server's secret.
function consentCodeHash(requestId: string, code: string): string {
  const secret = process.env.AUTH_SECRET
  if (!secret) throw new Error('AUTH_SECRET is not set')
  return createHmac('sha256', secret).update(`consent:${requestId}:${code}`).digest('hex')
}

async function consentEvent(
  tx: Transaction,
  requestId: string,
  type: 'consent_requested' | 'consent_given' | 'consent_refused' | 'consent_expired',
  actor: { kind: 'patient' | 'system'; id: number | null },
  now: Date,
  data: Record<string, unknown> = {},
) {
  await tx.insert(requestEvents).values({ requestId, type, actorKind: actor.kind, actorId: actor.id, createdAt: now, data })
}

// R·p.4, list row 11: ask the person the certificate is about. A code goes to the phone on record for her (never a
// number the requester typed, rule 16), and the request waits on her own pages. Whether she exists, has a phone or an
// account is never told to the requester: the request waits the same and is refused when the window closes (rule 19).
// Idempotent: a second call for the same request does nothing.
export async function askConsent(
  db: Database,
  request: { id: string; service: string; requesterId: number; subjectIin: string; submittedAt: Date },
  now: Date,
): Promise<void> {
  const variant = variantOfService(request.service)
  if (!variant) return
  await db.transaction(async (tx) => {
    const subject = await subjectByIin(tx, request.subjectIin)
    const code = subject?.phone ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null
    const [created] = await tx
      .insert(certificateConsents)
      .values({
        requestId: request.id,
        subjectPatientId: subject?.id ?? null,
        requesterPatientId: request.requesterId,
        codeHash: code ? consentCodeHash(request.id, code) : null,
        expiresAt: consentExpiresAt(request.submittedAt),
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ requestId: certificateConsents.requestId })
    if (!created) return
    await consentEvent(tx, request.id, 'consent_requested', { kind: 'system', id: null }, now)
    if (subject?.phone && code) {
      const [requester] = await tx.select({ name: patientFullName }).from(patients).where(eq(patients.id, request.requesterId))
      const serviceName = messagesFor(subject.locale).services[variant.service].name
      await enqueueSms(tx, {
        phone: subject.phone,
        locale: subject.locale,
        template: 'registryCertificateConsent',
        params: { requester: requester?.name ?? '', service: serviceName, code },
        patientId: subject.id,
      })
    }
  })
}

export type ConsentAnswer = { requestId: string; status: 'given' | 'refused' }

// The requester types the code the person told her (rule 14). Wrong, used, expired or another request's code: refused;
// five wrong tries lock the code (rule 17). Counted in the same locked row, so parallel tries cannot exceed the limit.
export async function confirmConsentCode(
  db: Database,
  actor: PatientActor,
  input: { requestId: string; code: string },
  now: Date,
): Promise<ActionResult<ConsentAnswer, ErrorCode>> {
  return await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: certificateConsents.status,
        codeHash: certificateConsents.codeHash,
        attempts: certificateConsents.attempts,
        expiresAt: certificateConsents.expiresAt,
        requester: requests.patientId,
        service: requests.service,
      })
      .from(certificateConsents)
      .innerJoin(requests, eq(requests.id, certificateConsents.requestId))
      .where(eq(certificateConsents.requestId, input.requestId))
      .for('update', { of: certificateConsents })
    const mine = row && (row.requester === actor.id || actor.representedPatientIds.includes(row.requester))
    if (!row || !mine || !services.includes(row.service as (typeof services)[number]))
      return { ok: false, code: 'errors.request.notFound' }
    const fail = (code: ErrorCode) => ({ ok: false as const, code, fieldErrors: { code } })
    if (row.status !== 'pending') return fail('errors.registryCertificate.consentClosed')
    if (row.expiresAt <= now) return fail('errors.registryCertificate.codeExpired')
    if (row.attempts >= consentCodeAttempts) return fail('errors.registryCertificate.codeLocked')
    const expected = consentCodeHash(input.requestId, input.code)
    const matches = row.codeHash !== null && timingSafeEqual(Buffer.from(row.codeHash, 'hex'), Buffer.from(expected, 'hex'))
    if (!matches) {
      await tx
        .update(certificateConsents)
        .set({ attempts: sql`${certificateConsents.attempts} + 1` })
        .where(eq(certificateConsents.requestId, input.requestId))
      await writeAudit(tx, {
        actor,
        action: 'consent.codeWrong',
        patientId: row.requester,
        entity: 'request',
        entityId: input.requestId,
      })
      return fail(
        row.attempts + 1 >= consentCodeAttempts
          ? 'errors.registryCertificate.codeLocked'
          : 'errors.registryCertificate.codeWrong',
      )
    }
    await tx
      .update(certificateConsents)
      .set({ status: 'given', answeredBy: 'code', answeredAt: now, attempts: sql`${certificateConsents.attempts} + 1` })
      .where(eq(certificateConsents.requestId, input.requestId))
    await consentEvent(tx, input.requestId, 'consent_given', { kind: 'patient', id: actor.id }, now, { by: 'code' })
    return { ok: true, data: { requestId: input.requestId, status: 'given' } }
  })
}

// Rule 13: the person answers on her own pages. Only she may (not the requester, not a representative: reading B5).
export async function answerConsent(
  db: Database,
  actor: PatientActor,
  input: { requestId: string; answer: 'give' | 'refuse' },
  now: Date,
): Promise<ActionResult<ConsentAnswer, ErrorCode>> {
  return await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: certificateConsents.status, expiresAt: certificateConsents.expiresAt })
      .from(certificateConsents)
      .where(and(eq(certificateConsents.requestId, input.requestId), eq(certificateConsents.subjectPatientId, actor.id)))
      .for('update')
    if (!row) return { ok: false, code: 'errors.request.notFound' }
    if (row.status !== 'pending' || row.expiresAt <= now) return { ok: false, code: 'errors.registryCertificate.consentClosed' }
    const status = input.answer === 'give' ? 'given' : 'refused'
    await tx
      .update(certificateConsents)
      .set({ status, answeredBy: 'cabinet', answeredAt: now })
      .where(eq(certificateConsents.requestId, input.requestId))
    await consentEvent(
      tx,
      input.requestId,
      status === 'given' ? 'consent_given' : 'consent_refused',
      // Recorded without her as the event's actor: the requester reads this request's history, and learns her answer,
      // never her name (R·p.4). The audit row below names her.
      { kind: 'system', id: null },
      now,
      {
        by: 'cabinet',
      },
    )
    await writeAudit(tx, {
      actor,
      action: `consent.${status}`,
      patientId: actor.id,
      entity: 'request',
      entityId: input.requestId,
    })
    return { ok: true, data: { requestId: input.requestId, status } }
  })
}

// Rule 21: a consent not given within the window ends; the sweep then refuses the request (lib/jobs).
export async function expireConsents(db: Database, now: Date, limit = 200): Promise<string[]> {
  return await db.transaction(async (tx) => {
    const due = await tx
      .select({ requestId: certificateConsents.requestId })
      .from(certificateConsents)
      .where(and(eq(certificateConsents.status, 'pending'), lte(certificateConsents.expiresAt, now)))
      .orderBy(asc(certificateConsents.expiresAt))
      .limit(limit)
      .for('update', { skipLocked: true })
    if (due.length === 0) return []
    const ids = due.map((row) => row.requestId)
    await tx
      .update(certificateConsents)
      .set({ status: 'expired', answeredBy: 'timeout', answeredAt: now })
      .where(inArray(certificateConsents.requestId, ids))
    for (const id of ids) await consentEvent(tx, id, 'consent_expired', { kind: 'system', id: null }, now)
    return ids
  })
}

export type ConsentState = { status: 'pending' | 'given' | 'refused' | 'expired'; expiresAt: Date; locked: boolean }

// The requester's view of her request's consent: its state only, nothing about the person.
export async function consentStateFor(db: Database, requestId: string): Promise<ConsentState | null> {
  const [row] = await db
    .select({
      status: certificateConsents.status,
      expiresAt: certificateConsents.expiresAt,
      attempts: certificateConsents.attempts,
    })
    .from(certificateConsents)
    .where(eq(certificateConsents.requestId, requestId))
  return row ? { status: row.status, expiresAt: row.expiresAt, locked: row.attempts >= consentCodeAttempts } : null
}

export type ConsentRequestRow = {
  requestId: string
  service: string
  requester: string
  askedAt: Date
  expiresAt: Date
  status: 'pending' | 'given' | 'refused' | 'expired'
}

// The person's own list of consent requests about her (rule 13), newest first.
export async function listMyConsentRequests(db: Database, actor: PatientActor, limit = 50): Promise<ConsentRequestRow[]> {
  return await db
    .select({
      requestId: certificateConsents.requestId,
      service: requests.service,
      requester: patientFullName,
      askedAt: certificateConsents.createdAt,
      expiresAt: certificateConsents.expiresAt,
      status: certificateConsents.status,
    })
    .from(certificateConsents)
    .innerJoin(requests, eq(requests.id, certificateConsents.requestId))
    .innerJoin(patients, eq(patients.id, certificateConsents.requesterPatientId))
    .where(eq(certificateConsents.subjectPatientId, actor.id))
    .orderBy(desc(certificateConsents.createdAt))
    .limit(limit)
}

// How many consent requests about the person wait for her answer now (her home page points to them).
export async function countPendingConsents(db: Database, actor: PatientActor, now: Date): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(certificateConsents)
    .where(
      and(
        eq(certificateConsents.subjectPatientId, actor.id),
        eq(certificateConsents.status, 'pending'),
        sql`${certificateConsents.expiresAt} > ${now.toISOString()}::timestamptz`,
        sql`${certificateConsents.createdAt} > ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`,
      ),
    )
  return row?.count ?? 0
}

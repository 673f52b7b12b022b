import 'server-only'
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { loginAttempts, oneTimeCodes, patients, staff, type Locale } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { enqueueSms } from '@/lib/notifications/outbox'
import { attemptsSince, lockedUntil } from './lockout'

export const signInCodeTtlMs = 5 * 60_000
// At most this many codes per IIN in 15 minutes: an SMS costs money and floods the phone.
const maxCodesPerWindow = 3

export type SignInFailure = { ok: false; code: 'errors.auth.invalidCredentials' | 'errors.auth.locked'; lockedUntil?: Date }
export type SignInResult = { ok: true; subject: { kind: 'staff' | 'patient'; id: number }; locale: Locale } | SignInFailure

const argonOptions = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const
let dummyHash: Promise<string> | null = null

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions)
}

async function lockFor(db: Database, key: string, now: Date): Promise<Date | null> {
  const rows = await db
    .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, attemptsSince(now))))
    .orderBy(asc(loginAttempts.at))
  return lockedUntil(rows, now)
}

export const staffKey = (login: string) => `staff:${login.trim().toLowerCase()}`
export const patientKey = (iin: string) => `patient:${iin}`

// The answer is the same whether or not the login exists; an unknown login is hashed against too.
export async function verifyStaffPassword(
  db: Database,
  input: { login: string; password: string },
  now: Date,
  address: string | null,
): Promise<SignInResult> {
  const key = staffKey(input.login)
  const locked = await lockFor(db, key, now)
  if (locked) return { ok: false, code: 'errors.auth.locked', lockedUntil: locked }

  const [member] = await db
    .select({ id: staff.id, passwordHash: staff.passwordHash, organizationId: staff.organizationId, locale: staff.locale })
    .from(staff)
    .where(and(sql`lower(${staff.login}) = ${input.login.trim().toLowerCase()}`, eq(staff.active, true)))
  dummyHash ??= hashPassword('not-a-password')
  const matches = await verify(member?.passwordHash ?? (await dummyHash), input.password).catch(() => false)
  const ok = Boolean(member) && matches

  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ key, succeeded: ok, at: now, address })
    await writeAudit(tx, {
      actor: ok && member ? { kind: 'staff', id: member.id } : null,
      action: ok ? 'auth.signIn' : 'auth.signInFailed',
      organizationId: ok ? member?.organizationId : null,
      address,
      details: { login: key.slice('staff:'.length) },
    })
  })
  if (!ok || !member) {
    const lockedNow = await lockFor(db, key, now)
    return lockedNow
      ? { ok: false, code: 'errors.auth.locked', lockedUntil: lockedNow }
      : { ok: false, code: 'errors.auth.invalidCredentials' }
  }
  return { ok: true, subject: { kind: 'staff', id: member.id }, locale: member.locale }
}

export function codeHash(iin: string, code: string): string {
  const secret = process.env.AUTH_SECRET
  if (!secret) throw new Error('AUTH_SECRET is not set')
  return createHmac('sha256', secret).update(`${iin}:${code}`).digest('hex')
}

export type CodeRequestResult = { ok: true } | { ok: false; code: 'errors.auth.locked' | 'errors.auth.tooManyCodes' }

// Sends a sign-in code to the phone on record. The reply never says whether the IIN is known.
export async function requestSignInCode(
  db: Database,
  iin: string,
  now: Date,
  address: string | null,
  generate: () => string = () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
): Promise<CodeRequestResult> {
  if (await lockFor(db, patientKey(iin), now)) return { ok: false, code: 'errors.auth.locked' }
  const [patient] = await db
    .select({ id: patients.id, phone: patients.phone, locale: patients.locale })
    .from(patients)
    .where(eq(patients.iin, iin))
  if (!patient?.phone) return { ok: true }
  const [recent] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.patientId, patient.id), gt(oneTimeCodes.createdAt, new Date(now.getTime() - 15 * 60_000))))
  if ((recent?.count ?? 0) >= maxCodesPerWindow) return { ok: false, code: 'errors.auth.tooManyCodes' }

  const code = generate()
  await db.transaction(async (tx) => {
    await tx.insert(oneTimeCodes).values({
      patientId: patient.id,
      purpose: 'sign_in',
      codeHash: codeHash(iin, code),
      expiresAt: new Date(now.getTime() + signInCodeTtlMs),
      createdAt: now,
    })
    await enqueueSms(tx, {
      phone: patient.phone!,
      locale: patient.locale,
      template: 'signInCode',
      params: { code, minutes: signInCodeTtlMs / 60_000 },
      patientId: patient.id,
    })
    await writeAudit(tx, {
      actor: null,
      action: 'auth.codeRequested',
      patientId: patient.id,
      address,
    })
  })
  return { ok: true }
}

// A code works once and for 5 minutes; wrong codes count towards the lock of that IIN.
export async function verifySignInCode(
  db: Database,
  input: { iin: string; code: string },
  now: Date,
  address: string | null,
): Promise<SignInResult> {
  const key = patientKey(input.iin)
  const locked = await lockFor(db, key, now)
  if (locked) return { ok: false, code: 'errors.auth.locked', lockedUntil: locked }

  const expected = codeHash(input.iin, input.code)
  const result = await db.transaction(async (tx) => {
    const [patient] = await tx
      .select({ id: patients.id, locale: patients.locale })
      .from(patients)
      .where(eq(patients.iin, input.iin))
    const candidates = patient
      ? await tx
          .select({ id: oneTimeCodes.id, codeHash: oneTimeCodes.codeHash })
          .from(oneTimeCodes)
          .where(and(eq(oneTimeCodes.patientId, patient.id), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)))
      : []
    const match = candidates.find((candidate) =>
      timingSafeEqual(Buffer.from(candidate.codeHash, 'hex'), Buffer.from(expected, 'hex')),
    )
    // The update's guard makes a code usable once even when two sign-ins race.
    const used = match
      ? await tx
          .update(oneTimeCodes)
          .set({ usedAt: now })
          .where(and(eq(oneTimeCodes.id, match.id), isNull(oneTimeCodes.usedAt)))
          .returning({ id: oneTimeCodes.id })
      : []
    const ok = Boolean(patient) && used.length === 1
    await tx.insert(loginAttempts).values({ key, succeeded: ok, at: now, address })
    await writeAudit(tx, {
      actor: ok && patient ? { kind: 'patient', id: patient.id } : null,
      action: ok ? 'auth.signIn' : 'auth.signInFailed',
      patientId: patient?.id ?? null,
      address,
    })
    return ok && patient ? patient : null
  })
  if (result === null) {
    const lockedNow = await lockFor(db, key, now)
    return lockedNow
      ? { ok: false, code: 'errors.auth.locked', lockedUntil: lockedNow }
      : { ok: false, code: 'errors.auth.invalidCredentials' }
  }
  return { ok: true, subject: { kind: 'patient', id: result.id }, locale: result.locale }
}

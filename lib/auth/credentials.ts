import 'server-only'
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { oneTimeCodes, patients, staff, type Locale } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { enqueueSms } from '@/lib/notifications/outbox'
import { blockedBy, claimAttempt, settleAttempt } from './attempts'
import { limitRules, type LimitRule } from './lockout'

export const signInCodeTtlMs = 5 * 60_000

export type SignInFailure = { ok: false; code: 'errors.auth.invalidCredentials' | 'errors.auth.locked'; lockedUntil?: Date }
export type SignInResult = { ok: true; subject: { kind: 'staff' | 'patient'; id: number }; locale: Locale } | SignInFailure

const argonOptions = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const
let dummyHash: Promise<string> | null = null

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions)
}

export const staffKey = (login: string) => `staff:${login.trim().toLowerCase()}`
export const patientKey = (iin: string) => `patient:${iin}`

// A login (or IIN) is limited from each address on its own, and more loosely from all addresses together; an address
// it signed in from correctly keeps working when strangers have locked the login for everyone else (docs/decisions.md).
function signInLimits(who: string, address: string | null, overall: LimitRule) {
  const fromAddress = `${who}@${address ?? 'unknown'}`
  return {
    subject: who,
    knownAddressKey: fromAddress,
    limits: [
      { key: fromAddress, rule: limitRules.signInFromAddress },
      { key: who, rule: overall, unlessKnownAddress: true },
    ],
  }
}

const locked = (until: Date): SignInFailure => ({ ok: false, code: 'errors.auth.locked', lockedUntil: until })

// After a failure: locked by it (the fifth wrong password already says so), or simply wrong.
async function failure(db: Database, limits: ReturnType<typeof signInLimits>, now: Date, address: string | null) {
  const until = await blockedBy(db, { ...limits, now, address })
  return until ? locked(until) : ({ ok: false, code: 'errors.auth.invalidCredentials' } as const)
}

// The answer is the same whether or not the login exists; an unknown login is hashed against too.
export async function verifyStaffPassword(
  db: Database,
  input: { login: string; password: string },
  now: Date,
  address: string | null,
): Promise<SignInResult> {
  const key = staffKey(input.login)
  const limits = signInLimits(key, address, limitRules.staffSignIn)
  const attempt = await claimAttempt(db, { ...limits, now, address })
  if (!attempt.ok) return locked(attempt.until)

  const [member] = await db
    .select({ id: staff.id, passwordHash: staff.passwordHash, organizationId: staff.organizationId, locale: staff.locale })
    .from(staff)
    // Issue 16: an organization's information system (staff.system) is no person and never signs in.
    .where(and(sql`lower(${staff.login}) = ${input.login.trim().toLowerCase()}`, eq(staff.active, true), eq(staff.system, false)))
  dummyHash ??= hashPassword('not-a-password')
  const matches = await verify(member?.passwordHash ?? (await dummyHash), input.password).catch(() => false)
  const ok = Boolean(member) && matches

  await db.transaction(async (tx) => {
    if (ok) await settleAttempt(tx, attempt.claim)
    await writeAudit(tx, {
      actor: ok && member ? { kind: 'staff', id: member.id } : null,
      action: ok ? 'auth.signIn' : 'auth.signInFailed',
      organizationId: ok ? member?.organizationId : null,
      address,
      details: { login: key.slice('staff:'.length) },
    })
  })
  if (!ok || !member) return failure(db, limits, now, address)
  return { ok: true, subject: { kind: 'staff', id: member.id }, locale: member.locale }
}

export function codeHash(iin: string, code: string): string {
  const secret = process.env.AUTH_SECRET
  if (!secret) throw new Error('AUTH_SECRET is not set')
  return createHmac('sha256', secret).update(`${iin}:${code}`).digest('hex')
}

export type CodeRequestResult = { ok: true } | { ok: false; code: 'errors.auth.locked' | 'errors.auth.tooManyCodes' }

// Sends a sign-in code to the phone on record. The reply, and the limit of three requests per IIN in 15 minutes, are
// the same whether or not the IIN is known or has a phone.
export async function requestSignInCode(
  db: Database,
  iin: string,
  now: Date,
  address: string | null,
  generate: () => string = () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
): Promise<CodeRequestResult> {
  if (await blockedBy(db, { ...signInLimits(patientKey(iin), address, limitRules.patientSignIn), now, address }))
    return { ok: false, code: 'errors.auth.locked' }
  const key = `code:${iin}`
  const request = await claimAttempt(db, { subject: key, limits: [{ key, rule: limitRules.codeRequests }], now, address })
  if (!request.ok) return { ok: false, code: 'errors.auth.tooManyCodes' }

  const [patient] = await db
    .select({ id: patients.id, phone: patients.phone, locale: patients.locale })
    .from(patients)
    .where(eq(patients.iin, iin))
  const phone = patient?.phone
  const code = generate()
  await db.transaction(async (tx) => {
    if (patient && phone) {
      await tx.insert(oneTimeCodes).values({
        patientId: patient.id,
        purpose: 'sign_in',
        codeHash: codeHash(iin, code),
        expiresAt: new Date(now.getTime() + signInCodeTtlMs),
        createdAt: now,
      })
      await enqueueSms(tx, {
        phone,
        locale: patient.locale,
        template: 'signInCode',
        params: { code, minutes: signInCodeTtlMs / 60_000 },
        patientId: patient.id,
      })
    }
    await writeAudit(tx, { actor: null, action: 'auth.codeRequested', patientId: patient?.id ?? null, address })
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
  const limits = signInLimits(patientKey(input.iin), address, limitRules.patientSignIn)
  const attempt = await claimAttempt(db, { ...limits, now, address })
  if (!attempt.ok) return locked(attempt.until)

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
    if (ok) await settleAttempt(tx, attempt.claim)
    await writeAudit(tx, {
      actor: ok && patient ? { kind: 'patient', id: patient.id } : null,
      action: ok ? 'auth.signIn' : 'auth.signInFailed',
      patientId: patient?.id ?? null,
      address,
    })
    return ok && patient ? patient : null
  })
  if (result === null) return failure(db, limits, now, address)
  return { ok: true, subject: { kind: 'patient', id: result.id }, locale: result.locale }
}

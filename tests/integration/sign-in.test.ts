import { and, eq, sql as dsql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, loginAttempts, notifications, oneTimeCodes, patients, staff } from '@/db/schema'
import { requestSignInCode, verifySignInCode, verifyStaffPassword } from '@/lib/auth/credentials'
import { codeRequestSchema } from '@/lib/auth/schemas'
import { freshDb } from './db'
import { makeClinic, makePatient, testPassword, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
const address = '127.0.0.1'
const minute = 60_000
const clock = (start: string) => {
  let now = new Date(start).getTime()
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) }
}

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db)
})

const countRows = async (table: typeof auditLog | typeof loginAttempts | typeof notifications | typeof oneTimeCodes) =>
  (await db.select({ n: dsql<number>`count(*)::int` }).from(table))[0]!.n

describe('staff sign-in with login and password (argon2id)', () => {
  it('accepts the right password, whatever the case of the login', async () => {
    const login = clinic.staff.doctor.login.toUpperCase()
    const result = await verifyStaffPassword(db, { login, password: testPassword }, new Date(), address)
    expect(result).toMatchObject({ ok: true, subject: { kind: 'staff', id: clinic.staff.doctor.id } })
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, clinic.staff.doctor.id), eq(auditLog.action, 'auth.signIn')))
    expect(audit).toMatchObject({ actorKind: 'staff', organizationId: clinic.organizationId, address })
  })

  it('stores the password as an argon2id hash', async () => {
    const [row] = await db.select({ hash: staff.passwordHash }).from(staff).where(eq(staff.id, clinic.staff.doctor.id))
    expect(row!.hash).toMatch(/^\$argon2id\$/)
  })

  it('gives the same answer for a wrong password and an unknown login', async () => {
    const wrong = await verifyStaffPassword(db, { login: clinic.staff.head.login, password: 'nope' }, new Date(), address)
    const unknown = await verifyStaffPassword(db, { login: 'nobody-here', password: 'nope' }, new Date(), address)
    expect(wrong).toEqual({ ok: false, code: 'errors.auth.invalidCredentials' })
    expect(unknown).toEqual(wrong)
  })

  it('refuses a deactivated member of staff', async () => {
    await db.update(staff).set({ active: false }).where(eq(staff.id, clinic.staff.chief.id))
    const result = await verifyStaffPassword(db, { login: clinic.staff.chief.login, password: testPassword }, new Date(), address)
    expect(result.ok).toBe(false)
  })
  it("issue 16: refuses an organization's information system (staff.system), even with a hash that verifies", async () => {
    // The seed gives a system row a hash that never verifies; here it is the real password's, to show the row is refused
    // as such, not by its hash.
    await db.update(staff).set({ system: true }).where(eq(staff.id, clinic.staff.head.id))
    const result = await verifyStaffPassword(db, { login: clinic.staff.head.login, password: testPassword }, new Date(), address)
    expect(result).toMatchObject({ ok: false, code: 'errors.auth.invalidCredentials' })
    await db.update(staff).set({ system: false }).where(eq(staff.id, clinic.staff.head.id))
    const person = await verifyStaffPassword(db, { login: clinic.staff.head.login, password: testPassword }, new Date(), address)
    expect(person.ok).toBe(true)
  })
})

describe('lockout: five failures in 15 minutes lock the login for 15 minutes (fixed clock)', () => {
  it('the sixth wrong password shows the lock, the right one is refused while locked and works after 15 minutes', async () => {
    const c = clock('2026-11-23T05:00:00Z')
    const login = clinic.staff.registrar.login
    for (let i = 1; i <= 4; i++) {
      expect(await verifyStaffPassword(db, { login, password: `wrong-${i}` }, c.now(), address)).toEqual({
        ok: false,
        code: 'errors.auth.invalidCredentials',
      })
      c.advance(minute)
    }
    // The fifth failure locks at once and says so.
    expect(await verifyStaffPassword(db, { login, password: 'wrong-5' }, c.now(), address)).toMatchObject({
      code: 'errors.auth.locked',
    })
    const lockStart = c.now().getTime()
    c.advance(minute)
    expect(await verifyStaffPassword(db, { login, password: 'wrong-6' }, c.now(), address)).toMatchObject({
      code: 'errors.auth.locked',
    })
    const attemptsWhileLocked = await countRows(loginAttempts)
    expect(await verifyStaffPassword(db, { login, password: testPassword }, c.now(), address)).toMatchObject({
      ok: false,
      code: 'errors.auth.locked',
      lockedUntil: new Date(lockStart + 15 * minute),
    })
    expect(await countRows(loginAttempts)).toBe(attemptsWhileLocked)
    c.advance(13 * minute + 59_000)
    expect(await verifyStaffPassword(db, { login, password: testPassword }, c.now(), address)).toMatchObject({
      code: 'errors.auth.locked',
    })
    c.advance(1_000)
    expect(await verifyStaffPassword(db, { login, password: testPassword }, c.now(), address)).toMatchObject({ ok: true })
  })

  it('locks an unknown login the same way, so a lock never tells whether a login exists', async () => {
    const c = clock('2026-11-23T06:00:00Z')
    const results = []
    for (let i = 0; i < 6; i++) results.push(await verifyStaffPassword(db, { login: 'ghost', password: 'x' }, c.now(), address))
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual([
      'errors.auth.invalidCredentials',
      'errors.auth.invalidCredentials',
      'errors.auth.invalidCredentials',
      'errors.auth.invalidCredentials',
      'errors.auth.locked',
      'errors.auth.locked',
    ])
  })
})

describe('patient sign-in with IIN and a one-time code', () => {
  it('sends a 6-digit code through the outbox, stores it hashed, and signs in once', async () => {
    const patient = await makePatient(db, { phone: '+77015550011', locale: 'ru' })
    const now = new Date('2026-11-23T07:00:00Z')
    expect(await requestSignInCode(db, patient.iin, now, address, () => '482913')).toEqual({ ok: true })
    const [sms] = await db.select().from(notifications).where(eq(notifications.patientId, patient.id))
    expect(sms).toMatchObject({
      channel: 'sms',
      recipient: '+77015550011',
      status: 'pending',
      locale: 'ru',
      template: 'signInCode',
    })
    expect(sms!.body).toContain('482913')
    const [stored] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.patientId, patient.id))
    expect(stored!.codeHash).not.toContain('482913')
    expect(stored!.codeHash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored!.expiresAt).toEqual(new Date(now.getTime() + 5 * minute))

    const first = await verifySignInCode(db, { iin: patient.iin, code: '482913' }, new Date(now.getTime() + minute), address)
    expect(first).toEqual({ ok: true, subject: { kind: 'patient', id: patient.id }, locale: 'ru' })
    const again = await verifySignInCode(db, { iin: patient.iin, code: '482913' }, new Date(now.getTime() + 2 * minute), address)
    expect(again).toEqual({ ok: false, code: 'errors.auth.invalidCredentials' })
  })

  it('refuses a code after 5 minutes', async () => {
    const patient = await makePatient(db)
    const now = new Date('2026-11-23T08:00:00Z')
    await requestSignInCode(db, patient.iin, now, address, () => '111222')
    const late = await verifySignInCode(db, { iin: patient.iin, code: '111222' }, new Date(now.getTime() + 5 * minute), address)
    expect(late.ok).toBe(false)
  })

  it('counts wrong codes towards the lock of that IIN', async () => {
    const patient = await makePatient(db)
    const c = clock('2026-11-23T09:00:00Z')
    await requestSignInCode(db, patient.iin, c.now(), address, () => '765432')
    for (let i = 0; i < 5; i++) await verifySignInCode(db, { iin: patient.iin, code: '000000' }, c.now(), address)
    expect(await verifySignInCode(db, { iin: patient.iin, code: '765432' }, c.now(), address)).toMatchObject({
      code: 'errors.auth.locked',
    })
    expect(await requestSignInCode(db, patient.iin, c.now(), address)).toEqual({ ok: false, code: 'errors.auth.locked' })
  })

  it('answers the same for an IIN that is not registered: no code and no SMS, but audited and counted like any request', async () => {
    const before = await Promise.all([countRows(notifications), countRows(oneTimeCodes), countRows(auditLog)])
    expect(await requestSignInCode(db, '000101500016', new Date(), address)).toEqual({ ok: true })
    expect(await Promise.all([countRows(notifications), countRows(oneTimeCodes), countRows(auditLog)])).toEqual([
      before[0],
      before[1],
      before[2]! + 1,
    ])
    expect(await db.select().from(loginAttempts).where(eq(loginAttempts.key, 'code:000101500016'))).toHaveLength(1)
  })

  it('limits code requests to three in 15 minutes', async () => {
    const patient = await makePatient(db)
    const now = new Date('2026-11-23T10:00:00Z')
    for (let i = 0; i < 3; i++) expect(await requestSignInCode(db, patient.iin, now, address)).toEqual({ ok: true })
    expect(await requestSignInCode(db, patient.iin, now, address)).toEqual({ ok: false, code: 'errors.auth.tooManyCodes' })
  })

  it.each([
    { label: 'wrong control digit', iin: '920314400016', key: 'errors.iin.checksum' },
    { label: '11 digits', iin: '92031440001', key: 'errors.iin.length' },
    { label: 'a letter', iin: '92031440001a', key: 'errors.iin.digits' },
  ])('refuses an IIN with $label before anything is written', async ({ iin, key }) => {
    const before = await Promise.all([countRows(notifications), countRows(oneTimeCodes), countRows(loginAttempts)])
    const parsed = codeRequestSchema.safeParse({ iin })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([key])
    expect(await Promise.all([countRows(notifications), countRows(oneTimeCodes), countRows(loginAttempts)])).toEqual(before)
  })

  it('keeps patients without a phone out, silently', async () => {
    const patient = await makePatient(db, { phone: null })
    expect(await requestSignInCode(db, patient.iin, new Date(), address)).toEqual({ ok: true })
    const codes = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.patientId, patient.id))
    expect(codes).toEqual([])
    const [row] = await db.select({ phone: patients.phone }).from(patients).where(eq(patients.id, patient.id))
    expect(row!.phone).toBeNull()
  })
})

import { randomUUID } from 'node:crypto'
import { and, eq, like, sql as dsql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { loginAttempts, notifications, oneTimeCodes, staff } from '@/db/schema'
import { requestSignInCode, verifySignInCode, verifyStaffPassword } from '@/lib/auth/credentials'
import { makeIin } from '@/lib/iin'
import { findPatientForDesk } from '@/lib/patients/queries'
import { openDemoSigningSession } from '@/lib/signing/demo-pki'
import { verifyByCode } from '@/lib/verification/lookup'
import { freshDb } from './db'
import { makeClinic, makePatient, testPassword, type TestClinic } from './factories'

// Every limit on attempts is counted and decided in the database before the attempt is checked: 50 attempts sent at
// once, over a pool of 25 real connections, get exactly as many checks as the limit allows.
let db: Database
let clinic: TestClinic
const burst = 50
const now = new Date('2026-12-07T05:00:00Z')
const minute = 60_000

beforeAll(async () => {
  ;({ db } = await freshDb({ max: 25 }))
  clinic = await makeClinic(db)
})

const rowsOf = async (key: string) =>
  db.select({ succeeded: loginAttempts.succeeded }).from(loginAttempts).where(eq(loginAttempts.key, key))
const answers = (results: readonly ({ ok: true } | { ok: false; code: string })[]) =>
  results.reduce<Record<string, number>>((counts, result) => {
    const key = result.ok ? 'ok' : result.code
    counts[key] = (counts[key] ?? 0) + 1
    return counts
  }, {})

describe('50 parallel attempts never get more checks than the limit', () => {
  it('staff password: 49 wrong and the right one at once from one address check 5 passwords, no more', async () => {
    const login = clinic.staff.registrar.login
    const address = '10.9.0.1'
    const passwords = Array.from({ length: burst }, (_, i) => (i === 37 ? testPassword : `wrong-${i}`))
    const results = await Promise.all(passwords.map((password) => verifyStaffPassword(db, { login, password }, now, address)))
    const checked = await rowsOf(`staff:${login}@${address}`)
    expect(checked).toHaveLength(5)
    expect(await rowsOf(`staff:${login}`)).toHaveLength(5)
    // The right password signs in only if it was among the five checked; every other answer is a refusal.
    const succeeded = results.filter((result) => result.ok).length
    expect(succeeded).toBe(checked.filter((row) => row.succeeded).length)
    expect(answers(results)['errors.auth.locked']).toBeGreaterThanOrEqual(burst - 5)
  })

  it('patient code: 50 wrong codes at once for one IIN check 5', async () => {
    const patient = await makePatient(db, { phone: '+77015550101' })
    await requestSignInCode(db, patient.iin, now, '10.9.0.2', () => '111111')
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        verifySignInCode(db, { iin: patient.iin, code: String(200000 + i) }, now, '10.9.0.2'),
      ),
    )
    expect(results.every((result) => !result.ok)).toBe(true)
    expect(await rowsOf(`patient:${patient.iin}@10.9.0.2`)).toHaveLength(5)
    // The code itself is still unused: no guess consumed it.
    const [code] = await db
      .select({ usedAt: oneTimeCodes.usedAt })
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.patientId, patient.id))
    expect(code!.usedAt).toBeNull()
  })

  it('code requests: 50 at once for one IIN make 3 codes and 3 SMS, and the same answers for an unknown IIN', async () => {
    const patient = await makePatient(db, { phone: '+77015550102' })
    const known = await Promise.all(Array.from({ length: burst }, () => requestSignInCode(db, patient.iin, now, '10.9.0.3')))
    expect(answers(known)).toEqual({ ok: 3, 'errors.auth.tooManyCodes': burst - 3 })
    expect(await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.patientId, patient.id))).toHaveLength(3)
    expect(await db.select().from(notifications).where(eq(notifications.patientId, patient.id))).toHaveLength(3)

    const unknownIin = '000101500016'
    const unknown = await Promise.all(Array.from({ length: burst }, () => requestSignInCode(db, unknownIin, now, '10.9.0.3')))
    expect(answers(unknown)).toEqual(answers(known))
  })

  it('signing PIN: 50 wrong PINs at once try 5', async () => {
    const signer = clinic.staff.doctor
    // A demo certificate needs the signer's IIN.
    await db
      .update(staff)
      .set({ iin: makeIin({ birthDate: '1980-01-01', sex: 'female', serial: 4242 }) })
      .where(eq(staff.id, signer.id))
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) => openDemoSigningSession(db, { staffId: signer.id, pin: String(900000 + i) }, now)),
    )
    expect(results.every((result) => !result.ok)).toBe(true)
    expect(await rowsOf(`pin:${signer.id}`)).toHaveLength(5)
    expect(results.filter((result) => !result.ok && result.error === 'errors.signing.wrongPin').length).toBeLessThanOrEqual(4)
  })

  it('/verify codes: 50 unknown codes at once from one address look up 10', async () => {
    const address = '10.9.0.5'
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) => verifyByCode(db, `ZZZZZZZZ${String(i).padStart(2, '0')}`, address, now)),
    )
    expect(await rowsOf(`verify:${address}`)).toHaveLength(10)
    expect(results.filter((result) => result.state === 'rate_limited').length).toBeGreaterThanOrEqual(burst - 10)
  })

  it('desk lookups by IIN: 70 at once by one registrar look up 60, each audited', async () => {
    const person = await makePatient(db)
    const registrar = clinic.staff.registrar
    const results = await Promise.all(
      Array.from({ length: 70 }, () => findPatientForDesk(db, registrar, person.iin, '10.9.0.6', now)),
    )
    expect(results.filter((result) => result.state === 'found')).toHaveLength(60)
    expect(results.filter((result) => result.state === 'rate_limited')).toHaveLength(10)
    const [audited] = await db.execute<{ n: number }>(
      dsql`select count(*)::int as n from audit_log where action = 'patient.deskLookup' and patient_id = ${person.id}`,
    )
    expect(audited!.n).toBe(60)
  })
})

describe('lockouts are keyed by login and address, with a looser limit on the login from every address', () => {
  it('five wrong passwords from one address lock that address only; the right password from another address works', async () => {
    const login = clinic.staff.head.login
    for (let i = 0; i < 5; i++) await verifyStaffPassword(db, { login, password: `nope-${i}` }, now, '203.0.113.10')
    expect(await verifyStaffPassword(db, { login, password: testPassword }, now, '203.0.113.10')).toMatchObject({
      ok: false,
      code: 'errors.auth.locked',
    })
    expect(await verifyStaffPassword(db, { login, password: testPassword }, now, '192.0.2.44')).toMatchObject({ ok: true })
  })

  it('20 failures from 20 addresses lock the login for new addresses, not for the address it signed in from before', async () => {
    const login = clinic.staff.chief.login
    const desk = '192.0.2.50'
    expect(await verifyStaffPassword(db, { login, password: testPassword }, now, desk)).toMatchObject({ ok: true })
    const later = new Date(now.getTime() + minute)
    for (let i = 0; i < 20; i++) await verifyStaffPassword(db, { login, password: `x-${i}` }, later, `198.51.100.${i + 1}`)
    // A stranger's new address is refused even with the right password…
    expect(await verifyStaffPassword(db, { login, password: testPassword }, later, '198.51.100.200')).toMatchObject({
      ok: false,
      code: 'errors.auth.locked',
    })
    // …while the chief physician's own desk, where the login signed in correctly, still works.
    expect(await verifyStaffPassword(db, { login, password: testPassword }, later, desk)).toMatchObject({ ok: true })
    // After 15 minutes the login opens again for everyone.
    expect(
      await verifyStaffPassword(db, { login, password: testPassword }, new Date(later.getTime() + 15 * minute), '198.51.100.200'),
    ).toMatchObject({ ok: true })
  })

  it('a patient whose IIN strangers lock keeps signing in from the address they used before', async () => {
    const patient = await makePatient(db, { phone: '+77015550103' })
    const home = '192.0.2.60'
    await requestSignInCode(db, patient.iin, now, home, () => '123456')
    expect(await verifySignInCode(db, { iin: patient.iin, code: '123456' }, now, home)).toMatchObject({ ok: true })
    for (let i = 0; i < 10; i++)
      await verifySignInCode(db, { iin: patient.iin, code: String(300000 + i) }, now, `198.51.100.${100 + i}`)
    expect(await verifySignInCode(db, { iin: patient.iin, code: '654321' }, now, '198.51.100.250')).toMatchObject({
      code: 'errors.auth.locked',
    })
    const later = new Date(now.getTime() + minute)
    expect(await requestSignInCode(db, patient.iin, later, home, () => '777777')).toEqual({ ok: true })
    expect(await verifySignInCode(db, { iin: patient.iin, code: '777777' }, later, home)).toMatchObject({ ok: true })
  })

  it('an unknown login is limited the same way, so a lock never tells whether a login exists', async () => {
    const login = `ghost-${randomUUID().slice(0, 8)}`
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) => verifyStaffPassword(db, { login, password: `p${i}` }, now, '10.9.0.9')),
    )
    expect(results.every((result) => !result.ok)).toBe(true)
    expect(await rowsOf(`staff:${login}@10.9.0.9`)).toHaveLength(5)
    expect(
      await db
        .select({ n: dsql<number>`count(*)::int` })
        .from(loginAttempts)
        .where(and(like(loginAttempts.key, `staff:${login}%`), eq(loginAttempts.succeeded, true))),
    ).toEqual([{ n: 0 }])
  })
})

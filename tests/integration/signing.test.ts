import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { loginAttempts, pkiAuthorities, staff, staffCertificates } from '@/db/schema'
import { makeIin } from '@/lib/iin'
import { getDemoAuthority, openDemoSigningSession, signHashesWithDemoPki } from '@/lib/signing/demo-pki'
import { verifyDocumentSignature } from '@/lib/signing/verify'
import { startNcanodeStub, type NcanodeStub } from '@/tests/support/ncanode-server'
import { hashOf, makeAuthority, makeSigner, relabelAsGost, sign } from '@/tests/support/signing'
import { freshDb } from './db'
import { makeClinic, type TestClinic } from './factories'

const now = new Date('2026-11-20T09:30:00Z')
const minutes = (n: number) => new Date(now.getTime() + n * 60_000)
const pin = '123456' // DEMO_SIGNING_PIN's default: the PIN a lazily issued demo key is sealed with
const snapshotHash = hashOf('{"kind":"coupon_064e","number":"064-000001"}')

let db: Database
let clinic: TestClinic
let doctorIin: string
let serial = 500

async function giveIin(staffId: number): Promise<string> {
  const iin = makeIin({ birthDate: '1985-04-12', sex: 'male', serial: serial++ })
  await db.update(staff).set({ iin }).where(eq(staff.id, staffId))
  return iin
}

beforeAll(async () => {
  ;({ db } = await freshDb())
})

beforeEach(async () => {
  clinic = await makeClinic(db)
  doctorIin = await giveIin(clinic.staff.doctor.id)
})

const currentCertificates = (staffId: number) =>
  db
    .select()
    .from(staffCertificates)
    .where(and(eq(staffCertificates.staffId, staffId), isNull(staffCertificates.replacedAt)))

describe('Demo PKI: the certificate authority', () => {
  it('is created once: two concurrent first calls get the same CA', async () => {
    const { db: empty } = await freshDb()
    const [a, b] = await Promise.all([getDemoAuthority(empty, now), getDemoAuthority(empty, now)])
    expect(a.id).toBe(b.id)
    expect(a.certificate.serialNumber).toBe(b.certificate.serialNumber)
    expect(await empty.select({ id: pkiAuthorities.id }).from(pkiAuthorities)).toHaveLength(1)
    const again = await getDemoAuthority(empty, minutes(60))
    expect(again.certificate.serialNumber).toBe(a.certificate.serialNumber)
  })

  it('keeps its private key sealed: the stored row holds no PKCS#8 key in the clear', async () => {
    await getDemoAuthority(db, now)
    const [row] = await db.select().from(pkiAuthorities)
    expect(row!.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(row!.sealedPrivateKey).not.toMatch(/PRIVATE KEY/)
  })
})

describe('Demo PKI: staff certificates and signing with the PIN', () => {
  it('issues the certificate lazily on first signing, with the IIN in the subject, and reuses it after', async () => {
    expect(await currentCertificates(clinic.staff.doctor.id)).toHaveLength(0)
    const first = await signHashesWithDemoPki(db, { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [snapshotHash] }, now)
    expect(first.ok).toBe(true)
    const [certificate] = await currentCertificates(clinic.staff.doctor.id)
    expect(certificate!.notAfter.getTime() - now.getTime()).toBeGreaterThan(364 * 86_400_000)
    const second = await signHashesWithDemoPki(
      db,
      { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [snapshotHash] },
      minutes(1),
    )
    expect(second.ok).toBe(true)
    expect((await currentCertificates(clinic.staff.doctor.id)).map((c) => c.serialNumber)).toEqual([certificate!.serialNumber])

    const check = await verifyDocumentSignature(
      { signature: first.ok ? first.signatures[0]! : '', snapshotHash, expectedSignerIin: doctorIin },
      db,
      { now },
    )
    expect(check).toMatchObject({
      status: 'valid',
      signedAt: now,
      signer: { iin: doctorIin, commonName: 'doctor surname Name', certificateSerial: certificate!.serialNumber },
    })
  })

  it('two concurrent first signings leave one current certificate, and both signatures verify', async () => {
    const staffId = clinic.staff.doctor.id
    const results = await Promise.all([
      signHashesWithDemoPki(db, { staffId, pin, snapshotHashes: [snapshotHash] }, now),
      signHashesWithDemoPki(db, { staffId, pin, snapshotHashes: [snapshotHash] }, now),
    ])
    expect(await currentCertificates(staffId)).toHaveLength(1)
    for (const result of results) {
      expect(result.ok).toBe(true)
      if (!result.ok) continue
      const check = await verifyDocumentSignature(
        { signature: result.signatures[0]!, snapshotHash, expectedSignerIin: doctorIin },
        db,
        { now },
      )
      expect(check.status).toBe('valid')
    }
  })

  it('signs a batch with one PIN: each signature covers its own document and no other', async () => {
    const hashes = ['a', 'b', 'c'].map((n) => hashOf(`{"number":"${n}"}`))
    const result = await signHashesWithDemoPki(db, { staffId: clinic.staff.doctor.id, pin, snapshotHashes: hashes }, now)
    if (!result.ok) throw new Error(result.error)
    expect(result.signatures).toHaveLength(3)
    const check = (signature: string, hash: string) =>
      verifyDocumentSignature({ signature, snapshotHash: hash, expectedSignerIin: doctorIin }, db, { now })
    for (const [i, hash] of hashes.entries()) expect((await check(result.signatures[i]!, hash)).status).toBe('valid')
    expect(await check(result.signatures[0]!, hashes[1]!)).toMatchObject({ status: 'invalid', reason: 'hash_mismatch' })
  })

  it('a signing session opens the key with one PIN attempt and signs each hash at its own signing time', async () => {
    const staffId = clinic.staff.doctor.id
    const opened = await openDemoSigningSession(db, { staffId, pin }, now)
    if (!opened.ok) throw new Error(opened.error)
    const hashes = ['x', 'y'].map((n) => hashOf(`{"number":"${n}"}`))
    const signatures = [await opened.session.sign(hashes[0]!, now), await opened.session.sign(hashes[1]!, minutes(2))]
    const [certificate] = await currentCertificates(staffId)
    expect(opened.session.certificateSerial).toBe(certificate!.serialNumber)
    const check = (signature: string, hash: string) =>
      verifyDocumentSignature({ signature, snapshotHash: hash, expectedSignerIin: doctorIin }, db, { now: minutes(5) })
    expect(await check(signatures[0]!, hashes[0]!)).toMatchObject({ status: 'valid', signedAt: now })
    expect(await check(signatures[1]!, hashes[1]!)).toMatchObject({ status: 'valid', signedAt: minutes(2) })
    expect(await check(signatures[1]!, hashes[0]!)).toMatchObject({ status: 'invalid', reason: 'hash_mismatch' })
    const attempts = await db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.key, `pin:${staffId}`))
    expect(attempts.map((a) => a.succeeded)).toEqual([true])
  })

  it('a signing session is not opened with a wrong PIN', async () => {
    expect(await openDemoSigningSession(db, { staffId: clinic.staff.doctor.id, pin: '000000' }, now)).toEqual({
      ok: false,
      error: 'errors.signing.wrongPin',
    })
  })

  it('a wrong PIN fails and is recorded under pin:<staffId>', async () => {
    const staffId = clinic.staff.doctor.id
    expect(await signHashesWithDemoPki(db, { staffId, pin: '654321', snapshotHashes: [snapshotHash] }, now)).toEqual({
      ok: false,
      error: 'errors.signing.wrongPin',
    })
    const attempts = await db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.key, `pin:${staffId}`))
    expect(attempts.map((a) => a.succeeded)).toEqual([false])
  })

  it('5 wrong PINs in 15 minutes lock signing for 15 minutes, even with the right PIN', async () => {
    const staffId = clinic.staff.doctor.id
    const attempt = (pinTyped: string, at: Date) =>
      signHashesWithDemoPki(db, { staffId, pin: pinTyped, snapshotHashes: [snapshotHash] }, at)
    const errors = []
    for (let i = 0; i < 5; i++) {
      const result = await attempt(`00000${i}`, minutes(i))
      errors.push(result.ok ? 'ok' : result.error)
    }
    expect(errors).toEqual([...Array(4).fill('errors.signing.wrongPin'), 'errors.signing.pinLocked'])
    expect(await attempt(pin, minutes(5))).toEqual({ ok: false, error: 'errors.signing.pinLocked' })
    expect(await attempt(pin, minutes(18))).toEqual({ ok: false, error: 'errors.signing.pinLocked' })
    expect((await attempt(pin, minutes(20))).ok).toBe(true) // 15 minutes after the fifth failure (minute 4)
  })

  it('a correct PIN clears the count: 4 wrong, 1 right, 4 wrong is not a lock', async () => {
    const staffId = clinic.staff.doctor.id
    const attempt = (pinTyped: string, at: number) =>
      signHashesWithDemoPki(db, { staffId, pin: pinTyped, snapshotHashes: [snapshotHash] }, minutes(at))
    for (let i = 0; i < 4; i++) await attempt('111111', i)
    expect((await attempt(pin, 4)).ok).toBe(true)
    for (let i = 5; i < 9; i++) expect(await attempt('111111', i)).toEqual({ ok: false, error: 'errors.signing.wrongPin' })
  })

  it('a staff member without an IIN cannot get a certificate', async () => {
    const result = await signHashesWithDemoPki(
      db,
      { staffId: clinic.staff.registrar.id, pin, snapshotHashes: [snapshotHash] },
      now,
    )
    expect(result).toEqual({ ok: false, error: 'errors.signing.noCertificate' })
    expect(await currentCertificates(clinic.staff.registrar.id)).toHaveLength(0)
  })

  it('with the demo PKI off nobody gets a demo certificate', async () => {
    const result = await signHashesWithDemoPki(
      db,
      { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [snapshotHash] },
      now,
      { demoPki: false },
    )
    expect(result).toEqual({ ok: false, error: 'errors.signing.noCertificate' })
  })

  it('an expired certificate is replaced on next use; the old signature still verifies at its signing time', async () => {
    const staffId = clinic.staff.doctor.id
    const old = await signHashesWithDemoPki(db, { staffId, pin, snapshotHashes: [snapshotHash] }, now)
    const later = new Date(now.getTime() + 400 * 86_400_000)
    const renewed = await signHashesWithDemoPki(db, { staffId, pin, snapshotHashes: [snapshotHash] }, later)
    expect(renewed.ok && old.ok).toBe(true)
    const all = await db.select().from(staffCertificates).where(eq(staffCertificates.staffId, staffId))
    expect(all).toHaveLength(2)
    expect(all.filter((c) => c.replacedAt === null)).toHaveLength(1)
    if (!old.ok) return
    const check = await verifyDocumentSignature(
      { signature: old.signatures[0]!, snapshotHash, expectedSignerIin: doctorIin },
      db,
      { now: later },
    )
    expect(check.status).toBe('valid')
  })
})

describe('Verification: trusted roots are configuration', () => {
  let signature: string
  beforeEach(async () => {
    const result = await signHashesWithDemoPki(db, { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [snapshotHash] }, now)
    if (!result.ok) throw new Error(result.error)
    signature = result.signatures[0]!
  })
  const input = () => ({ signature, snapshotHash, expectedSignerIin: doctorIin })

  it('the demo root is not trusted with DEMO_PKI=off (read at call time)', async () => {
    const before = process.env.DEMO_PKI
    process.env.DEMO_PKI = 'off'
    try {
      expect(await verifyDocumentSignature(input(), db, { now })).toMatchObject({ status: 'invalid', reason: 'untrusted' })
    } finally {
      if (before === undefined) delete process.env.DEMO_PKI
      else process.env.DEMO_PKI = before
    }
    expect((await verifyDocumentSignature(input(), db, { now })).status).toBe('valid')
    expect(await verifyDocumentSignature(input(), db, { now, demoPki: false })).toMatchObject({ reason: 'untrusted' })
  })

  it('a root from the TRUSTED_ROOTS_FILE bundle is trusted', async () => {
    const national = await makeAuthority(now, 'National CA (test)')
    const person = await makeSigner(national, { lastName: 'Оспанов', firstName: 'Ерлан', iin: doctorIin }, now)
    const external = await sign(person, snapshotHash, now)
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tirkeu-roots-')), 'roots.pem')
    writeFileSync(file, `# test bundle\n${national.certificate.toString('pem')}\n`)
    expect(await verifyDocumentSignature({ ...input(), signature: external }, db, { now })).toMatchObject({ reason: 'untrusted' })
    expect((await verifyDocumentSignature({ ...input(), signature: external }, db, { now, trustedRootsFile: file })).status).toBe(
      'valid',
    )
  })

  it('a malformed signature is "malformed"', async () => {
    expect(await verifyDocumentSignature({ ...input(), signature: 'bm90IGEgQ01T' }, db, { now })).toEqual({
      status: 'invalid',
      reason: 'malformed',
    })
  })
})

describe('Verification: GOST signatures', () => {
  let stub: NcanodeStub
  beforeAll(async () => {
    stub = await startNcanodeStub()
  })
  afterAll(() => stub.close())

  it('without NCANODE_URL the app says it cannot check them', async () => {
    const signature = relabelAsGost(
      (
        (await signHashesWithDemoPki(db, { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [snapshotHash] }, now)) as {
          signatures: string[]
        }
      ).signatures[0]!,
    )
    expect(
      await verifyDocumentSignature({ signature, snapshotHash, expectedSignerIin: doctorIin }, db, { now, ncanodeUrl: null }),
    ).toEqual({
      status: 'unsupported',
      reason: 'gost_without_ncanode',
    })
  })

  it('with NCANODE_URL they go to NCANode, with the hash bytes as the detached data', async () => {
    const signature = relabelAsGost(
      (
        (await signHashesWithDemoPki(db, { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [snapshotHash] }, now)) as {
          signatures: string[]
        }
      ).signatures[0]!,
    )
    const check = await verifyDocumentSignature({ signature, snapshotHash, expectedSignerIin: '850101300111' }, db, {
      now,
      ncanodeUrl: `${stub.url}/valid`,
    })
    expect(check).toMatchObject({ status: 'valid', signer: { iin: '850101300111' }, signedAt: now })
    expect(stub.requests.at(-1)?.body).toMatchObject({
      cms: signature,
      data: Buffer.from(snapshotHash, 'hex').toString('base64'),
    })
  })
})

import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { documents, loginAttempts, notifications, staff } from '@/db/schema'
import { listDocumentsAwaitingSignature } from '@/lib/documents/inbox'
import { signWithDemoPki, submitExternalSignatures } from '@/lib/documents/sign'
import { makeIin } from '@/lib/iin'
import { signHashesWithDemoPki } from '@/lib/signing/demo-pki'
import { verifyDocumentSignature } from '@/lib/signing/verify'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let doctorIin: string
const pin = process.env.DEMO_SIGNING_PIN || '123456'
let serial = 700

async function giveIin(staffId: number): Promise<string> {
  const iin = makeIin({ birthDate: '1979-02-03', sex: 'female', serial: serial++ })
  await db.update(staff).set({ iin }).where(eq(staff.id, staffId))
  return iin
}

// Three approvals, each submitted a day later than the one before, so their deadlines are in that order.
async function approvedNotices(count: number, startDay = 23): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const context: EngineContext = {
      now: new Date(`2026-11-${startDay + i}T05:00:00Z`),
      address: '127.0.0.1',
      overrides: [],
    }
    const patient = await makePatient(db, { lastName: 'Жұмабаева', firstName: 'Ұлжан' })
    const submitted = await submitAttachment(db, patient.actor, { clinic, sectionIndex: 0 }, context)
    if (!submitted.ok) throw new Error(submitted.code)
    const decided = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      context,
    )
    if (!decided.ok) throw new Error(decided.code)
    const [notice] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.requestId, submitted.data.requestId), eq(documents.kind, 'attachment_notice')))
    ids.push(notice!.id)
  }
  return ids
}

const statusOf = async (ids: string[]) =>
  (await db.select({ id: documents.id, status: documents.status }).from(documents).where(inArray(documents.id, ids)))
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((row) => row.status)

const now = new Date('2026-11-26T06:00:00Z')
const context = { now, address: '127.0.0.1' }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Inbox clinic')
  doctorIin = await giveIin(clinic.staff.doctor.id)
  await giveIin(clinic.staff.registrar.id)
})

describe('Issue 6: the signing inbox', () => {
  it('lists what awaits this signer, oldest deadline first, and nothing of anyone else', async () => {
    const ids = await approvedNotices(3)
    const inbox = await listDocumentsAwaitingSignature(db, clinic.staff.doctor, listView())
    const mine = inbox.filter((row) => ids.includes(row.id)).map((row) => row.id)
    expect(mine).toEqual(ids)
    expect(inbox.every((row) => row.kind === 'attachment_notice')).toBe(true)
    // The coupons of the same approvals wait for the registrar, not the doctor.
    const registrars = await listDocumentsAwaitingSignature(db, clinic.staff.registrar, listView())
    expect(registrars.some((row) => ids.includes(row.id))).toBe(false)
    expect(registrars.filter((row) => row.kind === 'coupon_064e').length).toBeGreaterThanOrEqual(3)
  })

  it('signs three documents in one batch with one PIN; each verifies as its signer’s; the patients are told once their coupons are signed too', async () => {
    const ids = await approvedNotices(3, 24)
    const result = await signWithDemoPki(db, clinic.staff.doctor, { documentIds: ids, pin }, context)
    expect(result).toEqual({ ok: true, data: { signed: 3 } })
    expect(await statusOf(ids)).toEqual(['issued', 'issued', 'issued'])
    const rows = await db.select().from(documents).where(inArray(documents.id, ids))
    for (const row of rows) {
      const check = await verifyDocumentSignature(
        { signature: row.signature!, snapshotHash: row.snapshotHash, expectedSignerIin: doctorIin },
        db,
        { now },
      )
      expect(check).toMatchObject({ status: 'valid', signer: { iin: doctorIin } })
      expect(row.signerCertificate).toMatchObject({ iin: doctorIin })
    }
    const requestIds = rows.map((row) => row.requestId!)
    const told = async () =>
      (
        await db
          .select({ template: notifications.template })
          .from(notifications)
          .where(inArray(notifications.requestId, requestIds))
      ).filter((row) => row.template === 'documentReady')
    // Each request's coupon still waits for the registrar: nobody is told yet.
    expect(await told()).toHaveLength(0)
    const coupons = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(inArray(documents.requestId, requestIds), eq(documents.kind, 'coupon_064e')))
    expect(coupons).toHaveLength(3)
    expect(
      await signWithDemoPki(db, clinic.staff.registrar, { documentIds: coupons.map((row) => row.id), pin }, context),
    ).toEqual({ ok: true, data: { signed: 3 } })
    // The last of a request's documents is issued: one "documents ready" SMS per request, not one per document.
    expect(await told()).toHaveLength(3)

    // Replayed (a double click): nothing is signed twice.
    expect(await signWithDemoPki(db, clinic.staff.doctor, { documentIds: ids, pin }, context)).toMatchObject({
      ok: false,
      code: 'errors.document.notAwaitingSignature',
    })
  })

  it('a wrong PIN signs nothing and is counted; another person’s document is refused before the PIN is tried', async () => {
    const ids = await approvedNotices(2, 25)
    const before = await db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.key, `pin:${clinic.staff.doctor.id}`))
    expect(await signWithDemoPki(db, clinic.staff.doctor, { documentIds: ids, pin: '000000' }, context)).toMatchObject({
      ok: false,
      code: 'errors.signing.wrongPin',
      fieldErrors: { pin: 'errors.signing.wrongPin' },
    })
    expect(await statusOf(ids)).toEqual(['awaiting_signature', 'awaiting_signature'])
    const after = await db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.key, `pin:${clinic.staff.doctor.id}`))
    expect(after.length).toBe(before.length + 1)

    // The registrar may not sign the doctor's notices, and her PIN is not spent on trying.
    const registrarAttempts = () =>
      db
        .select()
        .from(loginAttempts)
        .where(eq(loginAttempts.key, `pin:${clinic.staff.registrar.id}`))
    const spent = (await registrarAttempts()).length
    expect(await signWithDemoPki(db, clinic.staff.registrar, { documentIds: ids, pin: '000000' }, context)).toMatchObject({
      ok: false,
      code: 'errors.document.notSigner',
      documentId: ids[0],
    })
    expect((await registrarAttempts()).length).toBe(spent)
    // The doctor's right PIN still works (one wrong PIN is far from the lock).
    expect(await signWithDemoPki(db, clinic.staff.doctor, { documentIds: ids, pin }, context)).toMatchObject({ ok: true })
  })

  it('NCALayer path: a signature by someone other than the named signer is refused and nothing changes', async () => {
    const [id] = await approvedNotices(1, 26)
    const [row] = await db.select().from(documents).where(eq(documents.id, id!))
    // The registrar signs the doctor's document with her own (valid, trusted) key: the signer does not match.
    const foreign = await signHashesWithDemoPki(
      db,
      { staffId: clinic.staff.registrar.id, pin, snapshotHashes: [row!.snapshotHash] },
      now,
    )
    if (!foreign.ok) throw new Error(foreign.error)
    expect(
      await submitExternalSignatures(db, clinic.staff.doctor, [{ documentId: id!, signature: foreign.signatures[0]! }], context),
    ).toMatchObject({ ok: false, code: 'errors.document.signatureInvalid', documentId: id })
    expect(await statusOf([id!])).toEqual(['awaiting_signature'])

    // The doctor's own signature over another document's hash does not fit this one either.
    const [other] = await approvedNotices(1, 27)
    const [otherRow] = await db.select().from(documents).where(eq(documents.id, other!))
    const wrongHash = await signHashesWithDemoPki(
      db,
      { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [otherRow!.snapshotHash] },
      now,
    )
    if (!wrongHash.ok) throw new Error(wrongHash.error)
    expect(
      await submitExternalSignatures(
        db,
        clinic.staff.doctor,
        [{ documentId: id!, signature: wrongHash.signatures[0]! }],
        context,
      ),
    ).toMatchObject({ ok: false, code: 'errors.document.signatureInvalid' })

    // Its own signature over its own hash goes through.
    const own = await signHashesWithDemoPki(
      db,
      { staffId: clinic.staff.doctor.id, pin, snapshotHashes: [row!.snapshotHash] },
      now,
    )
    if (!own.ok) throw new Error(own.error)
    expect(
      await submitExternalSignatures(db, clinic.staff.doctor, [{ documentId: id!, signature: own.signatures[0]! }], context),
    ).toEqual({ ok: true, data: { signed: 1 } })
    expect(await statusOf([id!])).toEqual(['issued'])
  })
})

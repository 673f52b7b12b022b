import { randomUUID } from 'node:crypto'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, documents, notifications, requestEvents, requests } from '@/db/schema'
import type { StaffActor } from '@/lib/auth/actor'
import { snapshotHash } from '@/lib/documents/canonical'
import { applySignatures, refuseToSign, revokeDocument, supersedeDocument } from '@/lib/documents/lifecycle'
import { getDeskPrintForStaff, getDocumentPdfForPatient, listRequestDocumentsForPatient } from '@/lib/documents/queries'
import type { SignatureCheck } from '@/lib/documents/signature-check'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { getRequestForPatient, listQueue } from '@/lib/requests/queries'
import { submitFamilyAttachment } from '@/lib/services/attachment/family'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty.
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
})

// A valid answer from lib/signing, shaped as the contract fixes it (the cryptography is tested there).
function validCheck(commonName: string, signedAt = new Date('2026-11-24T06:30:00Z')): SignatureCheck {
  return {
    status: 'valid',
    signer: {
      commonName,
      iin: '870101400123',
      organization: null,
      subject: `CN=${commonName}, SERIALNUMBER=IIN870101400123, C=KZ`,
      issuer: 'CN=Tirkeu demo CA, C=KZ',
      certificateSerial: '0a1b2c',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
    },
    signedAt,
  }
}
const fakeSignature = 'MIIB' + 'A'.repeat(40)

async function decided(operation: 'approve' | 'refuse', options: { sectionIndex?: number | null; at?: TestClinic } = {}) {
  const at = options.at ?? clinic
  const patient = await makePatient(db, { lastName: 'Құрманова', firstName: 'Әйгерім' })
  const submitted = await submitAttachment(
    db,
    patient.actor,
    { clinic: at, sectionIndex: options.sectionIndex === undefined ? 0 : options.sectionIndex },
    context,
  )
  if (!submitted.ok) throw new Error(submitted.code)
  const input =
    operation === 'approve'
      ? { operation, requestId: submitted.data.requestId, version: 1 }
      : {
          operation,
          requestId: submitted.data.requestId,
          version: 1,
          ground: 'unreliable_documents',
          reason: 'Жеке куәліктегі тегі өтініштегіге сәйкес келмейді.',
        }
  const result = await transitionRequest(db, at.staff.registrar, input, context)
  if (!result.ok) throw new Error(result.code)
  return { patient, requestId: submitted.data.requestId, requestNumber: submitted.data.number }
}

const documentsOf = (requestId: string) =>
  db.select().from(documents).where(eq(documents.requestId, requestId)).orderBy(asc(documents.kind), asc(documents.createdAt))

const documentOf = async (requestId: string, kind: string) => (await documentsOf(requestId)).find((d) => d.kind === kind)!

describe('Issue 6: a decision creates its documents in the same transaction, awaiting their signers', () => {
  it('approval makes the attachment notice (the section’s doctor signs) and the 064/e coupon (the registrar signs)', async () => {
    const { requestId, patient } = await decided('approve')
    const rows = await documentsOf(requestId)
    expect(rows.map((row) => [row.kind, row.status, row.signerId])).toEqual([
      ['attachment_notice', 'awaiting_signature', clinic.staff.doctor.id],
      ['coupon_064e', 'awaiting_signature', clinic.staff.registrar.id],
    ])
    for (const row of rows) {
      expect(row.patientId).toBe(patient.id)
      expect(row.organizationId).toBe(clinic.organizationId)
      expect(row.snapshotHash).toBe(snapshotHash(row.snapshot))
      expect(row.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/)
    }
    const coupon = rows[1]!.snapshot
    expect(coupon).toMatchObject({
      kind: 'coupon_064e',
      issuedOn: '2026-11-24',
      section: '1',
      doctor: 'doctor surname Name',
      registrar: 'registrar surname Name',
      attachedFrom: '2026-11-24',
      patient: { iin: patient.iin, lastName: 'Құрманова', firstName: 'Әйгерім' },
      basis: { kk: 'Тұрғылықты жерін ауыстыру', ru: 'Смена места жительства' },
    })
    const audits = await db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'document.create'), eq(auditLog.patientId, patient.id)))
    expect(audits.map((a) => a.entityId).sort()).toEqual(rows.map((row) => row.id).sort())
  })

  it('numbers run 1, 2, … per clinic and kind', async () => {
    const fresh = await makeClinic(db, 'Numbering clinic')
    const first = await decided('approve', { at: fresh })
    const second = await decided('approve', { at: fresh })
    const elsewhere = await makeClinic(db, 'Another numbering clinic')
    const third = await decided('approve', { at: elsewhere })
    const refused = await decided('refuse', { at: fresh })
    expect((await documentsOf(first.requestId)).map((d) => d.number)).toEqual(['1', '1'])
    expect((await documentsOf(second.requestId)).map((d) => d.number)).toEqual(['2', '2'])
    expect((await documentsOf(third.requestId)).map((d) => d.number)).toEqual(['1', '1'])
    expect((await documentsOf(refused.requestId)).map((d) => d.number)).toEqual(['1'])
  })

  it('concurrent approvals at one clinic get distinct consecutive numbers', async () => {
    const fresh = await makeClinic(db, 'Busy clinic')
    const pending = []
    for (let i = 0; i < 6; i++) {
      const patient = await makePatient(db)
      const submitted = await submitAttachment(db, patient.actor, { clinic: fresh, sectionIndex: 0 }, context)
      if (!submitted.ok) throw new Error(submitted.code)
      pending.push(submitted.data.requestId)
    }
    const results = await Promise.all(
      pending.map((requestId) =>
        transitionRequest(db, fresh.staff.registrar, { operation: 'approve', requestId, version: 1 }, context),
      ),
    )
    expect(results.every((result) => result.ok)).toBe(true)
    const coupons = await db
      .select({ number: documents.number })
      .from(documents)
      .where(and(eq(documents.organizationId, fresh.organizationId), eq(documents.kind, 'coupon_064e')))
    expect(coupons.map((c) => Number(c.number)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('a section without a doctor: the deciding registrar signs the attachment notice', async () => {
    const { requestId } = await decided('approve', { sectionIndex: 1 })
    expect((await documentOf(requestId, 'attachment_notice')).signerId).toBe(clinic.staff.registrar.id)
  })

  it('refusal makes the refusal notice with the ground in both languages and the reason, signed by the registrar', async () => {
    const { requestId } = await decided('refuse')
    const rows = await documentsOf(requestId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ kind: 'refusal_notice', status: 'awaiting_signature', signerId: clinic.staff.registrar.id })
    expect(rows[0]!.snapshot).toMatchObject({
      decision: 'refused',
      refusal: {
        ground: 'unreliable_documents',
        title: { kk: 'Құжаттар немесе деректер анық емес', ru: 'Недостоверные документы или сведения' },
        reason: 'Жеке куәліктегі тегі өтініштегіге сәйкес келмейді.',
      },
      signer: { name: 'registrar surname Name', role: 'registrar' },
    })
  })

  it('p.30: a family decision makes the documents of every member', async () => {
    const attachTo = { organizationId: other.organizationId }
    const mother = await makePatient(db, { birthDate: '1990-02-02', attachTo })
    const father = await makePatient(db, { birthDate: '1988-07-07', sex: 'male', attachTo })
    const identity = (number: string) => ({ documentKind: 'identity_card', documentNumber: number, documentIssuer: 'ҚР ІІМ' })
    const family = await submitFamilyAttachment(
      db,
      clinic.staff.registrar,
      {
        idempotencyKey: randomUUID(),
        application: {
          clinicId: String(clinic.organizationId),
          address: 'Ақтау қ., 12 шағын аудан, 5 үй',
          basis: 'residence_change',
          writtenConsent: true,
          openedAt: '2026-11-24T04:50:00.000Z',
          members: [
            { patientId: String(mother.id), sectionId: String(clinic.sectionIds[0]), ...identity('045612301') },
            { patientId: String(father.id), sectionId: String(clinic.sectionIds[0]), ...identity('045612302') },
          ],
        },
      },
      context,
    )
    if (!family.ok) throw new Error(family.code)
    const [first] = family.data.requests
    const result = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: first!.requestId, version: 1 },
      context,
    )
    expect(result.ok).toBe(true)
    const rows = await db
      .select({ patientId: documents.patientId, kind: documents.kind })
      .from(documents)
      .where(
        inArray(
          documents.requestId,
          family.data.requests.map((r) => r.requestId),
        ),
      )
    expect(
      rows
        .filter((row) => row.patientId === mother.id)
        .map((row) => row.kind)
        .sort(),
    ).toEqual(['attachment_notice', 'coupon_064e', 'written_application'])
    expect(
      rows
        .filter((row) => row.patientId === father.id)
        .map((row) => row.kind)
        .sort(),
    ).toEqual(['attachment_notice', 'coupon_064e', 'written_application'])
  })
})

describe('Issue 6: nothing in a document’s snapshot changes (refused by trigger)', () => {
  // drizzle wraps the server's error; the trigger's own message is its cause.
  const refusedAsFrozen = async (statement: ReturnType<typeof sql>) => {
    const error = await db.execute(statement).then(
      () => null,
      (failure: unknown) => failure as Error & { cause?: Error },
    )
    expect(error?.cause?.message ?? error?.message).toMatch(/is frozen/)
  }

  it('its snapshot, hash and number cannot be changed, nor a stored signature replaced; its status still moves', async () => {
    const { requestId } = await decided('approve')
    const notice = await documentOf(requestId, 'attachment_notice')
    await refusedAsFrozen(sql`update documents set snapshot = jsonb_set(snapshot, '{number}', '"999"') where id = ${notice.id}`)
    await refusedAsFrozen(sql`update documents set number = '999' where id = ${notice.id}`)
    await refusedAsFrozen(sql`update documents set snapshot_hash = ${'0'.repeat(64)} where id = ${notice.id}`)
    await db.transaction((tx) =>
      applySignatures(tx, clinic.staff.doctor.id, [{ documentId: notice.id, signature: fakeSignature }], [validCheck('DOCTOR')]),
    )
    await refusedAsFrozen(sql`update documents set signature = ${'MIIC' + 'B'.repeat(40)} where id = ${notice.id}`)
    const [row] = await db.select().from(documents).where(eq(documents.id, notice.id))
    expect(row).toMatchObject({
      status: 'issued',
      signature: fakeSignature,
      snapshotHash: notice.snapshotHash,
      number: notice.number,
    })
  })
})

describe('Issue 6: signing issues the document to the patient', () => {
  it('a valid signature marks it signed and issued, records event and audit; the “document ready” SMS goes once the request’s last document is issued', async () => {
    const { requestId, requestNumber, patient } = await decided('approve')
    const notice = await documentOf(requestId, 'attachment_notice')
    const result = await db.transaction((tx) =>
      applySignatures(
        tx,
        clinic.staff.doctor.id,
        [{ documentId: notice.id, signature: fakeSignature }],
        [validCheck('DOCTOR SURNAME')],
        {
          now: new Date('2026-11-24T06:31:00Z'),
        },
      ),
    )
    expect(result).toEqual({ ok: true, data: { issued: [{ documentId: notice.id, requestId, number: notice.number }] } })
    const [row] = await db.select().from(documents).where(eq(documents.id, notice.id))
    expect(row).toMatchObject({
      status: 'issued',
      signature: fakeSignature,
      signedAt: new Date('2026-11-24T06:30:00Z'),
      version: notice.version + 2,
      signerCertificate: {
        commonName: 'DOCTOR SURNAME',
        subject: 'CN=DOCTOR SURNAME, SERIALNUMBER=IIN870101400123, C=KZ',
        issuer: 'CN=Tirkeu demo CA, C=KZ',
        certificateSerial: '0a1b2c',
        iin: '870101400123',
      },
    })
    const events = await db
      .select({ type: requestEvents.type, data: requestEvents.data })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, 'document_issued')))
    expect(events).toEqual([
      { type: 'document_issued', data: { documentId: notice.id, kind: 'attachment_notice', number: notice.number } },
    ])
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'document'), eq(auditLog.entityId, notice.id)))
      .orderBy(asc(auditLog.id))
    expect(audits.map((a) => a.action)).toEqual(['document.create', 'document.sign', 'document.issue'])
    const ready = () =>
      db
        .select({ template: notifications.template, body: notifications.body, patientId: notifications.patientId })
        .from(notifications)
        .where(and(eq(notifications.requestId, requestId), eq(notifications.template, 'documentReady')))
    // The coupon still waits for the registrar: the patient is told once, when the request's last document is issued.
    expect(await ready()).toEqual([])
    const coupon = await documentOf(requestId, 'coupon_064e')
    const couponSigned = await db.transaction((tx) =>
      applySignatures(
        tx,
        clinic.staff.registrar.id,
        [{ documentId: coupon.id, signature: fakeSignature }],
        [validCheck('REGISTRAR SURNAME')],
        { now: new Date('2026-11-24T06:40:00Z') },
      ),
    )
    expect(couponSigned.ok).toBe(true)
    const sms = await ready()
    expect(sms).toEqual([
      {
        template: 'documentReady',
        body: `Tirkeu: №${requestNumber} өтінім бойынша құжатқа қол қойылды. Оны өтінім бетінен жүктеп алыңыз.`,
        patientId: patient.id,
      },
    ])
  })

  it('an invalid, unsupported or unavailable check, another signer, or a second signing changes nothing', async () => {
    const { requestId } = await decided('approve')
    const notice = await documentOf(requestId, 'attachment_notice')
    const coupon = await documentOf(requestId, 'coupon_064e')
    const attempt = (signer: number, ids: string[], checks: SignatureCheck[]) =>
      db.transaction((tx) =>
        applySignatures(
          tx,
          signer,
          ids.map((documentId) => ({ documentId, signature: fakeSignature })),
          checks,
        ),
      )
    expect(await attempt(clinic.staff.doctor.id, [notice.id], [{ status: 'invalid', reason: 'hash_mismatch' }])).toMatchObject({
      ok: false,
      code: 'errors.document.signatureInvalid',
    })
    expect(
      await attempt(clinic.staff.doctor.id, [notice.id], [{ status: 'unsupported', reason: 'gost_without_ncanode' }]),
    ).toMatchObject({
      ok: false,
      code: 'errors.document.signatureUnsupported',
    })
    expect(
      await attempt(clinic.staff.doctor.id, [notice.id], [{ status: 'unavailable', reason: 'ncanode_error' }]),
    ).toMatchObject({
      ok: false,
      code: 'errors.document.signatureUnavailable',
    })
    // The registrar signs the coupon, not the doctor's notice: a batch with one foreign document signs none.
    expect(
      await attempt(clinic.staff.registrar.id, [coupon.id, notice.id], [validCheck('REGISTRAR'), validCheck('REGISTRAR')]),
    ).toMatchObject({ ok: false, code: 'errors.document.notSigner', documentId: notice.id })
    expect(await attempt(clinic.staff.doctor.id, [notice.id], [])).toMatchObject({ ok: false, code: 'errors.invalidInput' })
    for (const row of await documentsOf(requestId))
      expect(row).toMatchObject({ status: 'awaiting_signature', signature: null, version: 1 })
    expect(await attempt(clinic.staff.registrar.id, [coupon.id], [validCheck('REGISTRAR')])).toMatchObject({ ok: true })
    expect(await attempt(clinic.staff.registrar.id, [coupon.id], [validCheck('REGISTRAR')])).toMatchObject({
      ok: false,
      code: 'errors.document.notAwaitingSignature',
    })
  })

  it('the patient downloads only issued documents of their own, and the download is audited', async () => {
    const { requestId, patient } = await decided('approve')
    const coupon = await documentOf(requestId, 'coupon_064e')
    expect(await getDocumentPdfForPatient(db, patient.actor, coupon.id, null)).toBeNull()
    expect((await listRequestDocumentsForPatient(db, patient.actor, requestId)).map((d) => d.status)).toEqual([
      'awaiting_signature',
      'awaiting_signature',
    ])
    await db.transaction((tx) =>
      applySignatures(
        tx,
        clinic.staff.registrar.id,
        [{ documentId: coupon.id, signature: fakeSignature }],
        [validCheck('REGISTRAR')],
      ),
    )
    const pdf = await getDocumentPdfForPatient(db, patient.actor, coupon.id, '10.0.0.1')
    expect(pdf?.fileName).toBe(`coupon-064e-${coupon.number}.pdf`)
    expect(Buffer.from(pdf!.bytes).subarray(0, 5).toString()).toBe('%PDF-')
    const stranger = await makePatient(db)
    expect(await getDocumentPdfForPatient(db, stranger.actor, coupon.id, null)).toBeNull()
    const downloads = await db
      .select({ actorId: auditLog.actorId, address: auditLog.address })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'document.download'), eq(auditLog.entityId, coupon.id)))
    expect(downloads).toEqual([{ actorId: patient.id, address: '10.0.0.1' }])
    // The registrar's print route now draws the coupon document, with its signature band.
    const printed = await getDeskPrintForStaff(db, clinic.staff.registrar, requestId, null)
    expect(Buffer.from(printed!.bytes).equals(Buffer.from(pdf!.bytes))).toBe(true)
    expect(await getDeskPrintForStaff(db, other.staff.registrar, requestId, null)).toBeNull()
  })
})

describe('Issue 6: a signer may send a document back; the registrar corrects it', () => {
  it('refusing to sign returns the document to draft, records the reason and puts the request in the queue', async () => {
    const { requestId, requestNumber, patient } = await decided('approve')
    const notice = await documentOf(requestId, 'attachment_notice')
    const doctor = clinic.staff.doctor
    expect(await db.transaction((tx) => refuseToSign(tx, clinic.staff.registrar, notice.id, 'Учаске дұрыс емес.'))).toMatchObject(
      {
        ok: false,
        code: 'errors.document.notSigner',
      },
    )
    expect(await db.transaction((tx) => refuseToSign(tx, doctor, notice.id, ' '))).toMatchObject({
      ok: false,
      code: 'errors.document.reasonRequired',
    })
    expect(await db.transaction((tx) => refuseToSign(tx, doctor, notice.id, 'Учаске дұрыс емес.', { version: 7 }))).toMatchObject(
      {
        ok: false,
        code: 'errors.document.stale',
      },
    )
    expect((await documentOf(requestId, 'attachment_notice')).status).toBe('awaiting_signature')

    const result = await db.transaction((tx) => refuseToSign(tx, doctor, notice.id, 'Учаске дұрыс емес.', { version: 1 }))
    expect(result).toEqual({ ok: true, data: { requestId, version: 2 } })
    expect((await documentOf(requestId, 'attachment_notice')).status).toBe('draft')
    const [event] = await db
      .select({ data: requestEvents.data, actorId: requestEvents.actorId })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, 'document_returned')))
    expect(event).toEqual({
      actorId: doctor.id,
      data: { documentId: notice.id, kind: 'attachment_notice', number: notice.number, reason: 'Учаске дұрыс емес.' },
    })
    const queue = await listQueue(db, clinic.staff.registrar, {}, listView())
    expect(queue.find((row) => row.id === requestId)).toMatchObject({
      number: requestNumber,
      status: 'approved',
      returnedDocuments: 1,
    })
    // The patient sees neither the draft nor the signer's reason.
    expect((await listRequestDocumentsForPatient(db, patient.actor, requestId)).map((d) => d.kind)).toEqual(['coupon_064e'])
    const seen = await getRequestForPatient(db, patient.actor, requestId)
    expect(seen!.timeline.map((e) => e.type)).not.toContain('document_returned')

    // The correction: a new notice, numbered anew, awaiting the doctor; the returned one stays in the history.
    const corrected = await db.transaction((tx) => supersedeDocument(tx, clinic.staff.registrar, notice.id, { version: 2 }))
    if (!corrected.ok) throw new Error(corrected.code)
    const [successor] = await db.select().from(documents).where(eq(documents.id, corrected.data.documentId))
    expect(successor).toMatchObject({
      kind: 'attachment_notice',
      status: 'awaiting_signature',
      supersedesId: notice.id,
      signerId: doctor.id,
    })
    expect(successor!.number).not.toBe(notice.number)
    expect((await documentOf(requestId, 'attachment_notice')).status).toBe('draft')
    expect((await listQueue(db, clinic.staff.registrar, {}, listView())).some((row) => row.id === requestId)).toBe(false)
    expect(await db.transaction((tx) => supersedeDocument(tx, clinic.staff.registrar, notice.id))).toMatchObject({
      ok: false,
      code: 'errors.document.alreadySuperseded',
    })
  })
})

describe('Issue 6: the head or chief physician revokes a document, with a reason', () => {
  const revoke = (actor: StaffActor, documentId: string, reason: string, version?: number) =>
    db.transaction((tx) => revokeDocument(tx, actor, documentId, reason, { version, now: new Date('2026-11-25T05:00:00Z') }))

  it('needs a reason and the role; a registrar or another clinic’s head changes nothing', async () => {
    const { requestId } = await decided('approve')
    const coupon = await documentOf(requestId, 'coupon_064e')
    await db.transaction((tx) =>
      applySignatures(
        tx,
        clinic.staff.registrar.id,
        [{ documentId: coupon.id, signature: fakeSignature }],
        [validCheck('REGISTRAR')],
      ),
    )
    expect(await revoke(clinic.staff.head, coupon.id, '  ')).toMatchObject({ ok: false, code: 'errors.document.reasonRequired' })
    expect(await revoke(clinic.staff.registrar, coupon.id, 'Қате учаске көрсетілген.')).toMatchObject({
      ok: false,
      code: 'errors.document.notAllowed',
    })
    expect(await revoke(clinic.staff.doctor, coupon.id, 'Қате учаске көрсетілген.')).toMatchObject({
      ok: false,
      code: 'errors.document.notAllowed',
    })
    expect(await revoke(other.staff.head, coupon.id, 'Қате учаске көрсетілген.')).toMatchObject({
      ok: false,
      code: 'errors.document.notFound',
    })
    expect(await revoke(clinic.staff.head, coupon.id, 'Қате учаске көрсетілген.', 1)).toMatchObject({
      ok: false,
      code: 'errors.document.stale',
    })
    expect((await documentOf(requestId, 'coupon_064e')).status).toBe('issued')

    expect(await revoke(clinic.staff.chief, coupon.id, 'Қате учаске көрсетілген.', 3)).toEqual({
      ok: true,
      data: { requestId, version: 4 },
    })
    expect(await documentOf(requestId, 'coupon_064e')).toMatchObject({
      status: 'revoked',
      revokedBy: clinic.staff.chief.id,
      revokedReason: 'Қате учаске көрсетілген.',
      revokedAt: new Date('2026-11-25T05:00:00Z'),
      // The signature stays: the verification page shows who signed what was revoked.
      signature: fakeSignature,
    })
    expect(await revoke(clinic.staff.head, coupon.id, 'Тағы да.')).toMatchObject({
      ok: false,
      code: 'errors.document.alreadyRevoked',
    })
    const [audit] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'document.revoke'), eq(auditLog.entityId, coupon.id)))
    expect(audit!.details).toMatchObject({ reason: 'Қате учаске көрсетілген.' })
    // A revoked document is no longer the patient's to download, and the coupon print falls back to the request.
    expect(await getDeskPrintForStaff(db, clinic.staff.registrar, requestId, null)).toBeNull()
    const status = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId))
    expect(status).toEqual([{ status: 'approved' }])
  })
})

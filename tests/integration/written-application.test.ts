import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { auditLog, documentCounters, documents, notifications, requestEvents, requests } from '@/db/schema'
import { listDocumentsAwaitingSignature } from '@/lib/documents/inbox'
import { supersedeDocument } from '@/lib/documents/lifecycle'
import {
  getDocumentPdfForPatient,
  getDocumentPdfForStaff,
  listRequestDocumentsForPatient,
  listRequestDocumentsForStaff,
} from '@/lib/documents/queries'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { submitFamilyAttachment } from '@/lib/services/attachment/family'
import { verifyByCode } from '@/lib/verification/lookup'
import { freshDb } from './db'
import { listView, makeClinic, makePatient, makeRepresentative, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
// Tuesday 24 November 2026, 17:59 in Almaty.
const context: EngineContext = { now: new Date('2026-11-24T12:59:00Z'), address: '10.0.0.7', overrides: [] }

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
})

const pensionerDesk = {
  category: 'pensioner',
  documentKind: 'pension_certificate',
  documentNumber: 'ПК-0457812',
  documentIssuer: 'ЗТМО Маңғыстау облыстық филиалы',
  phone: '',
  phoneConsent: false,
}

function deskSubmit(patientId: number, options: { key?: string; payload?: Record<string, unknown> } = {}) {
  return submitRequest(
    db,
    clinic.staff.registrar,
    {
      service: 'attachment',
      channel: 'desk',
      idempotencyKey: options.key ?? randomUUID(),
      payload: {
        patientId: String(patientId),
        clinicId: String(clinic.organizationId),
        sectionId: String(clinic.sectionIds[0]),
        address: 'Ақтау қ., 7 шағын аудан, 3 үй',
        basis: 'residence_change',
        desk: pensionerDesk,
        ...options.payload,
      },
    },
    context,
  )
}

const applicationsOf = (requestIds: string[]) =>
  db
    .select()
    .from(documents)
    .where(and(inArray(documents.requestId, requestIds), eq(documents.kind, 'written_application')))
    .orderBy(documents.createdAt, documents.number)

const pdfText = (bytes: Uint8Array) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' }).replace(/\s+/g, ' ')

describe('Rules of attachment p.23: the written application to the chief physician is a document of the request', () => {
  it('a desk submission records exactly one application, issued at once, with what was submitted and who accepted it', async () => {
    const pensioner = await makePatient(db, { birthDate: '1950-03-03', lastName: 'Құрманғазиев', firstName: 'Әбдіқадыр' })
    const result = await deskSubmit(pensioner.id)
    if (!result.ok) throw new Error(result.code)
    const [application, ...more] = await applicationsOf([result.data.requestId])
    expect(more).toHaveLength(0)
    expect(application).toMatchObject({
      organizationId: clinic.organizationId,
      patientId: pensioner.id,
      status: 'issued',
      signerId: null,
      signature: null,
      createdAt: context.now,
    })
    expect(application!.snapshot).toEqual({
      kind: 'written_application',
      number: application!.number,
      issuedOn: '2026-11-24',
      clinic: {
        nameKk: 'Clinic A (kk)',
        nameRu: 'Clinic A (ru)',
        addressKk: 'Ақтау қ., 1 шағын аудан',
        addressRu: 'г. Актау, 1 мкр.',
      },
      patient: {
        iin: pensioner.iin,
        lastName: 'Құрманғазиев',
        firstName: 'Әбдіқадыр',
        middleName: null,
        birthDate: '1950-03-03',
        address: 'Ақтау қ., 7 шағын аудан, 3 үй',
      },
      signer: null,
      request: { number: result.data.number, submittedOn: '2026-11-24' },
      chiefPhysician: 'chief surname Name',
      applicant: { role: 'self' },
      category: { kk: 'Зейнеткер', ru: 'Пенсионер' },
      presented: {
        kind: { kk: 'Зейнеткер куәлігі', ru: 'Пенсионное удостоверение' },
        number: 'ПК-0457812',
        issuer: 'ЗТМО Маңғыстау облыстық филиалы',
      },
      identity: null,
      insurance: null,
      basis: { kk: 'Тұрғылықты жерін ауыстыру', ru: 'Смена места жительства' },
      section: '1',
      acceptedAt: '2026-11-24T12:59:00.000Z',
      registrar: 'registrar surname Name',
    })
    // Created and issued in the submitting transaction, by the registrar, with an event on the request's history.
    const audits = await db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'document'), eq(auditLog.entityId, application!.id)))
    expect(audits.map((row) => row.action).sort()).toEqual(['document.create', 'document.issue'])
    expect(audits.every((row) => row.actorId === clinic.staff.registrar.id)).toBe(true)
    const events = await db
      .select({ type: requestEvents.type })
      .from(requestEvents)
      .where(eq(requestEvents.requestId, result.data.requestId))
    expect(events.map((event) => event.type)).toEqual(['submitted', 'document_recorded'])
  })

  it('is listed on the request’s staff and patient pages from submission on, and never enters the signing inbox', async () => {
    const pensioner = await makePatient(db, { birthDate: '1951-03-03' })
    const result = await deskSubmit(pensioner.id)
    if (!result.ok) throw new Error(result.code)
    const staffList = await listRequestDocumentsForStaff(db, clinic.staff.registrar, result.data.requestId)
    expect(staffList).toEqual([
      expect.objectContaining({ kind: 'written_application', status: 'issued', signerName: null, signedOnPaper: true }),
    ])
    expect(await listRequestDocumentsForPatient(db, pensioner.actor, result.data.requestId)).toEqual([
      expect.objectContaining({ kind: 'written_application', status: 'issued', signedOnPaper: true }),
    ])
    expect(await listRequestDocumentsForStaff(db, other.staff.registrar, result.data.requestId)).toEqual([])
    for (const member of Object.values(clinic.staff)) {
      const inbox = await listDocumentsAwaitingSignature(db, member, listView())
      expect(inbox.map((row) => row.id)).not.toContain(staffList[0]!.id)
    }
    // A decision adds its own documents; the application stays as it was.
    const approved = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: result.data.requestId, version: 1 },
      { ...context, now: new Date('2026-11-25T04:00:00Z') },
    )
    expect(approved.ok).toBe(true)
    const after = await listRequestDocumentsForStaff(db, clinic.staff.registrar, result.data.requestId)
    expect(after.map((row) => [row.kind, row.status])).toEqual([
      ['written_application', 'issued'],
      ['attachment_notice', 'awaiting_signature'],
      ['coupon_064e', 'awaiting_signature'],
    ])
  })

  it('a representative’s application for a child names the representative, who signs it (p.30 para 3)', async () => {
    const mother = await makePatient(db, { birthDate: '1990-02-02', lastName: 'Сәрсенова', firstName: 'Әсел' })
    const child = await makePatient(db, { birthDate: '2018-05-05', phone: null })
    await makeRepresentative(db, child.id, mother.id)
    const result = await deskSubmit(child.id, {
      payload: {
        desk: {
          category: 'born_abroad_child_representative',
          documentKind: 'birth_certificate',
          documentNumber: 'I-МҢ 0457812',
          documentIssuer: 'Консульство РК в Стамбуле',
          phone: '',
          phoneConsent: false,
          representativeIin: mother.iin,
          representation: {
            documentKind: 'birth_certificate',
            documentNumber: 'I-МҚ 0456123',
            documentIssuer: 'Стамбулдағы ҚР консулдығы',
            documentIssuedOn: '2018-06-01',
            identity: { kind: 'identity_card', number: '045612378' },
          },
        },
      },
    })
    if (!result.ok) throw new Error(`${result.code} ${JSON.stringify(result.fieldErrors)}`)
    const [application] = await applicationsOf([result.data.requestId])
    expect(application!.snapshot).toMatchObject({
      applicant: {
        role: 'representative',
        iin: mother.iin,
        name: 'Сәрсенова Әсел',
        proof: {
          document: {
            kind: { kk: 'Баланың туу туралы куәлігі' },
            number: 'I-МҚ 0456123',
            issuer: 'Стамбулдағы ҚР консулдығы',
            issuedOn: '2018-06-01',
          },
          identity: { kind: { kk: 'Жеке куәлік' }, number: '045612378' },
        },
      },
      category: { kk: 'Шетелде туған баланың заңды өкілі', ru: 'Законный представитель ребёнка, рождённого за рубежом' },
    })
  })

  it('a submission through the portal makes none: the electronic application is the application (p.27)', async () => {
    const patient = await makePatient(db)
    const result = await submitAttachment(db, patient.actor, { clinic, sectionIndex: 0 }, context)
    if (!result.ok) throw new Error(result.code)
    expect(await applicationsOf([result.data.requestId])).toHaveLength(0)
    expect(await db.select().from(documents).where(eq(documents.requestId, result.data.requestId))).toHaveLength(0)
  })

  it('a replay of the same idempotency key makes no second application', async () => {
    const pensioner = await makePatient(db, { birthDate: '1952-03-03' })
    const key = randomUUID()
    const first = await deskSubmit(pensioner.id, { key })
    const again = await deskSubmit(pensioner.id, { key })
    if (!first.ok || !again.ok) throw new Error('submission failed')
    expect(again.data).toEqual({ requestId: first.data.requestId, number: first.data.number, replayed: true })
    expect(await applicationsOf([first.data.requestId])).toHaveLength(1)
    expect(await db.select().from(documents).where(eq(documents.patientId, pensioner.id))).toHaveLength(1)
  })

  it('a submission refused by the rules makes none, and no request', async () => {
    const pensioner = await makePatient(db, { birthDate: '1953-03-03' })
    // p.23(1), standard row 7(2): the identity card does not prove a pensioner.
    const refused = await deskSubmit(pensioner.id, { payload: { desk: { ...pensionerDesk, documentKind: 'identity_card' } } })
    expect(refused).toMatchObject({ ok: false, fieldErrors: { 'desk.documentKind': 'errors.desk.documentDoesNotFitCategory' } })
    expect(await db.select().from(requests).where(eq(requests.patientId, pensioner.id))).toHaveLength(0)
    expect(await db.select().from(documents).where(eq(documents.patientId, pensioner.id))).toHaveLength(0)
  })

  it('all or nothing: when the application cannot be recorded, the request, its event, audit row and receipt are not either', async () => {
    const pensioner = await makePatient(db, { birthDate: '1954-03-03' })
    const made = await deskSubmit(pensioner.id)
    if (!made.ok) throw new Error(made.code)
    // Wind the clinic's counter back, so the next application takes a number already given: the insert fails.
    await db
      .update(documentCounters)
      .set({ lastNumber: sql`${documentCounters.lastNumber} - 1` })
      .where(and(eq(documentCounters.organizationId, clinic.organizationId), eq(documentCounters.kind, 'written_application')))
    const second = await makePatient(db, { birthDate: '1955-03-03' })
    await expect(deskSubmit(second.id)).rejects.toThrow()
    expect(await db.select().from(requests).where(eq(requests.patientId, second.id))).toHaveLength(0)
    expect(await db.select().from(auditLog).where(eq(auditLog.patientId, second.id))).toHaveLength(0)
    expect(await db.select().from(notifications).where(eq(notifications.patientId, second.id))).toHaveLength(0)
    await db
      .update(documentCounters)
      .set({ lastNumber: sql`${documentCounters.lastNumber} + 1` })
      .where(and(eq(documentCounters.organizationId, clinic.organizationId), eq(documentCounters.kind, 'written_application')))
    expect((await deskSubmit(second.id)).ok).toBe(true)
  })

  it('a family application records one application per member, each handed in by the consenting member (p.30 para 2)', async () => {
    const mother = await makePatient(db, { birthDate: '1990-02-02', lastName: 'Ержанова', firstName: 'Гүлнар' })
    const father = await makePatient(db, { birthDate: '1988-07-07', sex: 'male' })
    const key = randomUUID()
    const submit = () =>
      submitFamilyAttachment(
        db,
        clinic.staff.registrar,
        {
          idempotencyKey: key,
          application: {
            clinicId: String(clinic.organizationId),
            address: 'Ақтау қ., 12 шағын аудан, 5 үй',
            basis: 'residence_change',
            writtenConsent: true,
            members: [mother, father].map((member, index) => ({
              patientId: String(member.id),
              sectionId: String(clinic.sectionIds[0]),
              documentKind: 'identity_card',
              documentNumber: `04561230${index}`,
              documentIssuer: 'ҚР ІІМ',
            })),
          },
        },
        context,
      )
    const result = await submit()
    if (!result.ok) throw new Error(`${result.code} ${JSON.stringify(result.fieldErrors)}`)
    const ids = result.data.requests.map((request) => request.requestId)
    const applications = await applicationsOf(ids)
    expect(applications.map((row) => [row.requestId, row.patientId, row.status])).toEqual([
      [ids[0], mother.id, 'issued'],
      [ids[1], father.id, 'issued'],
    ])
    expect(applications.map((row) => (row.snapshot as { applicant: unknown }).applicant)).toEqual([
      { role: 'self' },
      { role: 'family', iin: mother.iin, name: 'Ержанова Гүлнар' },
    ])
    expect(applications[1]!.snapshot).toMatchObject({ category: { ru: 'Член семьи (п. 30 ч. 2 Правил)' } })
    // Replayed: none more.
    expect(await submit()).toMatchObject({ ok: true, data: { replayed: true } })
    expect(await applicationsOf(ids)).toHaveLength(2)
  })

  it('prints through the document route’s query: a PDF with the chief physician line and a line to sign; audited', async () => {
    const pensioner = await makePatient(db, { birthDate: '1956-03-03' })
    const result = await deskSubmit(pensioner.id)
    if (!result.ok) throw new Error(result.code)
    const [application] = await applicationsOf([result.data.requestId])
    const pdf = await getDocumentPdfForStaff(db, clinic.staff.registrar, application!.id, '10.0.0.7')
    expect(pdf?.fileName).toBe(`written-application-${application!.number}.pdf`)
    const text = pdfText(pdf!.bytes)
    expect(text).toContain('БАС ДӘРІГЕРДІҢ АТЫНА ЖАЗБАША ӨТІНІШ')
    expect(text).toContain('Clinic A (kk) бас дәрігеріне')
    expect(text).toContain('Главному врачу: Clinic A (ru)')
    expect(text).toContain('Бас дәрігер / Главный врач: chief surname Name')
    expect(text).toContain('24.11.2026 17:59')
    expect(text).toContain('Өтініш беруші / Заявитель')
    expect(text).not.toContain(application!.verificationCode)
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'document.read'), eq(auditLog.entityId, application!.id))),
    ).toHaveLength(1)
    // The patient downloads it from their own request page; another clinic's registrar cannot open it.
    expect(await getDocumentPdfForPatient(db, pensioner.actor, application!.id, null)).not.toBeNull()
    expect(await getDocumentPdfForStaff(db, other.staff.registrar, application!.id, null)).toBeNull()
  })

  it('is not remade as a correction, and its code shows no signature to verify', async () => {
    const pensioner = await makePatient(db, { birthDate: '1957-03-03' })
    const result = await deskSubmit(pensioner.id)
    if (!result.ok) throw new Error(result.code)
    const [application] = await applicationsOf([result.data.requestId])
    expect(
      await db.transaction((tx) => supersedeDocument(tx, clinic.staff.registrar, application!.id, { now: context.now })),
    ).toEqual({ ok: false, code: 'errors.document.notAllowed' })
    const verified = await verifyByCode(db, application!.verificationCode, '10.9.9.9', context.now)
    expect(verified).toMatchObject({ state: 'found', document: { verdict: 'not_signed', signer: null, certificate: null } })
  })
})

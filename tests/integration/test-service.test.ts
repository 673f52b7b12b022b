import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { createTranslator, NextIntlClientProvider } from 'next-intl'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { documents, requests, staff } from '@/db/schema'
import { RequestSummary } from '@/components/requests/request-summary'
import { permissionOf } from '@/lib/auth/authorize'
import { getDocumentPdfForStaff } from '@/lib/documents/queries'
import { signWithDemoPki } from '@/lib/documents/sign'
import { messagesFor, type Translate } from '@/lib/i18n/messages'
import { makeIin } from '@/lib/iin'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { getRequestForPatient, getRequestForStaff } from '@/lib/requests/queries'
import { requestSummary } from '@/lib/requests/summary'
import { documentKindOf, registerServiceForTests, serviceOf, servicesOffered } from '@/lib/services'
import { verifyDocumentSignature } from '@/lib/signing/verify'
import { attachmentCertificateService } from '@/tests/support/services/attachment-certificate'
import certificateKk from '@/tests/support/services/attachment-certificate/messages/kk.json'
import certificateRu from '@/tests/support/services/attachment-certificate/messages/ru.json'
import { freshDb } from './db'
import { makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty.
const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
const pin = process.env.DEMO_SIGNING_PIN || '123456'
const registrarIin = makeIin({ birthDate: '1990-02-03', sex: 'female', serial: 811 })

const ownMessages = { kk: certificateKk, ru: certificateRu }

const scratch = mkdtempSync(path.join(tmpdir(), 'test-service-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
function pdfText(bytes: Uint8Array): string {
  const file = path.join(scratch, `${crypto.randomUUID()}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

// A translator over the merged messages, as next-intl gives the request page one.
function translator(locale: 'kk' | 'ru'): Translate {
  const translate = createTranslator({ locale, messages: messagesFor(locale) })
  return (key, params) => translate(key, params)
}

beforeAll(async () => {
  registerServiceForTests(attachmentCertificateService)
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
  await db.update(staff).set({ iin: registrarIin }).where(eq(staff.id, clinic.staff.registrar.id))
})

describe('A service added as one folder under tests/ runs through the whole app, edited nowhere else', () => {
  it('joins the catalogue with its messages, its document kind and its place in the patient’s list of services', () => {
    expect(serviceOf('testAttachmentCertificate')).toBe(attachmentCertificateService)
    expect(documentKindOf('test_attachment_certificate')?.kind).toBe('test_attachment_certificate')
    expect(messagesFor('ru').services).toHaveProperty(
      'testAttachmentCertificate.name',
      certificateRu.services.testAttachmentCertificate.name,
    )
    expect(servicesOffered('portal', 'patient')).toContainEqual({
      id: 'testAttachmentCertificate',
      href: '/patient/requests/new/test-attachment-certificate',
    })
    expect(servicesOffered('desk', 'registrar').map((service) => service.id)).not.toContain('testAttachmentCertificate')
  })

  it('is submitted, taken, approved (not straight from submitted), rendered to PDF, signed, and shown on the request page', async () => {
    const patient = await makePatient(db, { lastName: 'Сейітова', firstName: 'Гүлнар' })
    const payload = {
      patientId: String(patient.id),
      clinicId: String(clinic.organizationId),
      purpose: 'Жұмыс орнына / по месту работы',
    }

    // A registrar may not ask for it on the patient's behalf: its own `who` says only the patient submits.
    const byRegistrar = await submitRequest(
      db,
      clinic.staff.registrar,
      { service: 'testAttachmentCertificate', channel: 'portal', idempotencyKey: crypto.randomUUID(), payload },
      context,
    )
    expect(byRegistrar).toMatchObject({ ok: false, code: 'errors.request.notAllowed' })
    // Its schema's own message, at the field.
    const empty = await submitRequest(
      db,
      patient.actor,
      {
        service: 'testAttachmentCertificate',
        channel: 'portal',
        idempotencyKey: crypto.randomUUID(),
        payload: { ...payload, purpose: '' },
      },
      context,
    )
    expect(empty).toMatchObject({ ok: false, fieldErrors: { purpose: 'errors.testAttachmentCertificate.purposeRequired' } })

    const submitted = await submitRequest(
      db,
      patient.actor,
      { service: 'testAttachmentCertificate', channel: 'portal', idempotencyKey: crypto.randomUUID(), payload },
      context,
    )
    if (!submitted.ok) throw new Error(submitted.code)
    const requestId = submitted.data.requestId
    const [row] = await db.select().from(requests).where(eq(requests.id, requestId))
    expect(row).toMatchObject({
      service: 'testAttachmentCertificate',
      status: 'submitted',
      organizationId: clinic.organizationId,
    })
    // Its deadline: one working day (Tuesday 10:00 → Wednesday).
    expect(row!.dueAt.getTime()).toBeGreaterThan(context.now.getTime())

    // Two steps: approval needs the request taken first.
    expect(
      await transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId, version: 1 }, context),
    ).toMatchObject({ ok: false, code: 'errors.request.illegalTransition' })
    // Another clinic's registrar does not see it; this clinic's doctor may not take it.
    expect(
      await transitionRequest(db, other.staff.registrar, { operation: 'take', requestId, version: 1 }, context),
    ).toMatchObject({
      ok: false,
      code: 'errors.request.notFound',
    })
    expect(await transitionRequest(db, clinic.staff.head, { operation: 'take', requestId, version: 1 }, context)).toMatchObject({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(
      await transitionRequest(db, clinic.staff.registrar, { operation: 'take', requestId, version: 1 }, context),
    ).toMatchObject({
      ok: true,
      data: { status: 'in_review' },
    })
    expect(
      await transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId, version: 2 }, context),
    ).toMatchObject({
      ok: true,
      data: { status: 'approved' },
    })

    // The approval made its one document, frozen with the purpose, for the registrar who approved to sign.
    const [certificate] = await db.select().from(documents).where(eq(documents.requestId, requestId))
    expect(certificate).toMatchObject({
      kind: 'test_attachment_certificate',
      status: 'awaiting_signature',
      signerId: clinic.staff.registrar.id,
      snapshot: { kind: 'test_attachment_certificate', purpose: 'Жұмыс орнына / по месту работы' },
    })

    // Drawn by the generic renderer from the kind's own layout.
    const unsigned = await getDocumentPdfForStaff(db, clinic.staff.registrar, certificate!.id, null)
    expect(unsigned).not.toBeNull()
    expect(Buffer.from(unsigned!.bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    expect(unsigned!.fileName).toBe(`test-attachment-certificate-${certificate!.number}.pdf`)
    expect(pdfText(unsigned!.bytes)).toContain('СПРАВКА О ПРИКРЕПЛЕНИИ (ТЕСТ)')
    expect(pdfText(unsigned!.bytes)).toContain('Жұмыс орнына / по месту работы')
    expect(pdfText(unsigned!.bytes)).toContain('Ещё не подписан')

    // Signed with the demo PKI: a real CMS signature over the snapshot, issued to the patient.
    expect(await signWithDemoPki(db, clinic.staff.registrar, { documentIds: [certificate!.id], pin }, context)).toEqual({
      ok: true,
      data: { signed: 1 },
    })
    const [issued] = await db
      .select()
      .from(documents)
      .where(and(eq(documents.id, certificate!.id), eq(documents.status, 'issued')))
    expect(issued).toBeDefined()
    expect(
      await verifyDocumentSignature(
        { signature: issued!.signature!, snapshotHash: issued!.snapshotHash, expectedSignerIin: registrarIin },
        db,
        { now: context.now },
      ),
    ).toMatchObject({ status: 'valid', signer: { iin: registrarIin } })
    const signedPdf = await getDocumentPdfForStaff(db, clinic.staff.registrar, certificate!.id, null)
    expect(pdfText(signedPdf!.bytes)).toContain(`Код проверки: ${issued!.verificationCode}`)

    // The generic request page: the staff's and the patient's view, worded by the service's summary in each language.
    const forStaff = await getRequestForStaff(db, clinic.staff.registrar, requestId, null)
    const forPatient = await getRequestForPatient(db, patient.actor, requestId)
    expect(forStaff?.status).toBe('approved')
    expect(forPatient?.service).toBe('testAttachmentCertificate')
    for (const locale of ['kk', 'ru'] as const) {
      const summary = await requestSummary(db, forStaff!, translator(locale), locale)
      expect(summary.rows).toEqual([
        { label: ownMessages[locale].testAttachmentCertificate.purpose, value: 'Жұмыс орнына / по месту работы' },
      ])
      expect(summary.grounds.map((ground) => ground.code)).toEqual(['not_attached'])
      // The shared request page's summary, rendered as the page renders it.
      const html = renderToStaticMarkup(
        createElement(NextIntlClientProvider, {
          locale,
          messages: messagesFor(locale),
          timeZone: 'Asia/Almaty',
          children: createElement(RequestSummary, {
            request: forStaff!,
            ...summary,
            now: context.now,
            overrides: [],
            audience: 'staff',
          }),
        }),
      )
      const heading = translator(locale)('requests.title', {
        number: forStaff!.number,
        service: ownMessages[locale].services.testAttachmentCertificate.name,
      })
      expect(html).toContain(`>${heading}</h1>`)
      expect(html).toContain(`<dt class="text-slate-600">${ownMessages[locale].testAttachmentCertificate.purpose}</dt>`)
      expect(html).toContain('Жұмыс орнына / по месту работы')
      expect(html).toContain(messagesFor(locale).requests.decision.approved)
    }
  })

  it('is covered by the permission policy the day it is added, from its own who', () => {
    const request = { service: 'testAttachmentCertificate', organizationId: clinic.organizationId, patientId: 1 }
    expect(permissionOf(clinic.staff.registrar, 'approve', request)).toBe('allowed')
    expect(permissionOf(clinic.staff.doctor, 'read', request)).toBe('outOfScope')
    expect(permissionOf(clinic.staff.head, 'approve', request)).toBe('forbidden')
    expect(permissionOf(other.staff.registrar, 'approve', request)).toBe('outOfScope')
  })
})

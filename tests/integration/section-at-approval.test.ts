import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, documents, requests, sections } from '@/db/schema'
import { transitionRequest } from '@/lib/requests/engine'
import { approvalChoicesOf } from '@/lib/requests/queries'
import { freshDb } from './db'
import { makeClinic, makePatient, makeRepresentative, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let other: TestClinic
let first: number
let second: number

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  other = await makeClinic(db, 'Clinic B')
  ;[first, second] = clinic.sectionIds as [number, number]
  // Section 1 (with the doctor) serves micro-districts 1-5, section 2 micro-districts 6-10; both adults only.
  await db
    .update(sections)
    .set({ ageFrom: 18, territoryKk: 'Ақтау қ., 1, 2, 3, 4, 5 шағын аудандар', territoryRu: 'г. Актау, 1, 2, 3, 4, 5 мкр.' })
    .where(eq(sections.id, first))
  await db
    .update(sections)
    .set({ ageFrom: 18, territoryKk: 'Ақтау қ., 6, 7, 8, 9, 10 шағын аудандар', territoryRu: 'г. Актау, 6, 7, 8, 9, 10 мкр.' })
    .where(eq(sections.id, second))
})

// Tuesday 24 November 2026, 10:00 in Almaty.
const at = { now: new Date('2026-11-24T05:00:00Z'), address: null, overrides: [] }

async function leftToTheClinic(address: string, birthDate = '1985-04-12') {
  const person = await makePatient(db, { birthDate })
  // A child's request is made by a parent (p.30 para 3).
  const parent = birthDate > '2008-11-24' ? await makePatient(db, { birthDate: '1985-01-01' }) : null
  if (parent) await makeRepresentative(db, person.id, parent.id)
  const actor = parent ? { ...parent.actor, representedPatientIds: [person.id] } : person.actor
  const submitted = await submitAttachment(db, actor, { clinic, patientId: person.id, sectionIndex: null, address }, at)
  if (!submitted.ok) throw new Error(`not submitted: ${submitted.code}`)
  return { person, requestId: submitted.data.requestId }
}

const approve = (requestId: string, details?: Record<string, Record<string, string>>) =>
  transitionRequest(db, clinic.staff.registrar, { operation: 'approve', requestId, version: 1, details }, at)

const attachmentOf = async (patientId: number) =>
  (await db.select().from(attachments).where(eq(attachments.patientId, patientId)))[0] ?? null

describe('Issue 15: an attachment is never left without a section; the registrar chooses it at approval', () => {
  it('the choice offers the sections of the person’s age, the territory of the address first', async () => {
    const { requestId } = await leftToTheClinic('Ақтау қ., 7 шағын аудан, 3 үй')
    const [request] = await db.select().from(requests).where(eq(requests.id, requestId))
    const offered = await approvalChoicesOf(db, clinic.staff.registrar, { id: requestId, family: null }, 'kk', '2026-11-24')
    expect(offered).toHaveLength(1)
    expect(offered[0]!.choices[0]).toMatchObject({
      name: 'sectionId',
      value: String(second),
      options: [{ value: String(second) }, { value: String(first) }],
    })
    expect(request!.payload).toMatchObject({ sectionId: null })
  })

  it('approved as suggested: the section is stored with the request and the attachment, and its doctor signs the notice', async () => {
    const { person, requestId } = await leftToTheClinic('Ақтау қ., 3 шағын аудан, 3 үй')
    expect((await approve(requestId, { [requestId]: { sectionId: String(first) } })).ok).toBe(true)
    expect(await attachmentOf(person.id)).toMatchObject({ sectionId: first, status: 'active' })
    const [request] = await db.select().from(requests).where(eq(requests.id, requestId))
    expect(request!.payload).toMatchObject({ sectionId: first })
    const notice = (await db.select().from(documents).where(eq(documents.requestId, requestId))).find(
      (document) => document.kind === 'attachment_notice',
    )
    expect(notice?.signerId).toBe(clinic.staff.doctor.id)
  })

  it('the registrar may choose another section of the clinic than the one suggested', async () => {
    const { person, requestId } = await leftToTheClinic('Ақтау қ., 3 шағын аудан, 3 үй')
    expect((await approve(requestId, { [requestId]: { sectionId: String(second) } })).ok).toBe(true)
    expect(await attachmentOf(person.id)).toMatchObject({ sectionId: second })
  })

  it('a call that chose nothing gets the suggestion, never an attachment without a section', async () => {
    const { person, requestId } = await leftToTheClinic('Ақтау қ., 8 шағын аудан, 3 үй')
    expect((await approve(requestId)).ok).toBe(true)
    expect(await attachmentOf(person.id)).toMatchObject({ sectionId: second })
  })

  it('another clinic’s section or a forged value is refused at the field; nothing changes', async () => {
    const { person, requestId } = await leftToTheClinic('Ақтау қ., 3 шағын аудан, 3 үй')
    for (const [sectionId, code] of [
      [String(other.sectionIds[0]), 'errors.attachment.sectionInvalid'],
      ['1; drop table sections', 'errors.attachment.sectionInvalid'],
      ['99999999', 'errors.attachment.sectionInvalid'],
    ] as const) {
      expect(await approve(requestId, { [requestId]: { sectionId } })).toMatchObject({
        ok: false,
        code,
        fieldErrors: { [`details.${requestId}.sectionId`]: code },
      })
    }
    expect(await attachmentOf(person.id)).toBeNull()
    const [request] = await db.select().from(requests).where(eq(requests.id, requestId))
    expect(request).toMatchObject({ status: 'submitted', version: 1, payload: { sectionId: null } })
  })

  it('a clinic with no section for the person’s age cannot approve, and says why; an adults’ section is refused', async () => {
    const { person, requestId } = await leftToTheClinic('Ақтау қ., 3 шағын аудан, 3 үй', '2016-02-02')
    expect(await approve(requestId)).toMatchObject({ ok: false, code: 'errors.attachment.noSectionForAge' })
    expect(await approve(requestId, { [requestId]: { sectionId: String(first) } })).toMatchObject({
      ok: false,
      fieldErrors: { [`details.${requestId}.sectionId`]: 'errors.attachment.sectionAgeBand' },
    })
    expect(await attachmentOf(person.id)).toBeNull()
  })
})

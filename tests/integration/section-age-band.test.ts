import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, requests, sections } from '@/db/schema'
import { submitRequest, transitionRequest } from '@/lib/requests/engine'
import { freshDb } from './db'
import { makeClinic, makePatient, makeRepresentative, submitAttachment, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic
let childrenSection: number
let adultsSection: number

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db, 'Clinic A')
  ;[childrenSection, adultsSection] = clinic.sectionIds as [number, number]
  await db.update(sections).set({ ageFrom: 0, ageTo: 17 }).where(eq(sections.id, childrenSection))
  await db.update(sections).set({ ageFrom: 18, ageTo: null }).where(eq(sections.id, adultsSection))
})

// Tuesday 24 November 2026, 10:00 in Almaty.
const at = (iso = '2026-11-24T05:00:00Z') => ({ now: new Date(iso), address: null, overrides: [] })
const requestsOf = (patientId: number) => db.select({ id: requests.id }).from(requests).where(eq(requests.patientId, patientId))

describe('A section serves its age band, on the server, whatever the form offered', () => {
  it('an adult choosing a children’s section on the portal is refused beside the section, and nothing is written', async () => {
    const adult = await makePatient(db, { birthDate: '1985-04-12' })
    const result = await submitAttachment(db, adult.actor, { clinic, sectionIndex: 0 }, at())
    expect(result).toMatchObject({ ok: false, fieldErrors: { sectionId: 'errors.attachment.sectionAgeBand' } })
    expect(await requestsOf(adult.id)).toEqual([])
    expect((await submitAttachment(db, adult.actor, { clinic, sectionIndex: 1 }, at())).ok).toBe(true)
  })

  it('a child at the desk is refused an adults’ section', async () => {
    const child = await makePatient(db, { birthDate: '2016-02-02' })
    const result = await submitRequest(
      db,
      clinic.staff.registrar,
      {
        service: 'attachment',
        channel: 'desk',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(child.id),
          clinicId: String(clinic.organizationId),
          sectionId: String(adultsSection),
          address: 'Ақтау қ., 7 шағын аудан, 3 үй',
          basis: 'residence_change',
          desk: {
            category: 'born_abroad_child_representative',
            documentKind: 'birth_certificate',
            documentNumber: 'I-МҚ 0456123',
            documentIssuer: 'АХАЖ бөлімі',
            phone: '',
            phoneConsent: false,
            representativeIin: '920314400015',
            representation: {
              documentKind: 'birth_certificate',
              documentNumber: 'I-МҚ 0456123',
              documentIssuer: 'АХАЖ бөлімі',
              documentIssuedOn: '2016-02-10',
              identity: { kind: 'identity_card', number: '045612378' },
            },
          },
        },
      },
      at(),
    )
    expect(result).toMatchObject({ ok: false, fieldErrors: { sectionId: 'errors.attachment.sectionAgeBand' } })
    expect(await requestsOf(child.id)).toEqual([])
  })

  it('a 17-year-old who turns 18 before the decision is not approved into the children’s section', async () => {
    // Born 26 November 2008: 17 on Tuesday 24 November, 18 on Thursday 26 November 2026.
    const teen = await makePatient(db, { birthDate: '2008-11-26' })
    const guardian = await makePatient(db, { birthDate: '1970-01-01' })
    await makeRepresentative(db, teen.id, guardian.id)
    const actor = { ...guardian.actor, representedPatientIds: [teen.id] }
    const submitted = await submitAttachment(db, actor, { clinic, patientId: teen.id, sectionIndex: 0 }, at())
    if (!submitted.ok) throw new Error(`not submitted: ${submitted.code}`)
    const approve = (when: string) =>
      transitionRequest(
        db,
        clinic.staff.registrar,
        { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
        at(when),
      )
    expect(await approve('2026-11-26T05:00:00Z')).toMatchObject({ ok: false, code: 'errors.attachment.sectionAgeBand' })
    expect(await db.select().from(attachments).where(eq(attachments.patientId, teen.id))).toEqual([])
    expect((await approve('2026-11-25T05:00:00Z')).ok).toBe(true)
  })
})

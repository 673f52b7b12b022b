import { randomUUID } from 'node:crypto'
import { and, eq, sql as dsql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { attachments, auditLog, patientRegistrations, patients } from '@/db/schema'
import { makeIin } from '@/lib/iin'
import { lookUpWalkIn } from '@/lib/patients/registration/lookup'
import { registerPatient } from '@/lib/patients/registration/register'
import { registrationSchema, type RegistrationInput } from '@/lib/patients/registration/schema'
import { registerOfIndividuals } from '@/lib/register-of-individuals'
import { demoIndividuals } from '@/lib/register-of-individuals/demo'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { freshDb } from './db'
import { makeClinic, makePatient, type TestClinic } from './factories'

// Issue 15: a walk-in the database does not know is registered at the desk from the identity document presented (or
// the national register's data), then an application is taken for them like for anyone.
let db: Database
let clinic: TestClinic
// Tuesday 24 November 2026, 10:00 in Almaty.
const now = new Date('2026-11-24T05:00:00Z')
const register = registerOfIndividuals('demo')
const context = { now, address: '127.0.0.1', register }
const engine: EngineContext = { now, address: '127.0.0.1', overrides: [] }
let serial = 9000

beforeAll(async () => {
  ;({ db } = await freshDb({ max: 8 }))
  clinic = await makeClinic(db, 'Walk-in clinic')
})

function form(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    iin: makeIin({ birthDate: '1992-05-05', sex: 'male', serial: serial++ }),
    lastName: 'Оспанов',
    firstName: 'Дәурен',
    middleName: 'Серікұлы',
    birthDate: '1992-05-05',
    sex: 'male',
    status: 'citizen',
    residence: '',
    address: 'Ақтау қ., 15 шағын аудан, 8 үй, 21 пәтер',
    phone: '+77015550101',
    phoneConsent: true,
    idempotencyKey: randomUUID(),
    ...overrides,
  }
}
const parsed = (input: RegistrationInput) => registrationSchema.parse(input)
const countOf = async (iin: string) =>
  (
    await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(patients)
      .where(eq(patients.iin, iin))
  )[0]!.n

describe('a walk-in registered at the desk (issue 15)', () => {
  it('from the document: the person, the registration (with the SMS consent) and the audit row; then attached at the desk', async () => {
    const input = form()
    const lookup = await lookUpWalkIn(db, clinic.staff.registrar, input.iin, context)
    expect(lookup).toEqual({ state: 'not_found' })
    const result = await registerPatient(db, clinic.staff.registrar, parsed(input), context)
    if (!result.ok) throw new Error(result.code)
    const [person] = await db.select().from(patients).where(eq(patients.id, result.data.patientId))
    expect(person).toMatchObject({
      iin: input.iin,
      lastName: 'Оспанов',
      middleName: 'Серікұлы',
      birthDate: '1992-05-05',
      sex: 'male',
      status: 'citizen',
      residence: null,
      phone: '+77015550101',
    })
    const [registration] = await db
      .select()
      .from(patientRegistrations)
      .where(eq(patientRegistrations.patientId, result.data.patientId))
    expect(registration).toMatchObject({
      organizationId: clinic.organizationId,
      registeredBy: clinic.staff.registrar.id,
      source: 'document',
      phoneConsent: true,
    })
    const audit = await db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.patientId, result.data.patientId), eq(auditLog.action, 'patient.register')))
    expect(audit).toEqual([
      { action: 'patient.register', details: { source: 'document', register: 'demo', phone: true, phoneConsent: true } },
    ])

    // Then any service: the desk application for them, approved, attaches them here.
    const submitted = await submitRequest(
      db,
      clinic.staff.registrar,
      {
        service: 'attachment',
        channel: 'desk',
        idempotencyKey: randomUUID(),
        payload: {
          patientId: String(result.data.patientId),
          clinicId: String(clinic.organizationId),
          sectionId: String(clinic.sectionIds[0]),
          address: input.address,
          basis: 'residence_change',
          desk: {
            category: 'pensioner',
            documentKind: 'pension_certificate',
            documentNumber: '045612378',
            documentIssuer: 'ҚР ІІМ',
            phone: '',
            phoneConsent: false,
          },
        },
      },
      engine,
    )
    if (!submitted.ok) throw new Error(submitted.code)
    const approved = await transitionRequest(
      db,
      clinic.staff.registrar,
      { operation: 'approve', requestId: submitted.data.requestId, version: 1 },
      engine,
    )
    expect(approved.ok).toBe(true)
    const [attachment] = await db.select().from(attachments).where(eq(attachments.patientId, result.data.patientId))
    expect(attachment).toMatchObject({ organizationId: clinic.organizationId, status: 'active' })
  })

  it('from the national register: the lookup prefills, is audited, and the registration says where the data came from', async () => {
    const known = demoIndividuals[1]!
    const lookup = await lookUpWalkIn(db, clinic.staff.registrar, known.iin, context)
    expect(lookup).toEqual({ state: 'found', person: known, adapter: 'demo' })
    const [lookupAudit] = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registerOfIndividuals.lookup'), eq(auditLog.entityId, known.iin)))
    expect(lookupAudit?.details).toEqual({ adapter: 'demo', state: 'found' })
    const result = await registerPatient(
      db,
      clinic.staff.registrar,
      parsed(
        form({
          iin: known.iin,
          lastName: known.lastName,
          firstName: known.firstName,
          middleName: known.middleName ?? '',
          birthDate: known.birthDate,
          sex: known.sex,
          status: known.status,
          address: known.address!,
          phone: '',
          phoneConsent: false,
        }),
      ),
      context,
    )
    if (!result.ok) throw new Error(result.code)
    const [registration] = await db
      .select({ source: patientRegistrations.source, phoneConsent: patientRegistrations.phoneConsent })
      .from(patientRegistrations)
      .where(eq(patientRegistrations.patientId, result.data.patientId))
    expect(registration).toEqual({ source: 'register', phoneConsent: false })
    // Now in the database: the lookup sends the registrar to the person instead.
    expect(await lookUpWalkIn(db, clinic.staff.registrar, known.iin, context)).toEqual({ state: 'in_database', iin: known.iin })
  })

  it('an IIN already in the database is refused at the IIN field, and nothing is written', async () => {
    const existing = await makePatient(db)
    const before = await db.select({ n: dsql<number>`count(*)::int` }).from(patientRegistrations)
    const result = await registerPatient(
      db,
      clinic.staff.registrar,
      parsed(form({ iin: existing.iin, birthDate: '1985-04-12', sex: 'female' })),
      context,
    )
    expect(result).toEqual({
      ok: false,
      code: 'errors.registration.alreadyRegistered',
      fieldErrors: { iin: 'errors.registration.alreadyRegistered' },
    })
    expect(await countOf(existing.iin)).toBe(1)
    expect(await db.select({ n: dsql<number>`count(*)::int` }).from(patientRegistrations)).toEqual(before)
  })

  it('a double submit of one form at once (the same key): one person, both answers name them', async () => {
    const input = form()
    const results = await Promise.all([
      registerPatient(db, clinic.staff.registrar, parsed(input), context),
      registerPatient(db, clinic.staff.registrar, parsed(input), context),
    ])
    expect(results.every((result) => result.ok)).toBe(true)
    const ids = results.map((result) => (result.ok ? result.data.patientId : null))
    expect(ids[0]).toBe(ids[1])
    expect(results.map((result) => result.ok && result.data.replayed).sort()).toEqual([false, true])
    expect(await countOf(input.iin)).toBe(1)
  })

  it('two registrars registering one IIN at once (parallel connections): one person, the other told it exists', async () => {
    const other = await makeClinic(db, 'Second walk-in clinic')
    const first = form()
    const results = await Promise.all([
      registerPatient(db, clinic.staff.registrar, parsed(first), context),
      registerPatient(db, other.staff.registrar, parsed({ ...first, idempotencyKey: randomUUID() }), context),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toEqual({
      ok: false,
      code: 'errors.registration.alreadyRegistered',
      fieldErrors: { iin: 'errors.registration.alreadyRegistered' },
    })
    expect(await countOf(first.iin)).toBe(1)
  })

  it('a birth date after today is refused at its field; a doctor may not register anyone', async () => {
    const input = form({ iin: makeIin({ birthDate: '2026-12-01', sex: 'male', serial: 1 }), birthDate: '2026-12-01' })
    expect(await registerPatient(db, clinic.staff.registrar, parsed(input), context)).toEqual({
      ok: false,
      code: 'errors.invalidInput',
      fieldErrors: { birthDate: 'errors.registration.birthDateInFuture' },
    })
    const other = form()
    expect(await registerPatient(db, clinic.staff.doctor, parsed(other), context)).toEqual({
      ok: false,
      code: 'errors.request.notAllowed',
    })
    expect(await countOf(input.iin)).toBe(0)
    expect(await countOf(other.iin)).toBe(0)
  })
})

import { randomBytes } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import {
  certificateConsents,
  dispensaryRecords,
  documents,
  notifications,
  organizations,
  patients,
  requestEvents,
  requests,
  staff,
  type DispensaryRegistry,
  type OrganizationType,
} from '@/db/schema'
import type { PatientActor, StaffActor } from '@/lib/auth/actor'
import { makeIin } from '@/lib/iin'
import { lockRegistryPerson } from '@/lib/registries/lock'
import { submitRequest, transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { decideAutomatically, sweepRegistryCertificates } from '@/lib/services/registry-certificate/automatic'
import {
  answerConsent,
  confirmConsentCode,
  consentStateFor,
  listMyConsentRequests,
} from '@/lib/services/registry-certificate/consent'
import { submitRegistryCertificate } from '@/lib/services/registry-certificate/submit'
import { freshDb } from './db'
import { fileComplaint } from '@/lib/services/complaint/file'
import { decideComplaint } from '@/lib/services/complaint/decide'
import { getDocumentPdfForPatient } from '@/lib/documents/queries'
import { verifyByCode } from '@/lib/verification/lookup'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

const scratch = mkdtempSync(path.join(tmpdir(), 'registry-certificate-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
function pdfText(bytes: Uint8Array): string {
  const file = path.join(scratch, `${crypto.randomUUID()}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}
import { makePatient, randomBin, testPassword } from './factories'
import { hashPassword } from '@/lib/auth/credentials'

let db: Database
type Centre = { id: number; system: StaffActor; doctor: StaffActor; head: StaffActor }
const centres = {} as Record<DispensaryRegistry, Centre>
// Tuesday 24 November 2026, 10:00 in Almaty.
const at = (iso = '2026-11-24T05:00:00Z'): EngineContext => ({ now: new Date(iso), address: '127.0.0.1', overrides: [] })
const segments: Record<DispensaryRegistry, string> = { tb: 'tb', mental_health: 'mental-health', narcology: 'narcology' }
const types: Record<DispensaryRegistry, OrganizationType> = {
  tb: 'tb_centre',
  mental_health: 'mental_health_centre',
  narcology: 'narcology_centre',
}

async function makeCentre(registry: DispensaryRegistry): Promise<Centre> {
  const [organization] = await db
    .insert(organizations)
    .values({
      code: `centre-${randomBytes(4).toString('hex')}`,
      bin: randomBin(),
      type: types[registry],
      nameKk: `${registry} орталығы`,
      nameRu: `Центр ${registry}`,
      region: 'Маңғыстау облысы',
      city: 'Ақтау',
      addressKk: 'Ақтау қ., 31 шағын аудан',
      addressRu: 'г. Актау, 31 мкр.',
      workingHours: { mon: { from: '08:00', to: '17:00' } },
    })
    .returning({ id: organizations.id })
  const member = async (system: boolean, role: 'dispensary_doctor' | 'head' = 'dispensary_doctor'): Promise<StaffActor> => {
    const [row] = await db
      .insert(staff)
      .values({
        organizationId: organization!.id,
        role,
        system,
        login: `${registry}-${system ? 'system' : role}-${randomBytes(3).toString('hex')}`,
        passwordHash: system ? '!' : await hashPassword(testPassword),
        lastName: system ? 'ИС' : 'Дәрігер',
        firstName: registry,
      })
      .returning({ id: staff.id })
    return {
      kind: 'staff',
      id: row!.id,
      role,
      organizationId: organization!.id,
      departmentId: null,
      name: registry,
      locale: 'kk',
    }
  }
  return { id: organization!.id, system: await member(true), doctor: await member(false), head: await member(false, 'head') }
}

async function addRecord(
  registry: DispensaryRegistry,
  person: { iin: string | null; lastName: string; firstName: string; birthDate: string },
) {
  const [row] = await db
    .insert(dispensaryRecords)
    .values({
      organizationId: centres[registry].id,
      registry,
      iin: person.iin,
      lastName: person.lastName,
      firstName: person.firstName,
      birthDate: person.birthDate,
      observationGroup: 'I',
      observedSince: '2024-03-01',
      addedBy: centres[registry].doctor.id,
    })
    .returning({ id: dispensaryRecords.id })
  return row!.id
}

// The patient's submit, then the centre's information system's decision it hands over (decideSoon), waited for.
const submit = async (
  actor: PatientActor,
  registry: DispensaryRegistry,
  form: Record<string, unknown>,
  context = at(),
  key: string = crypto.randomUUID(),
) => {
  const result = await submitRegistryCertificate(db, actor, {
    segment: segments[registry],
    idempotencyKey: key,
    form: { patientId: actor.id, ...form },
    context,
  })
  return result.ok ? { ok: true as const, data: { ...result.data, outcome: await result.data.decided } } : result
}

async function requestRow(id: string) {
  const [row] = await db.select().from(requests).where(eq(requests.id, id))
  return row!
}

async function lastCode(patientId: number): Promise<string> {
  const [row] = await db
    .select({ body: notifications.body })
    .from(notifications)
    .where(and(eq(notifications.patientId, patientId), eq(notifications.template, 'registryCertificateConsent')))
    .orderBy(desc(notifications.id))
    .limit(1)
  return /(\d{6})/.exec(row?.body ?? '')?.[1] ?? ''
}

beforeAll(async () => {
  ;({ db } = await freshDb({ max: 8 }))
  for (const registry of ['tb', 'mental_health', 'narcology'] as const) centres[registry] = await makeCentre(registry)
})

describe('Registry certificates (Order ҚР ДСМ-49/2020)', () => {
  it('rules 6, 9, 10: a person on no registry asks about herself and gets «не состоит» at once, due 30 minutes after', async () => {
    const person = await makePatient(db, { lastName: 'Тасова', firstName: 'Әсел', birthDate: '1991-05-06' })
    const result = await submit(person.actor, 'tb', { about: 'self' })
    expect(result.ok && result.data.outcome).toBe('issued')
    const row = await requestRow(result.ok ? result.data.requestId : '')
    expect(row.status).toBe('approved')
    expect(row.payload).toMatchObject({ about: 'self', subjectIin: person.iin, result: 'not_registered', decidedBy: 'registry' })
    expect(row.dueAt.getTime() - row.submittedAt.getTime()).toBe(30 * 60_000)
    expect(row.decidedBy).toBe(centres.tb.system.id)
    const made = await db.select({ kind: documents.kind }).from(documents).where(eq(documents.requestId, row.id))
    expect(made.map((document) => document.kind)).toEqual(['tb_registry_certificate'])
    // R·p.3, rule 5: the receipt says when the result is due.
    const [receipt] = await db
      .select({ body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.requestId, row.id), eq(notifications.template, 'registryCertificateSubmitted')))
    expect(receipt?.body).toContain('24.11.2026 10:30')
    // Then one SMS that it is ready, when the seal issued it (not a second one for the approval).
    const sent = await db
      .select({ template: notifications.template })
      .from(notifications)
      .where(eq(notifications.requestId, row.id))
    expect(sent.map((sms) => sms.template).sort()).toEqual(['documentReady', 'registryCertificateSubmitted'])
  })

  it('rules 22-25, 27: sealed by the centre, genuine at /verify, six fields without IIN or "null", expired from D+11', async () => {
    const person = await makePatient(db, { lastName: 'Нұрланова', firstName: 'Алия', birthDate: '1990-01-20' })
    await db.update(patients).set({ middleName: null }).where(eq(patients.id, person.id))
    await addRecord('tb', { iin: person.iin, lastName: 'Нұрланова', firstName: 'Алия', birthDate: '1990-01-20' })
    const result = await submit(person.actor, 'tb', { about: 'self' })
    const id = result.ok ? result.data.requestId : ''
    const [document] = await db.select().from(documents).where(eq(documents.requestId, id))
    expect(document).toMatchObject({ status: 'issued', signerId: centres.tb.system.id })
    const verified = await verifyByCode(db, document!.verificationCode, '10.0.0.1', at().now)
    expect(verified).toMatchObject({
      state: 'found',
      document: { verdict: 'genuine', validity: { validThrough: '2026-12-04', expired: false } },
    })
    const expired = await verifyByCode(db, document!.verificationCode, '10.0.0.2', new Date('2026-12-04T19:00:00Z'))
    expect(expired).toMatchObject({ state: 'found', document: { verdict: 'expired' } })
    const pdf = await getDocumentPdfForPatient(db, person.actor, document!.id, null)
    const text = pdfText(pdf!.bytes)
    for (const label of [
      'Берілген күні',
      'Дата выдачи',
      'Ф.И.О. (при его наличии)',
      'Дата рождения',
      'Адрес (место жительства)',
      'На динамическом наблюдении',
      'Данные предоставлены информационной системой',
    ])
      expect(text).toContain(label)
    expect(text).toContain('Нұрланова Алия')
    expect(text).toContain('состоит')
    expect(text).not.toContain('null')
    expect(text).not.toContain(person.iin)
    expect(text).not.toMatch(/ЖСН|ИИН|диагноз|2024/)
  })

  it('rules 11, 26: a person on the TB registry gets «состоит» from TB, and «не состоит» from mental health', async () => {
    const person = await makePatient(db, { lastName: 'Серікова', firstName: 'Дана', birthDate: '1979-09-10' })
    await addRecord('tb', { iin: person.iin, lastName: 'Серікова', firstName: 'Дана', birthDate: '1979-09-10' })
    const tb = await submit(person.actor, 'tb', { about: 'self' })
    expect((await requestRow(tb.ok ? tb.data.requestId : '')).payload).toMatchObject({ result: 'registered' })
    const mental = await submit(person.actor, 'mental_health', { about: 'self' })
    expect((await requestRow(mental.ok ? mental.data.requestId : '')).payload).toMatchObject({ result: 'not_registered' })
  })

  it('an uncertain match (same name and birth date, no IIN) goes to the centre’s doctor, who decides; he cannot deny an IIN match', async () => {
    const person = await makePatient(db, { lastName: 'Оспанов', firstName: 'Ержан', birthDate: '1970-12-01', sex: 'male' })
    await addRecord('mental_health', { iin: null, lastName: 'ОСПАНОВ', firstName: 'Ержан', birthDate: '1970-12-01' })
    const result = await submit(person.actor, 'mental_health', { about: 'self' })
    expect(result.ok && result.data.outcome).toBe('to_doctor')
    const id = result.ok ? result.data.requestId : ''
    const row = await requestRow(id)
    expect(row.status).toBe('in_review')
    const undecided = await transitionRequest(
      db,
      centres.mental_health.doctor,
      { operation: 'approve', requestId: id, version: row.version },
      at(),
    )
    expect(undecided).toMatchObject({ ok: false, code: 'errors.registryCertificate.uncertainMatch' })
    const decided = await transitionRequest(
      db,
      centres.mental_health.doctor,
      { operation: 'approve', requestId: id, version: row.version, details: { [id]: { result: 'not_registered' } } },
      at(),
    )
    expect(decided.ok).toBe(true)
    expect((await requestRow(id)).payload).toMatchObject({ result: 'not_registered', decidedBy: 'doctor' })

    const onRegistry = await makePatient(db, { lastName: 'Оспанов', firstName: 'Ержан', birthDate: '1970-12-01', sex: 'male' })
    await addRecord('mental_health', { iin: onRegistry.iin, lastName: 'Оспанов', firstName: 'Ержан', birthDate: '1970-12-01' })
    // The IIN record decides automatically: «состоит», not a question for the doctor.
    const second = await submit(onRegistry.actor, 'mental_health', { about: 'self' })
    expect(second.ok && second.data.outcome).toBe('issued')
    expect((await requestRow(second.ok ? second.data.requestId : '')).payload).toMatchObject({ result: 'registered' })
  })

  it('rules 9, 20: a request about oneself is never refused, not even by the centre’s doctor', async () => {
    const person = await makePatient(db, { lastName: 'Бекова', firstName: 'Лаура', birthDate: '1988-02-02' })
    await addRecord('narcology', { iin: null, lastName: 'Бекова', firstName: 'Лаура', birthDate: '1988-02-02' })
    const result = await submit(person.actor, 'narcology', { about: 'self' })
    const id = result.ok ? result.data.requestId : ''
    const row = await requestRow(id)
    expect(row.status).toBe('in_review')
    const refused = await transitionRequest(
      db,
      centres.narcology.doctor,
      { operation: 'refuse', requestId: id, version: row.version, ground: 'no_consent', reason: 'Келісім жоқ деп көрсетілді' },
      at(),
    )
    expect(refused).toMatchObject({ ok: false, code: 'errors.registryCertificate.refusalOnlyWithoutConsent' })
  })

  it('rules 12, 14, 16, 17: about another person, a code goes to HER phone; wrong, foreign and used codes are refused', async () => {
    const requester = await makePatient(db, { lastName: 'Ахметова', firstName: 'Сәуле', birthDate: '1986-03-03' })
    const subject = await makePatient(db, { lastName: 'Ахметов', firstName: 'Нұрлан', birthDate: '2004-07-07', sex: 'male' })
    const other = await makePatient(db, { birthDate: '1999-01-01' })
    const result = await submit(requester.actor, 'tb', { about: 'other', subjectIin: subject.iin })
    expect(result.ok && result.data.outcome).toBe('waiting_consent')
    const id = result.ok ? result.data.requestId : ''
    expect((await requestRow(id)).status).toBe('submitted')
    const [sms] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'registryCertificateConsent'))
      .orderBy(desc(notifications.id))
      .limit(1)
    expect(sms?.recipient).toBe(subject.actor.phone)
    expect(sms?.body).toContain('Ахметова Сәуле')
    const code = await lastCode(subject.id)
    // A code of another request does not open this one.
    const foreign = await submit(other.actor, 'tb', { about: 'other', subjectIin: subject.iin })
    expect(foreign.ok).toBe(true)
    const foreignCode = await lastCode(subject.id)
    const wrong = await confirmConsentCode(
      db,
      requester.actor,
      { requestId: id, code: foreignCode === code ? '000000' : foreignCode },
      at().now,
    )
    expect(wrong).toMatchObject({ ok: false, code: 'errors.registryCertificate.codeWrong' })
    // Another patient cannot type a code into this request.
    expect(await confirmConsentCode(db, other.actor, { requestId: id, code }, at().now)).toMatchObject({
      ok: false,
      code: 'errors.request.notFound',
    })
    const right = await confirmConsentCode(db, requester.actor, { requestId: id, code }, at().now)
    expect(right.ok).toBe(true)
    expect(await decideAutomatically(db, id, at().now)).toBe('issued')
    expect((await requestRow(id)).payload).toMatchObject({ about: 'other', subjectIin: subject.iin, result: 'not_registered' })
    expect(await confirmConsentCode(db, requester.actor, { requestId: id, code }, at().now)).toMatchObject({
      ok: false,
      code: 'errors.registryCertificate.consentClosed',
    })
    const events = await db.select({ type: requestEvents.type }).from(requestEvents).where(eq(requestEvents.requestId, id))
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['submitted', 'consent_requested', 'consent_given', 'approve']),
    )
  })

  it('rule 17: five wrong codes lock it, also when tried in parallel; an expired code is refused', async () => {
    const requester = await makePatient(db, { birthDate: '1975-05-05' })
    const subject = await makePatient(db, { birthDate: '1976-06-06' })
    const result = await submit(requester.actor, 'narcology', { about: 'other', subjectIin: subject.iin })
    const id = result.ok ? result.data.requestId : ''
    const code = await lastCode(subject.id)
    const wrong = code === '111111' ? '222222' : '111111'
    const tries = await Promise.all(
      Array.from({ length: 8 }, () => confirmConsentCode(db, requester.actor, { requestId: id, code: wrong }, at().now)),
    )
    expect(tries.every((attempt) => !attempt.ok)).toBe(true)
    const [row] = await db
      .select({ attempts: certificateConsents.attempts })
      .from(certificateConsents)
      .where(eq(certificateConsents.requestId, id))
    expect(row?.attempts).toBe(5)
    expect(await confirmConsentCode(db, requester.actor, { requestId: id, code }, at().now)).toMatchObject({
      ok: false,
      code: 'errors.registryCertificate.codeLocked',
    })
    const late = await submit(requester.actor, 'tb', { about: 'other', subjectIin: subject.iin })
    const lateId = late.ok ? late.data.requestId : ''
    const lateCode = await lastCode(subject.id)
    expect(
      await confirmConsentCode(
        db,
        requester.actor,
        { requestId: lateId, code: lateCode },
        new Date(at().now.getTime() + 26 * 60_000),
      ),
    ).toMatchObject({
      ok: false,
      code: 'errors.registryCertificate.codeExpired',
    })
  })

  it('rules 13, 18: the person answers on her own pages; a refusal carries the one ground and shows nothing of her', async () => {
    const requester = await makePatient(db, { birthDate: '1965-08-08' })
    const subject = await makePatient(db, { lastName: 'Сағындықова', firstName: 'Мөлдір', birthDate: '1995-10-10' })
    await addRecord('tb', { iin: subject.iin, lastName: 'Сағындықова', firstName: 'Мөлдір', birthDate: '1995-10-10' })
    const asked = await submit(requester.actor, 'tb', { about: 'other', subjectIin: subject.iin })
    const id = asked.ok ? asked.data.requestId : ''
    const list = await listMyConsentRequests(db, subject.actor)
    expect(list.map((row) => row.requestId)).toContain(id)
    // Only she answers: not the requester.
    expect(await answerConsent(db, requester.actor, { requestId: id, answer: 'give' }, at().now)).toMatchObject({ ok: false })
    expect((await answerConsent(db, subject.actor, { requestId: id, answer: 'refuse' }, at().now)).ok).toBe(true)
    expect(await decideAutomatically(db, id, at().now)).toBe('refused')
    const row = await requestRow(id)
    expect(row).toMatchObject({ status: 'refused', refusalGround: 'no_consent' })
    expect(row.payload.result).toBeUndefined()
    // Her answer is in the request's history without her as its actor: the requester never learns who she is.
    const answers = await db
      .select({ actorKind: requestEvents.actorKind, actorId: requestEvents.actorId })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, id), eq(requestEvents.type, 'consent_refused')))
    expect(answers).toEqual([{ actorKind: 'system', actorId: null }])
    expect(await db.select().from(documents).where(eq(documents.requestId, id))).toEqual([])
  })

  it('rules 19, 21: an IIN nobody knows waits like any other and is refused when the window closes; the requester learns nothing', async () => {
    const requester = await makePatient(db, { birthDate: '1960-04-04' })
    const known = await makePatient(db, { birthDate: '1961-04-04', phone: null })
    const unknownIin = makeIin({ birthDate: '2001-01-01', sex: 'male', serial: 9997 })
    const a = await submit(requester.actor, 'tb', { about: 'other', subjectIin: unknownIin })
    const b = await submit(requester.actor, 'narcology', { about: 'other', subjectIin: known.iin })
    expect(a.ok && b.ok).toBe(true)
    const ids = [a.ok ? a.data.requestId : '', b.ok ? b.data.requestId : '']
    const states = await Promise.all(ids.map((id) => consentStateFor(db, id)))
    expect(states.map((state) => state?.status)).toEqual(['pending', 'pending'])
    expect(Object.keys(states[0]!).sort()).toEqual(['expiresAt', 'locked', 'status'])
    const later = new Date(at().now.getTime() + 25 * 60_000 + 1000)
    const swept = await sweepRegistryCertificates(db, later)
    expect(swept.refused).toBeGreaterThanOrEqual(2)
    for (const id of ids) expect(await requestRow(id)).toMatchObject({ status: 'refused', refusalGround: 'no_consent' })
  })

  it('rate limit: more than 10 requests about other people in an hour are refused', async () => {
    const requester = await makePatient(db, { birthDate: '1950-02-02' })
    const results = []
    for (let index = 0; index < 11; index++) {
      const subject = await makePatient(db, { birthDate: '1990-03-03' })
      const registry = (['tb', 'mental_health', 'narcology'] as const)[index % 3]!
      // One open request per service at a time: withdraw each before the next of the same service.
      const result = await submit(requester.actor, registry, { about: 'other', subjectIin: subject.iin })
      results.push(result)
      if (result.ok) {
        const row = await requestRow(result.data.requestId)
        await transitionRequest(db, requester.actor, { operation: 'cancel', requestId: row.id, version: row.version }, at())
      }
    }
    expect(results.slice(0, 10).every((result) => result.ok)).toBe(true)
    expect(results[10]).toMatchObject({ ok: false, code: 'errors.registryCertificate.tooManyRequests' })
  })

  it('a person added to the TB registry a moment before the decision never gets an automatic «не состоит» (advisory locks, READ COMMITTED)', async () => {
    // The centre's add holds the person's lock while it inserts; the decision waits for it, then reads the record.
    const person = await makePatient(db, { lastName: 'Жаңа', firstName: 'Жазба', birthDate: '1993-03-03' })
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let locked!: () => void
    const lockTaken = new Promise<void>((resolve) => (locked = resolve))
    const adding = db.transaction(async (tx) => {
      await lockRegistryPerson(tx, 'tb', '1993-03-03')
      await tx.insert(dispensaryRecords).values({
        organizationId: centres.tb.id,
        registry: 'tb',
        iin: person.iin,
        lastName: 'Жаңа',
        firstName: 'Жазба',
        birthDate: '1993-03-03',
        observationGroup: 'I',
        observedSince: '2026-11-24',
        addedBy: centres.tb.doctor.id,
      })
      locked()
      await held
    })
    await lockTaken
    const deciding = submit(person.actor, 'tb', { about: 'self' })
    // The decision is waiting on the advisory lock: seen in pg_locks from a third connection of the pool.
    let waiting = false
    for (let attempt = 0; attempt < 500 && !waiting; attempt++) {
      const rows = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
      )
      waiting = (rows[0]?.n ?? 0) > 0
    }
    expect(waiting).toBe(true)
    release()
    await adding
    const result = await deciding
    expect((await requestRow(result.ok ? result.data.requestId : '')).payload).toMatchObject({ result: 'registered' })
  })

  it('R·p.8-11: a refusal is complained about to the centre, whose head answers within 5 working days', async () => {
    const requester = await makePatient(db, { birthDate: '1972-02-02' })
    const subject = await makePatient(db, { birthDate: '1973-03-03' })
    const asked = await submit(requester.actor, 'mental_health', { about: 'other', subjectIin: subject.iin })
    const id = asked.ok ? asked.data.requestId : ''
    await answerConsent(db, subject.actor, { requestId: id, answer: 'refuse' }, at().now)
    await decideAutomatically(db, id, at().now)
    const filed = await fileComplaint(
      db,
      requester.actor,
      { requestId: id, text: 'Келісім сұралмады, SMS келмеді деп есептеймін.', idempotencyKey: crypto.randomUUID() },
      at(),
    )
    expect(filed.ok).toBe(true)
    const complaint = await requestRow(filed.ok ? filed.data.requestId : '')
    expect(complaint).toMatchObject({ service: 'complaint', organizationId: centres.mental_health.id, patientId: requester.id })
    // Tuesday 24 November → 5 working days → Tuesday 1 December.
    expect(complaint.dueAt.toISOString().slice(0, 10)).toBe('2026-12-01')
    const answered = await decideComplaint(
      db,
      centres.mental_health.head,
      {
        requestId: complaint.id,
        version: complaint.version,
        outcome: 'forwarded',
        answer: 'Келісім SMS арқылы сұралды; шағым бақылау органына жіберілді.',
      },
      at(),
    )
    expect(answered.ok).toBe(true)
  })

  it('R·p.8: inaction past the 30 minutes can be complained about too', async () => {
    const person = await makePatient(db, { lastName: 'Омарова', firstName: 'Гүл', birthDate: '1983-08-08' })
    await addRecord('narcology', { iin: null, lastName: 'Омарова', firstName: 'Гүл', birthDate: '1983-08-08' })
    const result = await submit(person.actor, 'narcology', { about: 'self' })
    const id = result.ok ? result.data.requestId : ''
    expect((await requestRow(id)).status).toBe('in_review')
    const later = at('2026-11-24T05:31:00Z')
    const filed = await fileComplaint(
      db,
      person.actor,
      { requestId: id, text: 'Жарты сағат өтті, мәлімет әлі жоқ, шешім қабылданбады.', idempotencyKey: crypto.randomUUID() },
      later,
    )
    expect(filed.ok).toBe(true)
    expect((await requestRow(filed.ok ? filed.data.requestId : '')).payload).toMatchObject({ about: 'inaction', requestId: id })
  })

  it('rule 31, list row 5: a request a crash left undecided is decided and sealed by the minute’s sweep, once', async () => {
    const person = await makePatient(db, { birthDate: '1968-06-16' })
    // The engine accepted it, and the process died before the centre's step.
    const accepted = await submitRequest(
      db,
      person.actor,
      {
        service: 'narcology_certificate',
        channel: 'portal',
        idempotencyKey: crypto.randomUUID(),
        payload: { centreId: centres.narcology.id, patientId: person.id, about: 'self', subjectIin: person.iin },
      },
      at(),
    )
    const id = accepted.ok ? accepted.data.requestId : ''
    expect((await requestRow(id)).status).toBe('submitted')
    const later = new Date(at().now.getTime() + 60_000)
    const [first, second] = await Promise.all([sweepRegistryCertificates(db, later), sweepRegistryCertificates(db, later)])
    expect(first.decided + second.decided).toBeGreaterThanOrEqual(1)
    const row = await requestRow(id)
    expect(row.status).not.toBe('submitted')
    const made = await db.select({ status: documents.status }).from(documents).where(eq(documents.requestId, id))
    expect(made).toEqual([{ status: 'issued' }])
    const approvals = await db
      .select({ type: requestEvents.type })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, id), eq(requestEvents.type, 'approve')))
    expect(approvals).toHaveLength(1)
  })
  // Last: the demo PKI's certificates are made at the first seal, and this one is the latest moment of the file.
  it('rule 7: a request on Sunday 23:50 is due at 00:20 on Monday, with no shift to a working day', async () => {
    const person = await makePatient(db, { birthDate: '1980-01-02' })
    // Sunday 29 November 2026, 23:50 in Almaty (UTC+5).
    const result = await submit(person.actor, 'narcology', { about: 'self' }, at('2026-11-29T18:50:00Z'))
    const row = await requestRow(result.ok ? result.data.requestId : '')
    expect(row.dueAt.toISOString()).toBe('2026-11-29T19:20:00.000Z')
  })
})

import { randomUUID } from 'node:crypto'
import { and, eq, sql as dsql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '@/db/client'
import { auditLog, dispensaryImports, dispensaryRecordEvents, dispensaryRecords } from '@/db/schema'
import { makeIin } from '@/lib/iin'
import { parseSearchQuery } from '@/lib/patients/search-query'
import { demoIndividuals } from '@/lib/register-of-individuals/demo'
import { checkImport, commitImport, getImportPreview } from '@/lib/registries/import'
import { getPersonHistory, listRegistry } from '@/lib/registries/queries'
import { addRecordSchema, removeRecordSchema } from '@/lib/registries/record-schema'
import { addRecord, lookupPersonForRegistry, removeRecord } from '@/lib/registries/records'
import { makeCentre, type TestCentre } from './centre-factories'
import { freshDatabase } from './db'
import { listView, makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let tb: TestCentre
let otherTb: TestCentre
let narcology: TestCentre
let clinic: TestClinic
const now = new Date('2026-11-23T06:00:00Z')
const context = { now, address: '10.0.0.7' }

beforeAll(async () => {
  db = createDatabase(await freshDatabase({ max: 6 }))
  ;[tb, otherTb, narcology, clinic] = await Promise.all([
    makeCentre(db, 'tb'),
    makeCentre(db, 'tb'),
    makeCentre(db, 'narcology'),
    makeClinic(db),
  ])
})

const add = (centre: TestCentre, fields: Partial<Record<string, unknown>>) =>
  addRecord(
    db,
    centre.doctor,
    addRecordSchema.parse({
      withoutIin: false,
      iin: '',
      lastName: '',
      firstName: '',
      middleName: '',
      birthDate: '',
      observationGroup: 'IA',
      observedSince: '2026-03-02',
      idempotencyKey: randomUUID(),
      ...fields,
    }),
    context,
  )

const remove = (centre: TestCentre, fields: Record<string, unknown>) =>
  removeRecord(
    db,
    centre.doctor,
    removeRecordSchema.parse({ removedOn: '2026-11-20', reason: 'recovered', note: '', ...fields }),
    context,
  )

const recordsOf = (iin: string) => db.select().from(dispensaryRecords).where(eq(dispensaryRecords.iin, iin))

describe('Issue 16: a centre adds a person to its registry', () => {
  it('by IIN: name and birth date come from the patients table; an event and an audit row in the same transaction', async () => {
    const person = await makePatient(db, { birthDate: '1979-05-04', lastName: 'Сейтқалиев', firstName: 'Бауыржан' })
    const added = await add(tb, { iin: person.iin, lastName: 'Typed', firstName: 'Name' })
    expect(added).toMatchObject({ ok: true })
    const [record] = await recordsOf(person.iin)
    expect(record).toMatchObject({
      organizationId: tb.organizationId,
      registry: 'tb',
      patientId: person.id,
      lastName: 'Сейтқалиев',
      birthDate: '1979-05-04',
      observationGroup: 'IA',
      source: 'screen',
      addedBy: tb.doctor.id,
    })
    const events = await db.select().from(dispensaryRecordEvents).where(eq(dispensaryRecordEvents.recordId, record!.id))
    expect(events.map((event) => event.type)).toEqual(['added'])
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registry.add'), eq(auditLog.entityId, String(record!.id))))
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: tb.doctor.id, organizationId: tb.organizationId, patientId: person.id })
  })

  it('by IIN of a person only the register of individuals knows; an IIN nobody knows is refused at the field', async () => {
    const individual = demoIndividuals[1]!
    expect(await add(narcology, { iin: individual.iin })).toMatchObject({ ok: true })
    const [record] = await recordsOf(individual.iin)
    expect(record).toMatchObject({ patientId: null, lastName: individual.lastName, birthDate: individual.birthDate })
    const nobody = makeIin({ birthDate: '1977-01-01', sex: 'male', serial: 9911 })
    expect(await add(narcology, { iin: nobody })).toMatchObject({ ok: false, fieldErrors: { iin: 'centre.errors.iinUnknown' } })
    expect(await lookupPersonForRegistry(db, narcology.doctor, individual.iin, context)).toMatchObject({
      ok: true,
      data: { lastName: individual.lastName, birthDate: individual.birthDate },
    })
  })

  it('a second active record of the same person is refused beside the IIN; a future or pre-birth start beside its field', async () => {
    const person = await makePatient(db, { birthDate: '1990-01-15' })
    expect(await add(tb, { iin: person.iin })).toMatchObject({ ok: true })
    expect(await add(tb, { iin: person.iin })).toEqual({
      ok: false,
      code: 'errors.invalidInput',
      fieldErrors: { iin: 'centre.errors.alreadyOnRegistry' },
    })
    // Another TB centre keeps the same registry: still one active record per person.
    expect(await add(otherTb, { iin: person.iin })).toMatchObject({ fieldErrors: { iin: 'centre.errors.alreadyOnRegistry' } })
    const other = await makePatient(db, { birthDate: '1990-01-15' })
    expect(await add(tb, { iin: other.iin, observedSince: '2026-11-24' })).toMatchObject({
      fieldErrors: { observedSince: 'centre.errors.futureDate' },
    })
    expect(await add(tb, { iin: other.iin, observedSince: '1989-12-31' })).toMatchObject({
      fieldErrors: { observedSince: 'centre.errors.beforeBirth' },
    })
    expect(await recordsOf(other.iin)).toEqual([])
  })

  it('two doctors adding the same IIN at the same moment: one record, the other told it is already on the registry', async () => {
    const person = await makePatient(db, { birthDate: '1971-07-07' })
    const results = await Promise.all([
      add(tb, { iin: person.iin }),
      add(otherTb, { iin: person.iin }),
      add(tb, { iin: person.iin }),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((result) => !result.ok)).toEqual(
      Array(2).fill({ ok: false, code: 'errors.invalidInput', fieldErrors: { iin: 'centre.errors.alreadyOnRegistry' } }),
    )
    expect(await recordsOf(person.iin)).toHaveLength(1)
  })

  it('a double submit with one idempotency key adds one record', async () => {
    const person = await makePatient(db, { birthDate: '1966-02-02' })
    const idempotencyKey = randomUUID()
    const [first, second] = await Promise.all([
      add(tb, { iin: person.iin, idempotencyKey }),
      add(tb, { iin: person.iin, idempotencyKey }),
    ])
    expect(first.ok || second.ok).toBe(true)
    expect(await recordsOf(person.iin)).toHaveLength(1)
  })

  it('without an IIN: as typed; the same name and birth date twice is a duplicate (folded: Нурлан = Нұрлан)', async () => {
    const fields = { withoutIin: true, lastName: 'Қайратов', firstName: 'Нұрлан', birthDate: '1988-08-08' }
    const added = await add(tb, fields)
    expect(added).toMatchObject({ ok: true })
    expect(await add(tb, { ...fields, lastName: 'Кайратов', firstName: 'Нурлан' })).toMatchObject({
      fieldErrors: { lastName: 'centre.errors.alreadyOnRegistry' },
    })
    expect(await add(tb, { withoutIin: true, lastName: 'Ан', firstName: 'Ли', birthDate: '2030-01-01' })).toMatchObject({
      fieldErrors: { birthDate: 'centre.errors.futureDate' },
    })
  })
})

describe("Issue 16: removal from the registry, a person's history, and the audit of every read", () => {
  it('removes on a day for a reason against the version seen; a stale version or a future day writes nothing', async () => {
    const person = await makePatient(db, { birthDate: '1980-03-03' })
    const added = await add(tb, { iin: person.iin, observedSince: '2025-01-10' })
    if (!added.ok) throw new Error('not added')
    const recordId = added.data.recordId
    expect(await remove(tb, { recordId, version: 2 })).toEqual({ ok: false, code: 'centre.errors.changedMeanwhile' })
    expect(await remove(tb, { recordId, version: 1, removedOn: '2026-11-24' })).toMatchObject({
      fieldErrors: { removedOn: 'centre.errors.futureDate' },
    })
    expect(await remove(tb, { recordId, version: 1, removedOn: '2025-01-09' })).toMatchObject({
      fieldErrors: { removedOn: 'centre.errors.removedBeforeObserved' },
    })
    expect(
      removeRecordSchema.safeParse({ recordId, version: 1, removedOn: '2026-11-20', reason: 'other', note: '' }).error?.issues,
    ).toEqual([expect.objectContaining({ path: ['note'], message: 'centre.errors.noteRequired' })])
    const [before] = await recordsOf(person.iin)
    expect(before).toMatchObject({ removedOn: null, version: 1 })
    expect(await remove(tb, { recordId, version: 1, reason: 'moved', note: 'Атырауға' })).toEqual({
      ok: true,
      data: { recordId },
    })
    expect(await remove(tb, { recordId, version: 2 })).toEqual({ ok: false, code: 'centre.errors.alreadyRemoved' })
    const [after] = await recordsOf(person.iin)
    expect(after).toMatchObject({ removedOn: '2026-11-20', removalReason: 'moved', removedBy: tb.doctor.id, version: 2 })
    // Back on the registry later: a new record; the history shows both, each with its events.
    expect(await add(tb, { iin: person.iin, observedSince: '2026-11-21' })).toMatchObject({ ok: true })
    const history = await getPersonHistory(db, tb.doctor, recordId, '10.0.0.7')
    expect(history?.records.map((record) => [record.removedOn, record.events.map((event) => event.type)])).toEqual([
      ['2026-11-20', ['added', 'removed']],
      [null, ['added']],
    ])
    expect(history?.records[0]!.events[1]!.data).toEqual({ removedOn: '2026-11-20', reason: 'moved', note: 'Атырауға' })
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registry.read'), eq(auditLog.entityId, String(recordId))))
    expect(reads).toHaveLength(1)
    expect(reads[0]).toMatchObject({ actorId: tb.doctor.id, patientId: person.id, address: '10.0.0.7' })
    const removals = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registry.remove'), eq(auditLog.entityId, String(recordId))))
    expect(removals).toHaveLength(1)
  })

  it('the list: search by IIN, folded surname, birth date; active or removed; each view audited', async () => {
    const person = await makePatient(db, { birthDate: '1975-12-12', lastName: 'Әбдірахманов', firstName: 'Ғалым' })
    const added = await add(tb, { iin: person.iin })
    if (!added.ok) throw new Error('not added')
    const search = async (text: string, status: 'active' | 'removed' | 'all' = 'active') =>
      (await listRegistry(
        db,
        tb.doctor,
        { status, query: parseSearchQuery(text), before: null },
        listView(new Date(), text),
      ))!.rows.map((row) => row.id)
    expect(await search(person.iin)).toEqual([added.data.recordId])
    expect(await search('абдирахманов галым')).toEqual([added.data.recordId])
    expect(await search('15.12.1975')).toEqual([])
    expect(await search('12.12.1975')).toContain(added.data.recordId)
    expect(await search(person.iin, 'removed')).toEqual([])
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dispensaryRegistry.view'), eq(auditLog.actorId, tb.doctor.id)))
    expect(views.length).toBeGreaterThanOrEqual(5)
  })

  it('keyset pages of 50, newest first', async () => {
    const centre = await makeCentre(db, 'mental_health')
    for (let i = 0; i < 55; i++)
      expect(
        await add(centre, {
          withoutIin: true,
          lastName: 'Тест',
          firstName: `Адам`,
          middleName: `Н${'а'.repeat(i + 1)}`,
          birthDate: '1970-01-01',
        }),
      ).toMatchObject({ ok: true })
    const first = (await listRegistry(db, centre.doctor, { status: 'all', query: { kind: 'empty' }, before: null }, listView()))!
    expect(first.rows).toHaveLength(50)
    const second = (await listRegistry(
      db,
      centre.doctor,
      { status: 'all', query: { kind: 'empty' }, before: first.before },
      listView(),
    ))!
    expect(second.rows).toHaveLength(5)
    expect(second.before).toBeNull()
    expect(Math.max(...second.rows.map((row) => row.id))).toBeLessThan(Math.min(...first.rows.map((row) => row.id)))
  })

  it("a centre sees only its own registry: another centre's doctor and a clinic's staff find forged ids missing", async () => {
    const person = await makePatient(db, { birthDate: '1983-06-06' })
    const added = await add(tb, { iin: person.iin })
    if (!added.ok) throw new Error('not added')
    const recordId = added.data.recordId
    expect(await getPersonHistory(db, otherTb.doctor, recordId, null)).toBeNull()
    expect(await getPersonHistory(db, narcology.doctor, recordId, null)).toBeNull()
    expect(await getPersonHistory(db, clinic.staff.chief, recordId, null)).toBeNull()
    expect(await remove(otherTb, { recordId, version: 1 })).toEqual({ ok: false, code: 'centre.errors.recordNotFound' })
    expect(
      await removeRecord(
        db,
        clinic.staff.head,
        removeRecordSchema.parse({ recordId, version: 1, removedOn: '2026-11-20', reason: 'death', note: '' }),
        context,
      ),
    ).toEqual({
      ok: false,
      code: 'centre.errors.recordNotFound',
    })
    const seen = await listRegistry(
      db,
      otherTb.doctor,
      { status: 'all', query: parseSearchQuery(person.iin), before: null },
      listView(),
    )
    expect(seen?.rows).toEqual([])
    expect(
      await listRegistry(db, clinic.staff.registrar, { status: 'all', query: { kind: 'empty' }, before: null }, listView()),
    ).toBeNull()
    const [record] = await recordsOf(person.iin)
    expect(record).toMatchObject({ removedOn: null, version: 1 })
  })
})

async function* bodyOf(text: string, chunk = 64): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8')
  for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk)
}

const header = 'iin;last_name;first_name;middle_name;birth_date;group;observed_since'

const check = async (centre: TestCentre, text: string) => {
  const checked = await checkImport(db, centre.doctor, { fileName: 'test.csv', body: bodyOf(text) }, context)
  if (!checked.ok) throw new Error(checked.code)
  const preview = await getImportPreview(db, centre.doctor, checked.data.importId, null, listView())
  return preview!
}

const countRecords = async (organizationId: number) =>
  (
    await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(dispensaryRecords)
      .where(eq(dispensaryRecords.organizationId, organizationId))
  )[0]!.n

describe('Issue 16: CSV import: checked line by line, nothing written before the confirmation, all or nothing', () => {
  it('each bad line is told with its line, column and reason; an import with errors cannot be committed and writes nothing', async () => {
    const centre = await makeCentre(db, 'tb')
    const known = await makePatient(db, { birthDate: '1961-06-06' })
    const already = await makePatient(db, { birthDate: '1962-02-02' })
    expect(await add(centre, { iin: already.iin })).toMatchObject({ ok: true })
    const nobody = makeIin({ birthDate: '1977-01-01', sex: 'male', serial: 9912 })
    const text = [
      header,
      `${known.iin};;;;;IA;01.03.2024`,
      `${nobody};Белгісіз;Адам;;1977-01-01;IA;2024-03-01`,
      `${known.iin};;;;;II;2024-03-01`,
      `;Ахметов;Болат;;31.02.1980;IA;2024-03-01`,
      `;Ахметов;Болат;;1980-02-01;IA;2027-01-01`,
      `${already.iin};;;;;IA;2024-03-01`,
      `${known.iin.slice(0, 11)}0;;;;;IA;2024-03-01`,
      `;Ахметов;;;1980-02-01;IA;2024-03-01`,
      `${demoIndividuals[0]!.iin};;;;1985-04-13;IA;2024-03-01`,
      `only;three;cells`,
    ].join('\n')
    const before = await countRecords(centre.organizationId)
    const preview = await check(centre, text)
    expect(preview).toMatchObject({ status: 'checked', lines: 10, errorLines: 9, fileError: null })
    expect(preview.shown.map((line) => [line.line, line.errorField, line.error])).toEqual([
      [3, 'iin', 'centre.import.errors.unknownIin'],
      [4, 'iin', 'centre.import.errors.duplicateInFile'],
      [5, 'birth_date', 'centre.import.errors.badDate'],
      [6, 'observed_since', 'centre.import.errors.futureDate'],
      [7, 'iin', 'centre.import.errors.alreadyOnRegistry'],
      [8, 'iin', 'centre.import.errors.iin'],
      [9, 'first_name', 'centre.import.errors.nameRequired'],
      [10, 'birth_date', 'centre.import.errors.birthDateMismatch'],
      [11, null, 'centre.import.errors.columns'],
    ])
    expect(await commitImport(db, centre.doctor, { importId: preview.id, version: preview.version }, context)).toEqual({
      ok: false,
      code: 'centre.import.errors.notCommittable',
    })
    expect(await countRecords(centre.organizationId)).toBe(before)
  })

  it('a file with one bad line among good ones cannot be committed and writes nothing', async () => {
    const centre = await makeCentre(db, 'tb')
    const people = await Promise.all([1, 2, 3].map(() => makePatient(db, { birthDate: '1970-10-10' })))
    const lines = people.map((person) => `${person.iin};;;;;IA;2024-03-01`)
    const preview = await check(centre, [header, ...lines, `${people[0]!.iin.slice(0, 11)}9;;;;;IA;2024-03-01`].join('\r\n'))
    expect(preview.errorLines).toBe(1)
    expect(await commitImport(db, centre.doctor, { importId: preview.id, version: preview.version }, context)).toMatchObject({
      ok: false,
    })
    expect(await countRecords(centre.organizationId)).toBe(0)
  })

  it('a good file (comma-separated, with a BOM, quoted cells) is committed whole: records, «imported» events, one audit row', async () => {
    const centre = await makeCentre(db, 'mental_health')
    const people = await Promise.all([1, 2].map(() => makePatient(db, { birthDate: '1993-03-03' })))
    const text = `\uFEFF${header.replaceAll(';', ',')}\n${people[0]!.iin},,,,,"D-1",2024-03-01\n"${people[1]!.iin}",,,,03.03.1993,D-2,2025-05-05\n,"Ким","Ирина","",1990-07-21,D-1,2025-01-01\n`
    const preview = await check(centre, text)
    expect(preview).toMatchObject({ lines: 3, errorLines: 0, fileError: null })
    expect(preview.shown.map((line) => line.name)).toEqual(['Жұмабаева Айгүл', 'Жұмабаева Айгүл', 'Ким Ирина'])
    expect(await countRecords(centre.organizationId)).toBe(0)
    const committed = await commitImport(db, centre.doctor, { importId: preview.id, version: preview.version }, context)
    expect(committed).toEqual({ ok: true, data: { records: 3 } })
    const records = await db.select().from(dispensaryRecords).where(eq(dispensaryRecords.organizationId, centre.organizationId))
    expect(records.map((record) => [record.source, record.importId, record.observationGroup]).sort()).toEqual([
      ['import', preview.id, 'D-1'],
      ['import', preview.id, 'D-1'],
      ['import', preview.id, 'D-2'],
    ])
    const events = await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(dispensaryRecordEvents)
      .where(
        dsql`${dispensaryRecordEvents.recordId} in ${records.map((record) => record.id)} and ${dispensaryRecordEvents.type} = 'imported'`,
      )
    expect(events[0]!.n).toBe(3)
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'registry.import'), eq(auditLog.entityId, preview.id))),
    ).toHaveLength(1)
    // Confirmed twice: refused, nothing more written.
    expect(await commitImport(db, centre.doctor, { importId: preview.id, version: preview.version + 1 }, context)).toEqual({
      ok: false,
      code: 'centre.import.errors.alreadyCommitted',
    })
    expect(await countRecords(centre.organizationId)).toBe(3)
  })

  it('a person put on the registry between the check and the confirmation fails the commit, which writes nothing', async () => {
    const centre = await makeCentre(db, 'tb')
    const people = await Promise.all([1, 2, 3].map(() => makePatient(db, { birthDate: '1968-08-18' })))
    const preview = await check(centre, [header, ...people.map((person) => `${person.iin};;;;;IA;2024-03-01`)].join('\n'))
    expect(preview.errorLines).toBe(0)
    expect(await add(centre, { iin: people[2]!.iin })).toMatchObject({ ok: true })
    expect(await commitImport(db, centre.doctor, { importId: preview.id, version: preview.version }, context)).toEqual({
      ok: false,
      code: 'centre.import.errors.changedSinceCheck',
    })
    expect(await countRecords(centre.organizationId)).toBe(1)
    const [stored] = await db.select().from(dispensaryImports).where(eq(dispensaryImports.id, preview.id))
    expect(stored!.status).toBe('checked')
  })

  it('a file that is not the expected CSV is refused whole: another header, not UTF-8, empty', async () => {
    const centre = await makeCentre(db, 'narcology')
    expect((await check(centre, 'ИИН;Фамилия\n1;2\n')).fileError).toBe('centre.import.errors.header')
    expect((await check(centre, '')).fileError).toBe('centre.import.errors.empty')
    expect((await check(centre, `${header}\n`)).fileError).toBe('centre.import.errors.noLines')
    const latin1 = async function* () {
      yield Buffer.from(`${header}\n;`, 'utf8')
      yield Buffer.from([0xc0, 0xfe, 0x3b])
    }
    const checked = await checkImport(db, centre.doctor, { fileName: 'x.csv', body: latin1() }, context)
    if (!checked.ok) throw new Error(checked.code)
    expect((await getImportPreview(db, centre.doctor, checked.data.importId, null, listView()))!.fileError).toBe(
      'centre.import.errors.notUtf8',
    )
  })

  it("another centre's import looks missing, and cannot be committed", async () => {
    const centre = await makeCentre(db, 'tb')
    const person = await makePatient(db, { birthDate: '1964-04-04' })
    const preview = await check(centre, `${header}\n${person.iin};;;;;IA;2024-03-01`)
    expect(await getImportPreview(db, otherTb.doctor, preview.id, null, listView())).toBeNull()
    expect(await commitImport(db, otherTb.doctor, { importId: preview.id, version: preview.version }, context)).toEqual({
      ok: false,
      code: 'centre.import.errors.importNotFound',
    })
    expect(await countRecords(centre.organizationId)).toBe(0)
  })
})

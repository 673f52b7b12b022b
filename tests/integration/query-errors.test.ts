import { inspect } from 'node:util'
import { DrizzleQueryError, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/db/client'
import { patients, requests } from '@/db/schema'
import { getDeskPrintForStaff, getDocumentPdfForStaff } from '@/lib/documents/queries'
import { violatedConstraint } from '@/lib/errors/database'
import { getAttachmentCoupon } from '@/lib/services/attachment/coupon'
import { getRequestForStaff } from '@/lib/requests/queries'
import { freshDb } from './db'
import { makeClinic, makePatient, type TestClinic } from './factories'

let db: Database
let clinic: TestClinic

beforeAll(async () => {
  ;({ db } = await freshDb())
  clinic = await makeClinic(db)
})

async function failureOf(statement: Promise<unknown>): Promise<DrizzleQueryError> {
  const error = await statement.then(
    () => null,
    (failure: unknown) => failure,
  )
  expect(error).toBeInstanceOf(DrizzleQueryError)
  return error as DrizzleQueryError
}

// Everything the server log can print of an error: Next.js logs what a page or an action throws with console.error,
// which is util.inspect (cause included); a developer's `String(error)` and the stack.
function printed(error: unknown): string {
  return [
    String(error),
    error instanceof Error ? (error.stack ?? '') : '',
    inspect(error, { depth: 5 }),
    inspect(error, { depth: 5, showHidden: true }),
    JSON.stringify(error),
  ].join('\n')
}

describe('The server log never prints a query’s parameters (a person’s data)', () => {
  it('a NUL byte inside a name fails the statement; the error keeps the SQL and the code, not the name', async () => {
    const name = 'Сейітқалиева\u0000Жанар 920314400015'
    const error = await failureOf(
      db.insert(patients).values({
        iin: '920314400015',
        lastName: name,
        firstName: 'Жанар',
        birthDate: '1992-03-14',
        sex: 'female',
        status: 'citizen',
        address: 'Ақтау қ., 7 шағын аудан, 19 үй',
      }),
    )
    expect(error.query).toMatch(/^insert into "patients"/)
    expect(error.cause).toMatchObject({ code: '22021' }) // invalid byte sequence for encoding "UTF8": 0x00
    const log = printed(error)
    expect(log).toContain('insert into "patients"')
    expect(log).toContain('22021')
    for (const value of ['Сейітқалиева', '920314400015', 'Жанар', '7 шағын аудан']) expect(log).not.toContain(value)
  })

  it('a unique violation still maps to its constraint; the key PostgreSQL quotes in `detail` is not printed', async () => {
    const existing = await makePatient(db, { lastName: 'Тұрсынбекова' })
    const error = await failureOf(
      db.insert(patients).values({
        iin: existing.iin,
        lastName: 'Омарова',
        firstName: 'Динара',
        birthDate: '1985-04-12',
        sex: 'female',
        status: 'citizen',
        address: 'Ақтау қ., 3 шағын аудан, 4 үй',
      }),
    )
    expect(violatedConstraint(error)).toBe('patients_iin_unique')
    expect(error.cause).toMatchObject({ code: '23505', table_name: 'patients', constraint_name: 'patients_iin_unique' })
    const log = printed(error)
    expect(log).toContain('patients_iin_unique')
    for (const value of [existing.iin, 'Омарова', 'Динара', '3 шағын аудан']) expect(log).not.toContain(value)
  })

  it('a value PostgreSQL quotes back in its message is cut out of it', async () => {
    const error = await failureOf(db.select().from(requests).where(eq(requests.id, 'Серікбаев-920314400015')))
    expect(error.cause).toMatchObject({ code: '22P02' }) // invalid input syntax for type uuid
    expect(error.cause?.message).toMatch(/invalid input syntax for type uuid/)
    const log = printed(error)
    for (const value of ['Серікбаев', '920314400015']) expect(log).not.toContain(value)
  })

  it('inside a transaction, and through db.execute, the same', async () => {
    const error = await failureOf(
      db.transaction(async (tx) => {
        await tx.execute(sql`select ${'Әлімжанов\u0000 Ерлан'}::text`)
      }),
    )
    expect(error.cause).toMatchObject({ code: '22021' })
    const log = printed(error)
    for (const value of ['Әлімжанов', 'Ерлан']) expect(log).not.toContain(value)
  })

  it('a message that quotes no parameter stays as PostgreSQL wrote it (documents.test.ts: a trigger’s too)', async () => {
    const error = await failureOf(db.execute(sql`select 1 / ${0}::int`))
    expect(error.cause?.message).toBe('division by zero')
    expect(error.cause).toMatchObject({ code: '22012' })
  })
})

describe('An id from the URL that cannot be one is "not found" before any query', () => {
  it.each([
    { label: '36 dashes (the coupon route used to let them through)', id: '-'.repeat(36) },
    { label: 'a NUL byte (%00)', id: '6f1d8f0e-3c1a-4c55-9a55-0d6c1f0b2a1\u0000' },
    { label: 'U+FFFD (%ED%A0%80 as a URL decodes it)', id: '\uFFFD\uFFFD\uFFFD' },
    { label: 'a number', id: '42' },
  ])('$label', async ({ id }) => {
    const registrar = clinic.staff.registrar
    expect(await getAttachmentCoupon(db, registrar, id, null)).toBeNull()
    expect(await getDeskPrintForStaff(db, registrar, id, null)).toBeNull()
    expect(await getDocumentPdfForStaff(db, registrar, id, null)).toBeNull()
    expect(await getRequestForStaff(db, registrar, id, null)).toBeNull()
  })
})

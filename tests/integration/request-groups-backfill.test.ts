import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createDatabase } from '@/db/client'
import { migrationsFolder } from '@/db/migrate'
import { requestGroups, requests } from '@/db/schema'
import { transitionRequest, type EngineContext } from '@/lib/requests/engine'
import { getRequestForStaff } from '@/lib/requests/queries'
import { makeClinic, makePatient } from './factories'
import { ensureTestMonths } from './test-partitions'

const context: EngineContext = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
// Found by name: the migration's number may change when branches merge.
const backfill = /^\d+_request_groups_backfill$/
const scratch = mkdtempSync(path.join(tmpdir(), 'tirkeu-migrations-'))
let sql: postgres.Sql | null = null

afterAll(async () => {
  await sql?.end()
  rmSync(scratch, { recursive: true, force: true })
})

// Every migration but the backfill (the later ones too, so the factories' columns exist): rows are written the way the
// app wrote them before it, then the backfill runs as the migrator runs it, statement by statement in one transaction.
function migrationsWithout(tag: RegExp): { folder: string; backfill: string[] } {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  const skipped = journal.entries.find((entry) => tag.test(entry.tag))
  if (!skipped) throw new Error(`no migration ${tag}`)
  const entries = journal.entries.filter((entry) => entry !== skipped)
  mkdirSync(path.join(scratch, 'meta'), { recursive: true })
  writeFileSync(path.join(scratch, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }))
  for (const entry of entries) cpSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(scratch, `${entry.tag}.sql`))
  const text = readFileSync(path.join(migrationsFolder, `${skipped.tag}.sql`), 'utf8')
  return { folder: scratch, backfill: text.split('--> statement-breakpoint') }
}

describe('Migration request_groups_backfill: families submitted before request groups become groups (p.30 para 2)', () => {
  it('each family in the payload becomes a request group with its applicant and key; the payload loses the keys', async () => {
    const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} })
    const name = `tirkeu_test_${randomBytes(6).toString('hex')}`
    try {
      await admin.unsafe(`create database ${name}`)
    } finally {
      await admin.end()
    }
    const url = new URL(inject('adminUrl'))
    url.pathname = `/${name}`
    sql = postgres(url.toString(), { max: 3, onnotice: () => {} })
    const db = createDatabase(sql)
    const migrations = migrationsWithout(backfill)
    await migrate(drizzle(sql), { migrationsFolder: migrations.folder })
    await ensureTestMonths(sql)

    const clinic = await makeClinic(db, 'Backfill clinic')
    const mother = await makePatient(db, { birthDate: '1990-02-02' })
    const child = await makePatient(db, { birthDate: '2017-05-05', phone: null })
    const alone = await makePatient(db)
    const familyGroupId = randomUUID()
    const formKey = randomUUID()
    const submittedAt = new Date('2026-11-20T05:00:00Z')
    const old = (patientId: number, key: string, family: boolean) => ({
      organizationId: clinic.organizationId,
      patientId,
      applicantStaffId: clinic.staff.registrar.id,
      service: 'attachment',
      channel: 'desk' as const,
      status: 'submitted' as const,
      payload: {
        patientId,
        basis: 'residence_change',
        ...(family ? { familyGroupId, familyApplicantId: mother.id, familyWrittenConsent: true } : {}),
      },
      idempotencyKey: key,
      submittedAt,
      dueAt: new Date('2026-11-27T13:00:00Z'),
    })
    await db
      .insert(requests)
      .values([
        old(mother.id, `${formKey}:family:1`, true),
        old(child.id, `${formKey}:family:2`, true),
        old(alone.id, randomUUID(), false),
      ])

    await sql.begin(async (tx) => {
      for (const statement of migrations.backfill) await tx.unsafe(statement)
    })

    expect(await db.select().from(requestGroups)).toEqual([
      {
        id: familyGroupId,
        organizationId: clinic.organizationId,
        applicantPatientId: mother.id,
        writtenConsent: true,
        idempotencyKey: formKey,
        createdAt: submittedAt,
      },
    ])
    const rows = await db
      .select({ patientId: requests.patientId, groupId: requests.groupId, payload: requests.payload })
      .from(requests)
      .orderBy(asc(requests.number))
    expect(rows).toEqual([
      { patientId: mother.id, groupId: familyGroupId, payload: { patientId: mother.id, basis: 'residence_change' } },
      { patientId: child.id, groupId: familyGroupId, payload: { patientId: child.id, basis: 'residence_change' } },
      { patientId: alone.id, groupId: null, payload: { patientId: alone.id, basis: 'residence_change' } },
    ])
    // The old family is found, shown and decided as a group.
    const [childRequest] = await db.select({ id: requests.id }).from(requests).where(eq(requests.patientId, child.id))
    expect(await getRequestForStaff(db, clinic.staff.registrar, childRequest!.id, null)).toMatchObject({
      family: { applicantPatientId: mother.id, members: [{ status: 'submitted' }] },
    })
    expect(
      await transitionRequest(
        db,
        clinic.staff.registrar,
        { operation: 'take', requestId: childRequest!.id, version: 1 },
        context,
      ),
    ).toMatchObject({ ok: true, data: { group: 2 } })
  })
})

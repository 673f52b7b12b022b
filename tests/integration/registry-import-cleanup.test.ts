import { and, eq, inArray, sql as dsql } from 'drizzle-orm'
import postgres from 'postgres'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { appRole } from '@/db/app-role'
import { createDatabase, type Database } from '@/db/client'
import { importCleanupQueue, jobQueues } from '@/db/job-queues'
import { auditLog, dispensaryImportLines, dispensaryImports, dispensaryRecordEvents, dispensaryRecords } from '@/db/schema'
import { checkImport, commitImport, getImportPreview } from '@/lib/registries/import'
import { removeExpiredImports } from '@/lib/registries/import-cleanup'
import { lockRegistryForImport } from '@/lib/registries/lock'
import { importKeeping, previewExpired } from '@/lib/registries/rules/import-expiry'
import { makeCentre, type TestCentre } from './centre-factories'
import { freshDatabase } from './db'
import { listView, makePatient } from './factories'

// Issue 16: the staged lines of CSV imports nobody confirmed, or already confirmed, are removed by the hourly job
// (lib/registries/import-cleanup.ts); a confirmation in progress always wins.
let sql: postgres.Sql
let db: Database
let tb: TestCentre
const context = () => ({ now: new Date(), address: '10.0.0.9' })
const hours = (count: number) => new Date(Date.now() + count * 60 * 60 * 1000)

beforeAll(async () => {
  sql = await freshDatabase({ max: 6 })
  db = createDatabase(sql)
  tb = await makeCentre(db, 'tb')
})

const header = 'iin;last_name;first_name;middle_name;birth_date;group;observed_since'

async function* bodyOf(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, 'utf8')
}

// A file of `count` lines with a bad IIN each: staged with their errors, as an abandoned preview's lines are.
const badFile = (count: number) =>
  [header, ...Array.from({ length: count }, (_, index) => `00000000${String(index).padStart(4, '0')};;;;;IA;2024-03-01`)].join(
    '\n',
  )

async function upload(centre: TestCentre, text: string): Promise<string> {
  const checked = await checkImport(db, centre.doctor, { fileName: 'old.csv', body: bodyOf(text) }, context())
  if (!checked.ok) throw new Error(checked.code)
  return checked.data.importId
}

const stagedLines = async (importId: string) =>
  (
    await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(dispensaryImportLines)
      .where(eq(dispensaryImportLines.importId, importId))
  )[0]!.n

const importRow = async (importId: string) =>
  (await db.select().from(dispensaryImports).where(eq(dispensaryImports.id, importId)))[0] ?? null

const cleanupAudit = (importId: string) =>
  db
    .select({ action: auditLog.action, actorKind: auditLog.actorKind, details: auditLog.details })
    .from(auditLog)
    .where(
      and(inArray(auditLog.action, ['registry.importExpired', 'registry.importLinesRemoved']), eq(auditLog.entityId, importId)),
    )

// The age of an import, as if its check had ended (or last got further) `ago` milliseconds before the database's now.
async function age(importId: string, ago: number, status?: 'checking') {
  await sql`
    update dispensary_imports set checked_at = now() - ${`${ago} milliseconds`}::interval,
      created_at = now() - ${`${ago + 60_000} milliseconds`}::interval ${status ? sql`, status = ${status}` : sql``}
    where id = ${importId}`
}

describe('Issue 16: an import nobody confirmed is removed with its lines; a confirmed one keeps its records', () => {
  it('removes a preview checked over a day ago and a check stalled over an hour; keeps younger ones; audits the lines', async () => {
    // Each by another centre's doctor: a person's new upload replaces her own previews (tested below).
    const [one, two, three] = await Promise.all([1, 2, 3].map(() => makeCentre(db, 'tb')))
    const stale = await upload(tb, badFile(30))
    const fresh = await upload(one!, badFile(5))
    const stalled = await upload(two!, badFile(12))
    const running = await upload(three!, badFile(7))
    await age(stale, importKeeping.checkedMs + 60_000)
    await age(fresh, importKeeping.checkedMs - 60 * 60_000)
    await age(stalled, importKeeping.stalledMs + 60_000, 'checking')
    // Uploaded two hours ago, but it stored a batch a minute ago: still running.
    await age(running, 60_000, 'checking')
    await sql`update dispensary_imports set created_at = now() - interval '2 hours' where id = ${running}`

    expect(await removeExpiredImports(db, new Date())).toEqual({ imports: 2, lines: 42, skipped: 0 })
    expect(await importRow(stale)).toBeNull()
    expect(await importRow(stalled)).toBeNull()
    expect([await stagedLines(stale), await stagedLines(stalled)]).toEqual([0, 0])
    expect([await stagedLines(fresh), await stagedLines(running)]).toEqual([5, 7])
    expect(await cleanupAudit(stale)).toEqual([
      {
        action: 'registry.importExpired',
        actorKind: 'system',
        details: expect.objectContaining({ registry: 'tb', fileName: 'old.csv', status: 'checked', lines: 30 }),
      },
    ])
    // A check that stopped half-way has no count of its own: the audit row counts what went.
    expect((await cleanupAudit(stalled))[0]?.details).toMatchObject({ status: 'checking', lines: 12 })
    // Idempotent: the next run finds nothing to do.
    expect(await removeExpiredImports(db, new Date())).toEqual({ imports: 0, lines: 0, skipped: 0 })
    expect(await cleanupAudit(stale)).toHaveLength(1)
    // Two days on, both have expired too.
    expect(await removeExpiredImports(db, hours(48))).toEqual({ imports: 2, lines: 12, skipped: 0 })
  })

  it('a confirmed import loses its staged lines only: records, events, the import and its audit stay', async () => {
    const centre = await makeCentre(db, 'mental_health')
    const people = await Promise.all([1, 2, 3].map(() => makePatient(db, { birthDate: '1971-01-01' })))
    const importId = await upload(centre, [header, ...people.map((person) => `${person.iin};;;;;D-1;2024-03-01`)].join('\n'))
    const preview = await getImportPreview(db, centre.doctor, importId, null, listView())
    expect(await commitImport(db, centre.doctor, { importId, version: preview!.version }, context())).toMatchObject({ ok: true })
    const before = await db.select().from(dispensaryRecords).where(eq(dispensaryRecords.importId, importId))
    expect(before).toHaveLength(3)

    expect(await removeExpiredImports(db, new Date())).toMatchObject({ imports: 1, lines: 3 })
    expect(await stagedLines(importId)).toBe(0)
    expect(await importRow(importId)).toMatchObject({ status: 'committed', lines: 3 })
    expect(await db.select().from(dispensaryRecords).where(eq(dispensaryRecords.importId, importId))).toEqual(before)
    const events = await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(dispensaryRecordEvents)
      .where(
        inArray(
          dispensaryRecordEvents.recordId,
          before.map((record) => record.id),
        ),
      )
    expect(events[0]!.n).toBe(3)
    expect((await cleanupAudit(importId)).map((row) => [row.action, row.details.lines])).toEqual([
      ['registry.importLinesRemoved', 3],
    ])
    // The confirmed page reads the import, not its lines: the same before and after.
    expect(await getImportPreview(db, centre.doctor, importId, null, listView())).toMatchObject({
      status: 'committed',
      expired: false,
      shown: [],
    })
    expect(await removeExpiredImports(db, new Date())).toMatchObject({ imports: 0, lines: 0 })
  })

  it('a batch of lines per transaction, a bounded number per run; begun, the preview can no longer be confirmed', async () => {
    const centre = await makeCentre(db, 'narcology')
    const person = await makePatient(db, { birthDate: '1980-05-05' })
    // A good preview of one line, and an abandoned one of 25 lines: both expired.
    const good = await upload(centre, `${header}\n${person.iin};;;;;II;2024-03-01`)
    const big = await upload(centre, badFile(25))
    const version = (await importRow(good))!.version
    await age(good, importKeeping.checkedMs + 1000)
    await age(big, importKeeping.checkedMs + 2000)

    // 3 batches of 4 lines: the oldest (big) loses 12 lines and is marked; nothing else is touched in this run.
    expect(await removeExpiredImports(db, new Date(), { batch: 4, batches: 3 })).toEqual({ imports: 0, lines: 12, skipped: 0 })
    expect(await stagedLines(big)).toBe(13)
    expect(await importRow(big)).toMatchObject({ fileError: previewExpired, lines: 25 })
    expect(await stagedLines(good)).toBe(1)
    // An expired preview is refused even before the job reaches it, and a begun one stays refused.
    expect(await commitImport(db, centre.doctor, { importId: good, version }, context())).toEqual({
      ok: false,
      code: previewExpired,
    })
    expect(await getImportPreview(db, centre.doctor, big, null, listView())).toMatchObject({ expired: true, shown: [] })
    expect(await db.select().from(dispensaryRecords).where(eq(dispensaryRecords.organizationId, centre.organizationId))).toEqual(
      [],
    )

    expect(await removeExpiredImports(db, new Date(), { batch: 4, batches: 3 })).toEqual({ imports: 0, lines: 12, skipped: 0 })
    expect(await removeExpiredImports(db, new Date(), { batch: 4, batches: 3 })).toEqual({ imports: 2, lines: 2, skipped: 0 })
    expect([await importRow(big), await importRow(good)]).toEqual([null, null])
    expect((await cleanupAudit(big)).map((row) => row.details.lines)).toEqual([25])
    // Removed: the page reads nothing (and says the preview expired, app/centre/import/page.tsx).
    expect(await getImportPreview(db, centre.doctor, big, null, listView())).toBeNull()
  })

  it('two runs at once remove each import once, with one audit row', async () => {
    const centre = await makeCentre(db, 'tb')
    const ids = [await upload(centre, badFile(9)), await upload(centre, badFile(11))]
    for (const id of ids) await age(id, importKeeping.checkedMs + 1000)
    const [first, second] = await Promise.all([
      removeExpiredImports(db, new Date(), { batch: 2, batches: 100 }),
      removeExpiredImports(db, new Date(), { batch: 2, batches: 100 }),
    ])
    expect(first.lines + second.lines).toBe(20)
    for (const id of ids) {
      expect(await importRow(id)).toBeNull()
      expect(await cleanupAudit(id)).toHaveLength(1)
    }
  })
})

describe('Issue 16: a confirmation in progress wins over the cleanup', () => {
  it('a commit holding the import (waiting for the registry lock) is skipped; once done, only its lines go', async () => {
    const centre = await makeCentre(db, 'mental_health')
    const people = await Promise.all([1, 2].map(() => makePatient(db, { birthDate: '1975-07-07' })))
    const importId = await upload(centre, [header, ...people.map((person) => `${person.iin};;;;;D-2;2024-03-01`)].join('\n'))
    const version = (await importRow(importId))!.version
    // Another import of this registry holds the registry's import lock: the commit takes the import's row and waits.
    let release = () => {}
    let locked = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const lockTaken = new Promise<void>((resolve) => (locked = resolve))
    const holding = db.transaction(async (tx) => {
      await lockRegistryForImport(tx, 'mental_health')
      locked()
      await held
    })
    await lockTaken
    const committing = commitImport(db, centre.doctor, { importId, version }, context())
    let waiting = false
    for (let attempt = 0; attempt < 500 && !waiting; attempt++) {
      const rows = await db.execute<{ n: number }>(
        dsql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
      )
      waiting = (rows[0]?.n ?? 0) > 0
    }
    expect(waiting).toBe(true)
    // A day later by the job's clock, the preview has expired: but it is being confirmed, so the job skips it.
    expect(await removeExpiredImports(db, hours(25))).toEqual({ imports: 0, lines: 0, skipped: 1 })
    expect(await stagedLines(importId)).toBe(2)
    release()
    await holding
    expect(await committing).toEqual({ ok: true, data: { records: 2 } })
    expect(await removeExpiredImports(db, hours(25))).toMatchObject({ imports: 1, lines: 2 })
    expect(await importRow(importId)).toMatchObject({ status: 'committed' })
    expect(await db.select().from(dispensaryRecords).where(eq(dispensaryRecords.importId, importId))).toHaveLength(2)
  })

  it('the cleanup holding an import: a commit waits for it, then is refused as expired and writes nothing', async () => {
    const centre = await makeCentre(db, 'narcology')
    const person = await makePatient(db, { birthDate: '1979-09-09' })
    const importId = await upload(centre, `${header}\n${person.iin};;;;;I;2024-03-01`)
    const version = (await importRow(importId))!.version
    await age(importId, importKeeping.checkedMs + 1000)
    // The job's first batch, held open: it has marked the import and removed its line, not yet committed.
    let release = () => {}
    let locked = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const lockTaken = new Promise<void>((resolve) => (locked = resolve))
    const batch = db.transaction(async (tx) => {
      await tx.select().from(dispensaryImports).where(eq(dispensaryImports.id, importId)).for('update', { skipLocked: true })
      await tx.update(dispensaryImports).set({ fileError: previewExpired }).where(eq(dispensaryImports.id, importId))
      await tx.delete(dispensaryImportLines).where(eq(dispensaryImportLines.importId, importId))
      locked()
      await held
    })
    await lockTaken
    // By the commit's clock the preview is still young (a clock a little behind the job's): only the mark stops it.
    const committing = commitImport(db, centre.doctor, { importId, version }, { ...context(), now: hours(-24) })
    let waiting = false
    for (let attempt = 0; attempt < 500 && !waiting; attempt++) {
      const rows = await db.execute<{ n: number }>(
        dsql`select count(*)::int as n from pg_locks where locktype = 'transactionid' and not granted`,
      )
      waiting = (rows[0]?.n ?? 0) > 0
    }
    expect(waiting).toBe(true)
    release()
    await batch
    expect(await committing).toEqual({ ok: false, code: previewExpired })
    expect(await db.select().from(dispensaryRecords).where(eq(dispensaryRecords.organizationId, centre.organizationId))).toEqual(
      [],
    )
    // The job's next batch finishes it: no line left, the import removed.
    expect(await removeExpiredImports(db, new Date())).toMatchObject({ imports: 1, lines: 0 })
    expect(await importRow(importId)).toBeNull()
  })

  it('a check that stalls, is marked by the job, then comes back, stays expired and its later lines go too', async () => {
    const centre = await makeCentre(db, 'tb')
    let resume = () => {}
    let paused = () => {}
    const resumed = new Promise<void>((resolve) => (resume = resolve))
    const pausedAt = new Promise<void>((resolve) => (paused = resolve))
    const lines = badFile(2500).split('\n')
    async function* body() {
      yield Buffer.from(`${lines.slice(0, 1501).join('\n')}\n`, 'utf8')
      await resumed
      yield Buffer.from(lines.slice(1501).join('\n'), 'utf8')
    }
    let progress = 0
    const checking = checkImport(db, centre.doctor, { fileName: 'slow.csv', body: body() }, context(), (count) => {
      progress = count
      paused()
    })
    await pausedAt
    expect(progress).toBe(1000)
    const [row] = await db
      .select({ id: dispensaryImports.id, status: dispensaryImports.status })
      .from(dispensaryImports)
      .where(eq(dispensaryImports.organizationId, centre.organizationId))
    expect(row!.status).toBe('checking')
    // An hour later by the job's clock, nothing stored since: stalled. A bounded run marks it and removes a batch.
    expect(await removeExpiredImports(db, hours(1.1), { batch: 600, batches: 1 })).toMatchObject({ lines: 600 })
    resume()
    expect(await checking).toEqual({ ok: true, data: { importId: row!.id } })
    expect(await importRow(row!.id)).toMatchObject({ status: 'checking', fileError: previewExpired })
    expect(await getImportPreview(db, centre.doctor, row!.id, null, listView())).toMatchObject({ expired: true })
    expect(await removeExpiredImports(db, new Date())).toMatchObject({ imports: 1, lines: 1900 })
    expect(await importRow(row!.id)).toBeNull()
  })
})

describe('Issue 16: her new upload replaces her previews not confirmed', () => {
  it("marks her older checked previews of this registry expired at once; another person's, and a running check, stay", async () => {
    const centre = await makeCentre(db, 'tb')
    const colleague = { ...centre.doctor, id: (await makeCentre(db, 'tb')).doctor.id }
    await sql`update staff set organization_id = ${centre.organizationId} where id = ${colleague.id}`
    const older = await upload(centre, badFile(3))
    const running = await upload(centre, badFile(2))
    await sql`update dispensary_imports set status = 'checking' where id = ${running}`
    const hers = await upload({ ...centre, doctor: colleague }, badFile(4))
    const newer = await upload(centre, badFile(5))
    expect((await importRow(older))!.fileError).toBe(previewExpired)
    expect((await importRow(running))!.fileError).toBeNull()
    expect((await importRow(hers))!.fileError).toBeNull()
    expect((await importRow(newer))!.fileError).toBeNull()
    const checkAudit = async (importId: string) =>
      (
        await db
          .select({ details: auditLog.details })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'registry.importCheck'), eq(auditLog.entityId, importId)))
      )[0]!.details
    // The upload that replaced it says so; the newest found nothing more to replace (the other is still checking).
    expect(await checkAudit(running)).toMatchObject({ replaced: [older] })
    expect(await checkAudit(newer)).not.toHaveProperty('replaced')
    expect(await removeExpiredImports(db, new Date())).toMatchObject({ imports: 1, lines: 3 })
    expect([await importRow(older), await stagedLines(running), await stagedLines(hers)]).toEqual([null, 2, 4])
  })
})

describe('Issue 16: the job', () => {
  it('is a queue installed with the migrations, run every hour by the app (lib/jobs/boss.ts)', async () => {
    expect(jobQueues.map((queue) => queue.name)).toContain(importCleanupQueue)
    expect(await sql`select name, policy from pgboss.queue where name = ${importCleanupQueue}`).toEqual([
      { name: importCleanupQueue, policy: 'short' },
    ])
  })

  it("runs with the app's own role: its grants allow removing staged lines and imports", async () => {
    const url = new URL(inject('adminUrl'))
    url.pathname = `/${sql.options.database}`
    const app = postgres(url.toString(), {
      max: 2,
      onnotice: () => {},
      connection: { role: appRole },
    })
    try {
      const appDb = createDatabase(app)
      const [me] = await app<{ user: string }[]>`select current_user as user`
      expect(me!.user).toBe(appRole)
      const centre = await makeCentre(db, 'narcology')
      const importId = await upload(centre, badFile(4))
      await age(importId, importKeeping.checkedMs + 1000)
      expect(await removeExpiredImports(appDb, new Date())).toMatchObject({ imports: 1, lines: 4 })
      expect(await importRow(importId)).toBeNull()
    } finally {
      await app.end()
    }
  })
})

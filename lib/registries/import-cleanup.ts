import 'server-only'
import { and, asc, eq, inArray, lte, notInArray, or, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { dispensaryImportLines, dispensaryImports } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { importCutoffs, importExpired, previewExpired } from './rules/import-expiry'

// Issue 16: the staged lines nobody needs any more, removed by the hourly job (lib/jobs/boss.ts): an import nobody
// confirmed in time (rules/import-expiry.ts) goes with its lines; a confirmed one keeps its row (the records name it)
// and loses its lines, which its records now hold. A batch of lines per transaction, a bounded number of batches per
// run, so 200,000 lines never hold one long transaction; what a run leaves, the next carries on.
export const importCleanupBounds = { batch: 5000, batches: 100 }

export type ImportCleanupReport = { imports: number; lines: number; skipped: number }

type Step = { state: 'skipped' | 'kept' | 'more' | 'done'; lines: number }

const linesOf = (importId: string) => eq(dispensaryImportLines.importId, importId)

// One batch of one import's lines, under the import's row lock: the lock `commitImport` takes, skipped when held, so a
// confirmation in progress wins and the import is looked at again next run. An unconfirmed import is marked expired
// (the commit then refuses it) in the same transaction as its first batch goes, and the row goes with its last batch.
async function removeBatch(db: Database, importId: string, now: Date, batch: number): Promise<Step> {
  return await db.transaction(async (tx): Promise<Step> => {
    const [row] = await tx
      .select({
        organizationId: dispensaryImports.organizationId,
        registry: dispensaryImports.registry,
        uploadedBy: dispensaryImports.uploadedBy,
        fileName: dispensaryImports.fileName,
        status: dispensaryImports.status,
        lines: dispensaryImports.lines,
        fileError: dispensaryImports.fileError,
        checkedAt: dispensaryImports.checkedAt,
        createdAt: dispensaryImports.createdAt,
      })
      .from(dispensaryImports)
      .where(eq(dispensaryImports.id, importId))
      .for('update', { skipLocked: true })
    if (!row) return { state: 'skipped', lines: 0 }
    const committed = row.status === 'committed'
    if (!committed && !importExpired(row, now)) return { state: 'kept', lines: 0 }
    let lines = row.lines
    if (!committed && row.fileError !== previewExpired) {
      // A check that stopped half-way has no count yet: the audit row says how many lines went.
      const [counted] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(dispensaryImportLines)
        .where(linesOf(importId))
      lines = counted!.n
      await tx
        .update(dispensaryImports)
        .set({ fileError: previewExpired, lines, version: sql`${dispensaryImports.version} + 1` })
        .where(eq(dispensaryImports.id, importId))
    }
    const [gone] = await tx.execute<{ n: number }>(sql`
      with gone as (
        delete from dispensary_import_lines where import_id = ${importId} and line in (
          select line from dispensary_import_lines where import_id = ${importId} order by line limit ${batch})
        returning 1)
      select count(*)::int as n from gone`)
    const removed = Number(gone?.n ?? 0)
    const [left] = await tx
      .select({ line: dispensaryImportLines.line })
      .from(dispensaryImportLines)
      .where(linesOf(importId))
      .limit(1)
    if (left) return { state: 'more', lines: removed }
    // A confirmed import whose lines another run has just removed: nothing to say twice.
    if (committed && removed === 0) return { state: 'done', lines: 0 }
    if (!committed) await tx.delete(dispensaryImports).where(eq(dispensaryImports.id, importId))
    await writeAudit(tx, {
      actor: { kind: 'system', id: null },
      action: committed ? 'registry.importLinesRemoved' : 'registry.importExpired',
      organizationId: row.organizationId,
      entity: 'dispensary_import',
      entityId: importId,
      details: {
        registry: row.registry,
        fileName: row.fileName,
        uploadedBy: row.uploadedBy,
        status: row.status,
        uploadedAt: row.createdAt.toISOString(),
        lines,
      },
    })
    return { state: 'done', lines: removed }
  })
}

// The job's run at `now`: imports whose staged lines are due, oldest first, a batch at a time. Idempotent: an import
// done is gone from the candidates, and a second run at the same time skips what the first holds.
export async function removeExpiredImports(
  db: Database,
  now: Date,
  bounds: { batch: number; batches: number } = importCleanupBounds,
): Promise<ImportCleanupReport> {
  const report: ImportCleanupReport = { imports: 0, lines: 0, skipped: 0 }
  const passed: string[] = []
  const cutoffs = importCutoffs(now)
  let batches = 0
  while (batches < bounds.batches) {
    // The table has a row per upload (the expired ones removed): a scan of it is small; the committed ones still
    // holding lines are found by the lines' primary key.
    const candidates = await db
      .select({ id: dispensaryImports.id })
      .from(dispensaryImports)
      .where(
        and(
          passed.length > 0 ? notInArray(dispensaryImports.id, passed) : undefined,
          or(
            and(inArray(dispensaryImports.status, ['checking', 'checked']), eq(dispensaryImports.fileError, previewExpired)),
            and(eq(dispensaryImports.status, 'checked'), lte(dispensaryImports.checkedAt, cutoffs.checked)),
            and(
              eq(dispensaryImports.status, 'checking'),
              sql`coalesce(${dispensaryImports.checkedAt}, ${dispensaryImports.createdAt}) <= ${cutoffs.stalled.toISOString()}::timestamptz`,
            ),
            and(
              eq(dispensaryImports.status, 'committed'),
              sql`exists (select 1 from ${dispensaryImportLines} where ${dispensaryImportLines.importId} = ${dispensaryImports.id})`,
            ),
          ),
        ),
      )
      .orderBy(asc(dispensaryImports.createdAt))
      .limit(20)
    if (candidates.length === 0) break
    for (const { id } of candidates) {
      let step: Step = { state: 'more', lines: 0 }
      while (step.state === 'more' && batches < bounds.batches) {
        batches++
        step = await removeBatch(db, id, now, bounds.batch)
        report.lines += step.lines
      }
      if (step.state === 'more') return report
      passed.push(id)
      if (step.state === 'done') report.imports++
      if (step.state === 'skipped') report.skipped++
    }
  }
  return report
}

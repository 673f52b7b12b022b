import 'server-only'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { dispensaryImportLines, dispensaryImports, patients, type DispensaryImportStatus } from '@/db/schema'
import type { ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import { auditListView, type ListView } from '@/lib/audit/list-view'
import type { StaffActor } from '@/lib/auth/actor'
import { almatyDay } from '@/lib/calendar'
import { violatedConstraint } from '@/lib/errors/database'
import { registerOfIndividuals } from '@/lib/register-of-individuals'
import { centreOf, type Centre } from './centre'
import { lockRegistryForImport } from './lock'
import { importExpired, previewExpired } from './rules/import-expiry'
import { checkImportLine, headerRefusal, identityRefusal, separatorOf, type CheckedLine } from './rules/import-line'

// Issue 16: a CSV of the centre's existing records. The file is read as it arrives (bounded memory: a batch of lines at
// a time), each line checked and kept in `dispensary_import_lines` with its error; nothing reaches the registry until
// the preview is confirmed, and then all lines at once, in one transaction, or none.
export const importLimits = { bytes: 64 * 1024 * 1024, lines: 200_000, batch: 1000 }

type Context = { now: Date; address: string | null }

class FileProblem extends Error {
  constructor(readonly key: string) {
    super(key)
  }
}

// The file's bytes as text: UTF-8 strictly (a BOM is dropped), refused past the size limit.
async function* decoded(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let bytes = 0
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength
      if (bytes > maxBytes) throw new FileProblem('centre.import.errors.tooLarge')
      const text = decoder.decode(chunk, { stream: true })
      if (text) yield text
    }
    const rest = decoder.decode()
    if (rest) yield rest
  } catch (error) {
    if (error instanceof TypeError) throw new FileProblem('centre.import.errors.notUtf8')
    throw error
  }
}

// The file's records, each with its line number, split by the separator its header line uses.
async function* records(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<{ line: number; cells: string[] }> {
  const text = decoded(body, maxBytes)
  let head = ''
  let next = await text.next()
  while (!next.done && !head.includes('\n')) {
    head += next.value
    if (head.length > 64 * 1024) break
    if (!head.includes('\n')) next = await text.next()
  }
  if (next.done && head === '') throw new FileProblem('centre.import.errors.empty')
  const delimiter = separatorOf(head.split('\n', 1)[0]!)
  async function* all() {
    yield head
    if (next.done) return
    for await (const chunk of text) yield chunk
  }
  const source = Readable.from(all())
  const parser = source.pipe(
    parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 64 * 1024 }),
  )
  // A pipe does not pass the source's failure on (a byte that is not UTF-8, a file too large): the parser carries it.
  source.on('error', (error) => parser.destroy(error))
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { line: info.lines, cells: record }
  } catch (error) {
    if (error instanceof FileProblem) throw error
    throw new FileProblem('centre.import.errors.malformed')
  }
}

export type CheckImportResult = ActionResult<{ importId: string }, 'centre.errors.notCentre'>

// Reads and checks the file; the preview then reads the import by its id. `onProgress` hears the lines read so far.
export async function checkImport(
  db: Database,
  actor: StaffActor,
  input: { fileName: string; body: AsyncIterable<Uint8Array> },
  context: Context,
  onProgress: (lines: number) => void | Promise<void> = () => {},
): Promise<CheckImportResult> {
  const centre = await centreOf(db, actor, 'registry.keep')
  if (!centre) return { ok: false, code: 'centre.errors.notCentre' }
  const today = almatyDay(context.now)
  const importId = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(dispensaryImports)
      .values({
        organizationId: centre.organizationId,
        registry: centre.registry,
        uploadedBy: actor.id,
        fileName: input.fileName.slice(0, 200),
      })
      .returning({ id: dispensaryImports.id })
    // Her previews of this registry not confirmed are replaced by this one: the commit refuses them from now on, the
    // hourly job removes their lines (lib/registries/import-cleanup.ts). A check still running in another tab is left.
    const replaced = await tx
      .update(dispensaryImports)
      .set({ fileError: previewExpired, version: sql`${dispensaryImports.version} + 1` })
      .where(
        and(
          eq(dispensaryImports.organizationId, centre.organizationId),
          eq(dispensaryImports.registry, centre.registry),
          eq(dispensaryImports.uploadedBy, actor.id),
          eq(dispensaryImports.status, 'checked'),
          sql`${dispensaryImports.fileError} is distinct from ${previewExpired}`,
        ),
      )
      .returning({ id: dispensaryImports.id })
    await writeAudit(tx, {
      actor,
      action: 'registry.importCheck',
      organizationId: centre.organizationId,
      entity: 'dispensary_import',
      entityId: created!.id,
      address: context.address,
      details: {
        registry: centre.registry,
        fileName: input.fileName.slice(0, 200),
        ...(replaced.length > 0 ? { replaced: replaced.map((row) => row.id) } : {}),
      },
    })
    return created!.id
  })
  let lines = 0
  let fileError: string | null = null
  let batch: CheckedLine[] = []
  try {
    let header = true
    for await (const { line, cells } of records(input.body, importLimits.bytes)) {
      if (header) {
        header = false
        const refusal = headerRefusal(cells)
        if (refusal) throw new FileProblem(refusal)
        continue
      }
      if (++lines > importLimits.lines) throw new FileProblem('centre.import.errors.tooManyLines')
      batch.push(checkImportLine(line, cells, today))
      if (batch.length >= importLimits.batch) {
        await storeBatch(db, importId, batch)
        batch = []
        await onProgress(lines)
      }
    }
    if (header) throw new FileProblem('centre.import.errors.empty')
    if (lines === 0) throw new FileProblem('centre.import.errors.noLines')
    await storeBatch(db, importId, batch)
    await onProgress(lines)
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error
    fileError = error.key
  }
  await compareLines(db, centre, importId)
  const [counted] = await db
    .select({
      lines: sql<number>`count(*)::int`,
      errors: sql<number>`count(*) filter (where ${dispensaryImportLines.error} is not null)::int`,
    })
    .from(dispensaryImportLines)
    .where(eq(dispensaryImportLines.importId, importId))
  await db
    .update(dispensaryImports)
    .set({
      status: 'checked',
      lines: counted!.lines,
      errorLines: counted!.errors,
      fileError,
      checkedAt: sql`now()`,
      version: sql`${dispensaryImports.version} + 1`,
    })
    // Not over an import the cleanup has meanwhile marked expired (a check that stalled for an hour and came back).
    .where(and(eq(dispensaryImports.id, importId), eq(dispensaryImports.status, 'checking'), isNull(dispensaryImports.fileError)))
  return { ok: true, data: { importId } }
}

// A batch of lines: the IINs the file's text allows are looked up (the patients at once, the rest in the register of
// individuals), and the lines stored with their errors.
async function storeBatch(db: Database, importId: string, batch: CheckedLine[]): Promise<void> {
  if (batch.length === 0) return
  const iins = [...new Set(batch.filter((line) => line.error === null && line.iin).map((line) => line.iin!))]
  type Known = { patientId: number | null; lastName: string; firstName: string; middleName: string | null; birthDate: string }
  const known = new Map<string, Known>(
    (
      await (iins.length === 0
        ? Promise.resolve([])
        : db
            .select({
              iin: patients.iin,
              patientId: patients.id,
              lastName: patients.lastName,
              firstName: patients.firstName,
              middleName: patients.middleName,
              birthDate: patients.birthDate,
            })
            .from(patients)
            .where(inArray(patients.iin, iins)))
    ).map((person) => [person.iin, person] as const),
  )
  const register = registerOfIndividuals()
  const rows = []
  for (const checked of batch) {
    let line = checked
    let patientId: number | null = null
    if (line.error === null && line.iin) {
      let person: Known | null = known.get(line.iin) ?? null
      if (!person) {
        const found = await register.lookup(line.iin)
        if (found.state === 'found') person = { ...found.person, patientId: null }
        else
          line = {
            ...line,
            error: found.state === 'unavailable' ? 'centre.import.errors.registerUnavailable' : 'centre.import.errors.unknownIin',
            errorField: 'iin',
          }
      }
      if (person) {
        line = identityRefusal(line, person)
        if (line.error === null) {
          patientId = person.patientId
          line = {
            ...line,
            lastName: person.lastName,
            firstName: person.firstName,
            middleName: person.middleName,
            birthDate: person.birthDate,
          }
        }
      }
    }
    rows.push({
      importId,
      line: line.line,
      iin: line.iin,
      lastName: line.lastName,
      firstName: line.firstName,
      middleName: line.middleName,
      birthDate: line.birthDate,
      observationGroup: line.observationGroup,
      observedSince: line.observedSince,
      patientId,
      error: line.error,
      errorField: line.errorField,
    })
  }
  await db.insert(dispensaryImportLines).values(rows)
  // The check's progress, which tells a running check from one whose upload died (rules/import-expiry.ts).
  await db
    .update(dispensaryImports)
    .set({ checkedAt: sql`now()` })
    .where(and(eq(dispensaryImports.id, importId), eq(dispensaryImports.status, 'checking'), isNull(dispensaryImports.fileError)))
}

// What only the whole file and the registry tell: a person twice in the file (the later lines are refused), and a
// person already under observation in this registry (by IIN; without one, by name and birth date in this centre).
async function compareLines(db: Database, centre: Centre, importId: string): Promise<void> {
  await db.execute(sql`
    update dispensary_import_lines l set error = 'centre.import.errors.duplicateInFile', error_field = 'iin'
    from (select line, row_number() over (partition by iin order by line) as n
          from dispensary_import_lines where import_id = ${importId} and iin is not null) d
    where l.import_id = ${importId} and l.line = d.line and d.n > 1 and l.error is null`)
  await db.execute(sql`
    update dispensary_import_lines l set error = 'centre.import.errors.duplicateInFile', error_field = 'last_name'
    from (select line, row_number() over (
            partition by fold_name(last_name), fold_name(first_name), coalesce(fold_name(middle_name), ''), birth_date
            order by line) as n
          from dispensary_import_lines where import_id = ${importId} and iin is null and error is null) d
    where l.import_id = ${importId} and l.line = d.line and d.n > 1 and l.error is null`)
  await db.execute(sql`
    update dispensary_import_lines l set error = 'centre.import.errors.alreadyOnRegistry', error_field = 'iin'
    from dispensary_records r
    where l.import_id = ${importId} and l.error is null and l.iin is not null
      and r.registry = ${centre.registry} and r.iin = l.iin and r.removed_on is null`)
  await db.execute(sql`
    update dispensary_import_lines l set error = 'centre.import.errors.alreadyOnRegistry', error_field = 'last_name'
    from dispensary_records r
    where l.import_id = ${importId} and l.error is null and l.iin is null
      and r.organization_id = ${centre.organizationId} and r.registry = ${centre.registry} and r.iin is null
      and r.removed_on is null and r.birth_date = l.birth_date
      and fold_name(r.last_name) = fold_name(l.last_name) and fold_name(r.first_name) = fold_name(l.first_name)
      and coalesce(fold_name(r.middle_name), '') = coalesce(fold_name(l.middle_name), '')`)
}

export type ImportLineDto = {
  line: number
  iin: string | null
  name: string
  birthDate: string | null
  observationGroup: string | null
  observedSince: string | null
  error: string | null
  errorField: string | null
}

export type ImportPreviewDto = {
  id: string
  fileName: string
  status: DispensaryImportStatus
  lines: number
  errorLines: number
  fileError: string | null
  version: number
  createdAt: Date
  committedAt: Date | null
  // Not confirmed in time, or replaced by a newer upload: nothing is shown, and its lines are (or soon will be) removed.
  expired: boolean
  // The lines with errors (a page of them after `afterLine`), or, when there are none, the first lines to be imported.
  shown: ImportLineDto[]
  nextAfter: number | null
}

export const importPreviewPage = 100

// One of the centre's imports as checked: counts, and a page of the lines with errors (or the first lines). Another
// centre's import, or none, is null. Audited as a list of people.
export async function getImportPreview(
  db: Database,
  actor: StaffActor,
  importId: string,
  afterLine: number | null,
  view: ListView,
): Promise<ImportPreviewDto | null> {
  const centre = await centreOf(db, actor, 'registry.keep')
  if (!centre) return null
  const [found] = await db
    .select({
      id: dispensaryImports.id,
      fileName: dispensaryImports.fileName,
      status: dispensaryImports.status,
      lines: dispensaryImports.lines,
      errorLines: dispensaryImports.errorLines,
      fileError: dispensaryImports.fileError,
      version: dispensaryImports.version,
      createdAt: dispensaryImports.createdAt,
      checkedAt: dispensaryImports.checkedAt,
      committedAt: dispensaryImports.committedAt,
    })
    .from(dispensaryImports)
    .where(and(eq(dispensaryImports.id, importId), eq(dispensaryImports.organizationId, centre.organizationId)))
  if (!found) return null
  const { checkedAt, ...dto } = found
  const expired = importExpired({ ...found, checkedAt }, view.now)
  // A confirmed import is its records now (its staged lines are removed by the hourly job); an expired one shows none.
  if (expired || found.status === 'committed') return { ...dto, expired, shown: [], nextAfter: null }
  const withErrors = found.errorLines > 0
  const lines = await db
    .select({
      line: dispensaryImportLines.line,
      iin: dispensaryImportLines.iin,
      name: sql<string>`concat_ws(' ', ${dispensaryImportLines.lastName}, ${dispensaryImportLines.firstName}, ${dispensaryImportLines.middleName})`,
      birthDate: dispensaryImportLines.birthDate,
      observationGroup: dispensaryImportLines.observationGroup,
      observedSince: dispensaryImportLines.observedSince,
      error: dispensaryImportLines.error,
      errorField: dispensaryImportLines.errorField,
    })
    .from(dispensaryImportLines)
    .where(
      and(
        eq(dispensaryImportLines.importId, importId),
        withErrors ? isNotNull(dispensaryImportLines.error) : undefined,
        afterLine ? gt(dispensaryImportLines.line, afterLine) : undefined,
      ),
    )
    .orderBy(asc(dispensaryImportLines.line))
    .limit(importPreviewPage + 1)
  const shown = lines.slice(0, importPreviewPage)
  await auditListView(db, actor, {
    ...view,
    list: 'dispensaryImport',
    filter: { importId },
    page: { afterLine },
    shown: shown.map((line) => `${importId}:${line.line}`),
  })
  return { ...dto, expired, shown, nextAfter: lines.length > importPreviewPage ? shown.at(-1)!.line : null }
}

export type CommitImportResult = ActionResult<
  { records: number },
  | 'centre.import.errors.importNotFound'
  | 'centre.import.errors.notCommittable'
  | 'centre.import.errors.alreadyCommitted'
  | 'centre.import.errors.changedSinceCheck'
  | typeof previewExpired
>

// The confirmation: every line of a checked import without errors becomes a record, with its «imported» event, in one
// transaction under the registry's import lock (lib/registries/lock.ts); a person put on the registry since the check
// refuses the whole import, and nothing is written.
export async function commitImport(
  db: Database,
  actor: StaffActor,
  data: { importId: string; version: number },
  context: Context,
): Promise<CommitImportResult> {
  const centre = await centreOf(db, actor, 'registry.keep')
  if (!centre) return { ok: false, code: 'centre.import.errors.importNotFound' }
  try {
    return await db.transaction(async (tx): Promise<CommitImportResult> => {
      const [found] = await tx
        .select({
          status: dispensaryImports.status,
          lines: dispensaryImports.lines,
          errorLines: dispensaryImports.errorLines,
          fileError: dispensaryImports.fileError,
          version: dispensaryImports.version,
          checkedAt: dispensaryImports.checkedAt,
          createdAt: dispensaryImports.createdAt,
        })
        .from(dispensaryImports)
        .where(and(eq(dispensaryImports.id, data.importId), eq(dispensaryImports.organizationId, centre.organizationId)))
        .for('update')
      if (!found) return { ok: false, code: 'centre.import.errors.importNotFound' }
      if (found.status === 'committed') return { ok: false, code: 'centre.import.errors.alreadyCommitted' }
      // The row lock above is the one the cleanup takes (skip locked): a preview being confirmed is never removed, and
      // one the cleanup has begun to remove is marked expired before its first line goes.
      if (importExpired(found, context.now)) return { ok: false, code: previewExpired }
      if (found.status !== 'checked' || found.fileError || found.errorLines > 0 || found.lines === 0)
        return { ok: false, code: 'centre.import.errors.notCommittable' }
      if (found.version !== data.version) return { ok: false, code: 'centre.import.errors.changedSinceCheck' }
      await lockRegistryForImport(tx, centre.registry)
      const [conflicts] = await tx.execute<{ count: number }>(sql`
        select count(*)::int as count from dispensary_import_lines l
        join dispensary_records r on r.registry = ${centre.registry} and r.removed_on is null and (
          r.iin = l.iin
          or (l.iin is null and r.iin is null and r.organization_id = ${centre.organizationId} and r.birth_date = l.birth_date
              and fold_name(r.last_name) = fold_name(l.last_name) and fold_name(r.first_name) = fold_name(l.first_name)
              and coalesce(fold_name(r.middle_name), '') = coalesce(fold_name(l.middle_name), '')))
        where l.import_id = ${data.importId}`)
      if (Number(conflicts?.count ?? 0) > 0) return { ok: false, code: 'centre.import.errors.changedSinceCheck' }
      const inserted = await tx.execute<{ count: number }>(sql`
        with inserted as (
          insert into dispensary_records (organization_id, registry, patient_id, iin, last_name, first_name, middle_name,
                                          birth_date, observation_group, observed_since, added_by, source, import_id)
          select ${centre.organizationId}, ${centre.registry}, patient_id, iin, last_name, first_name, middle_name,
                 birth_date, observation_group, observed_since, ${actor.id}, 'import', import_id
          from dispensary_import_lines where import_id = ${data.importId} order by line
          returning id
        ), events as (
          insert into dispensary_record_events (record_id, type, staff_id, data)
          select id, 'imported', ${actor.id}, jsonb_build_object('importId', ${data.importId}::text) from inserted
          returning 1
        )
        select count(*)::int as count from events`)
      const records = Number(inserted[0]?.count ?? 0)
      await tx
        .update(dispensaryImports)
        .set({
          status: 'committed',
          committedBy: actor.id,
          committedAt: context.now,
          version: sql`${dispensaryImports.version} + 1`,
        })
        .where(eq(dispensaryImports.id, data.importId))
      await writeAudit(tx, {
        actor,
        action: 'registry.import',
        organizationId: centre.organizationId,
        entity: 'dispensary_import',
        entityId: data.importId,
        address: context.address,
        details: { registry: centre.registry, records },
      })
      return { ok: true, data: { records } }
    })
  } catch (error) {
    if (violatedConstraint(error) === 'dispensary_records_one_active')
      return { ok: false, code: 'centre.import.errors.changedSinceCheck' }
    throw error
  }
}

import 'server-only'
import { sql } from 'drizzle-orm'
import type { Database, Transaction } from '@/db/client'
import { checkIcd10File, type CheckedIcd10File, type Icd10Format, type Icd10Row } from './parse'

// Issue 17: `npm run icd:import -- FILE` and the demo seed load a file through here (docs/decisions.md, "ICD-10: an
// importer and our own list"). The file is checked whole first (lib/icd10/parse.ts); a file with any bad line writes
// nothing, as the project's other imports. A good file is written in one transaction, a batch of rows at a time, each
// row inserted, or updated only where something differs, so a second run of the same file changes nothing.
// What each format owns: the register its rows' Russian name, tree, ACTUAL, ADDL_CODE and DATE (a row of our list
// with its code becomes the register's, keeping our Kazakh name); our list its own rows, and the Kazakh name of a
// register row (the register has none; an empty one leaves it as it was).

export type Icd10ImportProgress = { phase: 'read'; bytes: number } | { phase: 'write'; rows: number; of: number }

export type Icd10ImportResult =
  | { ok: true; format: Icd10Format; encoding: string; rows: number; inserted: number; updated: number; unchanged: number }
  | Extract<CheckedIcd10File, { ok: false }>

const batchSize = 1000

export async function importIcd10File(
  db: Database,
  body: AsyncIterable<Uint8Array>,
  onProgress: (progress: Icd10ImportProgress) => void = () => {},
): Promise<Icd10ImportResult> {
  const checked = await checkIcd10File(body, (bytes) => onProgress({ phase: 'read', bytes }))
  if (!checked.ok) return checked
  const { format, rows } = checked
  let inserted = 0
  let updated = 0
  await db.transaction(async (tx) => {
    // Two imports at once would each see the other's rows half-written: one waits for the other.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('icd10_codes import'))`)
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize)
      const written = format === 'register' ? await upsertRegister(tx, batch) : await upsertPlain(tx, batch)
      inserted += written.inserted
      updated += written.updated
      onProgress({ phase: 'write', rows: Math.min(start + batchSize, rows.length), of: rows.length })
    }
  })
  return {
    ok: true,
    format,
    encoding: checked.encoding,
    rows: rows.length,
    inserted,
    updated,
    unchanged: rows.length - inserted - updated,
  }
}

type Written = { inserted: number; updated: number }

// The rows the statement wrote: `xmax = 0` on a freshly inserted row, the updating transaction's id on an updated one;
// a row left as it was (the `where` of `do update` false) is not returned.
async function counted(tx: Transaction, statement: ReturnType<typeof sql>): Promise<Written> {
  const result = await tx.execute<{ inserted: boolean }>(statement)
  const rows = [...result]
  const inserted = rows.filter((row) => row.inserted).length
  return { inserted, updated: rows.length - inserted }
}

// A batch goes as one JSON parameter, unpacked by json_to_recordset (the driver guesses an array's type from its first
// element, which fails for arrays of booleans or of nulls).
function upsertRegister(tx: Transaction, rows: Icd10Row[]): Promise<Written> {
  const batch = rows.map((row) => ({
    code: row.code,
    kind: row.kind,
    name_ru: row.nameRu,
    parent_code: row.parentCode,
    register_id: row.registerId,
    actual: row.actual,
    addl_code: row.addlCode,
    date: row.date,
  }))
  return counted(
    tx,
    sql`
      insert into icd10_codes as c (code, kind, name_ru, parent_code, source, register_id, actual, addl_code, date)
      select code, kind, name_ru, parent_code, 'register', register_id, actual, addl_code, date
      from json_to_recordset(${JSON.stringify(batch)}::json)
           as r(code text, kind text, name_ru text, parent_code text, register_id bigint, actual boolean, addl_code text,
                date date)
      on conflict (code) do update set
        kind = excluded.kind, name_ru = excluded.name_ru, parent_code = excluded.parent_code, source = 'register',
        register_id = excluded.register_id, actual = excluded.actual, addl_code = excluded.addl_code, date = excluded.date
      where (c.kind, c.name_ru, c.parent_code, c.source, c.register_id, c.actual, c.addl_code, c.date)
            is distinct from
            (excluded.kind, excluded.name_ru, excluded.parent_code, 'register', excluded.register_id, excluded.actual,
             excluded.addl_code, excluded.date)
      returning (c.xmax = 0) as inserted`,
  )
}

function upsertPlain(tx: Transaction, rows: Icd10Row[]): Promise<Written> {
  const batch = rows.map((row) => ({ code: row.code, kind: row.kind, name_ru: row.nameRu, name_kk: row.nameKk }))
  return counted(
    tx,
    sql`
      insert into icd10_codes as c (code, kind, name_ru, name_kk, source, actual)
      select code, kind, name_ru, name_kk, 'own', true
      from json_to_recordset(${JSON.stringify(batch)}::json) as r(code text, kind text, name_ru text, name_kk text)
      on conflict (code) do update set
        kind = case when c.source = 'own' then excluded.kind else c.kind end,
        name_ru = case when c.source = 'own' then excluded.name_ru else c.name_ru end,
        name_kk = case when c.source = 'own' then excluded.name_kk else coalesce(excluded.name_kk, c.name_kk) end
      where (c.kind, c.name_ru, c.name_kk) is distinct from (
        case when c.source = 'own' then excluded.kind else c.kind end,
        case when c.source = 'own' then excluded.name_ru else c.name_ru end,
        case when c.source = 'own' then excluded.name_kk else coalesce(excluded.name_kk, c.name_kk) end)
      returning (c.xmax = 0) as inserted`,
  )
}

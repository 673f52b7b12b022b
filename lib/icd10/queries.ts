import 'server-only'
import { sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import type { Icd10Kind, Locale } from '@/db/schema'
import { isDiagnosisKind, normalizeIcd10Code, parseIcd10Query } from './code'

// Issue 17: choosing a referral's diagnosis. ICD-10 codes are public reference data, the same for every clinic, so
// these reads take no actor; what a person may do with a code is the service's question.

export type Icd10OptionDto = { code: string; name: string; nameRu: string; nameKk: string | null }

export const icd10SearchLimit = 20

const offered = sql`actual and kind in ('category', 'subcategory')`

// Actual diagnoses (categories and subcategories) matching what was typed: a code prefix in code order (the likelier
// reading of a Cyrillic first letter first), or words of the Russian or the Kazakh name, folded as a Russian keyboard
// spells them, each word found in the name (pg_trgm's word similarity, so a word may be cut short or slightly
// misspelt), the names closest to the words first (trigram similarity, which the words' order does not change). The name shown is the locale's, the Russian one when there is no Kazakh one.
export async function searchIcd10(
  db: Database,
  input: { query: string; locale: Locale; limit?: number },
): Promise<Icd10OptionDto[]> {
  const limit = Math.max(1, Math.min(input.limit ?? icd10SearchLimit, icd10SearchLimit))
  const query = parseIcd10Query(input.query)
  let rows: { code: string; name_ru: string; name_kk: string | null }[]
  if (query.kind === 'empty') return []
  if (query.kind === 'code') {
    // One index range per reading ('~' sorts after every character of a code in collation "C").
    rows = [
      ...(await db.execute<{ code: string; name_ru: string; name_kk: string | null }>(sql`
        select c.code, c.name_ru, c.name_kk
        from unnest(${sql.param(query.prefixes)}::text[]) with ordinality as p(prefix, reading)
        cross join lateral (
          select code, name_ru, name_kk from icd10_codes
          where ${offered} and code >= p.prefix collate "C" and code < (p.prefix || '~') collate "C"
          order by code limit ${limit}
        ) c
        order by p.reading, c.code
        limit ${limit}`)),
    ]
  } else {
    const each = (column: string) =>
      sql.join(
        query.words.map((word) => sql`${word} <% ${sql.raw(column)}`),
        sql` and `,
      )
    rows = [
      ...(await db.execute<{ code: string; name_ru: string; name_kk: string | null }>(sql`
        select code, name_ru, name_kk from icd10_codes
        where ${offered} and ((${each('name_ru_folded')}) or (name_kk is not null and ${each('name_kk_folded')}))
        order by greatest(similarity(${query.folded}, name_ru_folded), coalesce(similarity(${query.folded}, name_kk_folded), 0)) desc,
                 code
        limit ${limit}`)),
    ]
  }
  return rows.map((row) => ({
    code: row.code,
    name: input.locale === 'kk' ? (row.name_kk ?? row.name_ru) : row.name_ru,
    nameRu: row.name_ru,
    nameKk: row.name_kk,
  }))
}

export type Icd10CodeDto = {
  code: string
  kind: Icd10Kind
  nameRu: string
  nameKk: string | null
  actual: boolean
  // Whether a diagnosis may be chosen with it now: actual, and a category or subcategory (not a chapter or block).
  offered: boolean
}

// One code as typed or stored (look-alike letters and a comma read as in the search), retired or not; null when the
// table has no such code. For checking a chosen diagnosis.
export async function icd10ByCode(db: Database, code: string): Promise<Icd10CodeDto | null> {
  const [row] = await db.execute<{ code: string; kind: Icd10Kind; name_ru: string; name_kk: string | null; actual: boolean }>(
    sql`select code, kind, name_ru, name_kk, actual from icd10_codes where code = ${normalizeIcd10Code(code)}`,
  )
  if (!row) return null
  return {
    code: row.code,
    kind: row.kind,
    nameRu: row.name_ru,
    nameKk: row.name_kk,
    actual: row.actual,
    offered: row.actual && isDiagnosisKind(row.kind),
  }
}

import { sql } from 'drizzle-orm'
import { bigint, boolean, check, date, index, pgTable, text } from 'drizzle-orm/pg-core'

// Issue 17: the ICD-10 codes a referral's diagnosis is chosen from. The WHO licence forbids shipping the classification
// as a data set, so the table is filled by `npm run icd:import` from a register file the clinic has (the Russian
// Ministry of Health's register, `source` 'register') and by our own list of names written by the team (`source`
// 'own', scripts/seed/icd10-demo.csv). docs/decisions.md, "ICD-10: an importer and our own list".
export const icd10Sources = ['register', 'own'] as const
export type Icd10Source = (typeof icd10Sources)[number]

// What a code names, read from its shape (lib/icd10/code.ts): a chapter (a Roman numeral, "IX"), a block ("I20-I25"),
// a category ("I20") or a subcategory ("I20.8", the Russian register also has "S02.01"). Only categories and
// subcategories are diagnoses; chapters and blocks are kept for the tree.
export const icd10Kinds = ['chapter', 'block', 'category', 'subcategory'] as const
export type Icd10Kind = (typeof icd10Kinds)[number]

export const icd10Codes = pgTable(
  'icd10_codes',
  {
    // Collation "C" (migration 0026): codes are ASCII, so a typed prefix is an index range in the code's own order.
    code: text('code').primaryKey(),
    kind: text('kind').$type<Icd10Kind>().notNull(),
    nameRu: text('name_ru').notNull(),
    // Kazakh names come from our own list; the register has none.
    nameKk: text('name_kk'),
    // The code of the row above in the tree (the register's ID_PARENT resolved to its code when imported): the code is
    // the key both sources share and the one a referral keeps; the importer checks the parent is in the file.
    parentCode: text('parent_code'),
    source: text('source').$type<Icd10Source>().notNull(),
    // The register's own ID of the row (ID), for tracing a row back to the file.
    registerId: bigint('register_id', { mode: 'number' }),
    // The register's ACTUAL: a retired code (0) is kept, so an old referral still shows its name, but never offered.
    actual: boolean('actual').notNull().default(true),
    // The register's ADDL_CODE (1 or 2 in the 2.x versions, empty otherwise) and DATE (when the row last changed there).
    addlCode: text('addl_code'),
    date: date('date', { mode: 'string' }),
    // The names folded as a Russian keyboard spells them (lib/text/fold.ts, SQL fold_name), for the trigram search.
    nameRuFolded: text('name_ru_folded').generatedAlwaysAs(sql`fold_name(name_ru)`),
    nameKkFolded: text('name_kk_folded').generatedAlwaysAs(sql`fold_name(name_kk)`),
  },
  (t) => [
    check('icd10_codes_kind_check', sql`${t.kind} in ('chapter', 'block', 'category', 'subcategory')`),
    check('icd10_codes_source_check', sql`${t.source} in ('register', 'own')`),
    check('icd10_codes_register_check', sql`${t.source} = 'register' or ${t.registerId} is null`),
    // The search offers actual diagnoses only: by code prefix, and by words of the Russian or the Kazakh name. The
    // trigram indexes are written at once (fastupdate off): with GIN's pending list an import leaves thousands of
    // entries every search must scan until a vacuum merges them (EXPLAIN: 196 buffers instead of 5, and the planner
    // then reads the whole table); imports are rare, searches constant.
    index('icd10_codes_offered_code_idx')
      .on(t.code)
      .where(sql`${t.actual} and ${t.kind} in ('category', 'subcategory')`),
    index('icd10_codes_offered_ru_trgm_idx')
      .using('gin', t.nameRuFolded.op('gin_trgm_ops'))
      .with({ fastupdate: false })
      .where(sql`${t.actual} and ${t.kind} in ('category', 'subcategory')`),
    index('icd10_codes_offered_kk_trgm_idx')
      .using('gin', t.nameKkFolded.op('gin_trgm_ops'))
      .with({ fastupdate: false })
      .where(sql`${t.actual} and ${t.kind} in ('category', 'subcategory') and ${t.nameKk} is not null`),
    index('icd10_codes_parent_idx').on(t.parentCode),
  ],
)

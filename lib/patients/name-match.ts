import { and, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { foldName } from '@/lib/text/fold'

// "Starts with" under a name column's collation `kazakh` (ICU kk-KZ), as a range an index on the column serves:
// every string with the prefix sorts between the prefix in lower case (the least of its case variants) and the prefix
// followed by U+FFFF, which CLDR keeps above every character for this use. Case does not count (НҰР finds Нұрлан);
// Kazakh letters stay letters of their own (Нұр does not find Нурлан, Ә does not find А).
export function startsWith(column: SQLWrapper, prefix: string): SQL {
  return sql`(${column} >= ${prefix.toLocaleLowerCase('kk')} and ${column} < ${`${prefix}\uFFFF`})`
}

export type NameColumns = { last: SQLWrapper; first: SQLWrapper; middle: SQLWrapper }

// Each word typed starts the surname, the first name or the patronymic.
export function namesStartWith(columns: NameColumns, words: readonly string[]): SQL | undefined {
  if (words.length === 0) return undefined
  return and(
    ...words.map((word) =>
      or(startsWith(columns.last, word), startsWith(columns.first, word), startsWith(columns.middle, word))!,
    ),
  )
}

// "Starts with" on a folded name (lib/text/fold.ts), collation "C": the word typed is folded the same way, so
// «Нурлан» and «Нұрлан» meet. The range is what an index on the folded column serves.
export function foldedStartsWith(column: SQLWrapper, word: string): SQL {
  const prefix = foldName(word)
  return sql`(${column} >= ${prefix} and ${column} < ${`${prefix}\uFFFF`})`
}

export function foldedNamesStartWith(columns: NameColumns, words: readonly string[]): SQL | undefined {
  if (words.length === 0) return undefined
  return and(
    ...words.map((word) =>
      or(foldedStartsWith(columns.last, word), foldedStartsWith(columns.first, word), foldedStartsWith(columns.middle, word))!,
    ),
  )
}

// A name column of `patients` folded on the fly (the SQL function of migration 0021), for the few rows an indexed
// condition (a birth date, a phone) has already picked.
export const foldedColumn = (column: SQLWrapper): SQL => sql`(fold_name(${column}) collate "C")`

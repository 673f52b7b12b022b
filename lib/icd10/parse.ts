import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { Icd10Kind } from '@/db/schema/icd10'
import { hasUnstorableCharacters } from '@/lib/text/text-schema'
import { icd10KindOf, normalizeIcd10Code } from './code'

// Issue 17: the two files `npm run icd:import` loads (README, "ICD-10 codes"), read and checked without the database:
// 1) the Russian Ministry of Health's register (ФРНСИ, OID 1.2.643.5.1.13.13.11.1005), `;`-separated with this header:
//    ID;REC_CODE;MKB_CODE;MKB_NAME;ID_PARENT;ADDL_CODE;ACTUAL;DATE
//    a tree by ID_PARENT (chapters «I», blocks «A00-A09», categories «A00», subcategories «A00.1»), ACTUAL 1 or 0,
//    DATE dd.mm.yyyy or empty; REC_CODE, the register's own position code, is not kept;
// 2) our own list: `code;name_ru;name_kk` (the header line may be left out; name_kk may be empty).
// Either may be UTF-8 (with or without a BOM) or Windows-1251 (then it has no Kazakh letters). The bytes are read as
// they come; the rows (about 15,000 for the register, a few MB) are kept to check the file as a whole.

export const registerColumns = ['ID', 'REC_CODE', 'MKB_CODE', 'MKB_NAME', 'ID_PARENT', 'ADDL_CODE', 'ACTUAL', 'DATE'] as const
export const plainColumns = ['code', 'name_ru', 'name_kk'] as const
export type Icd10Format = 'register' | 'plain'

export const icd10FileLimits = { bytes: 32 * 1024 * 1024, lines: 100_000, name: 500 }

export type Icd10Row = {
  line: number
  code: string
  kind: Icd10Kind
  nameRu: string
  nameKk: string | null
  registerId: number | null
  parentRegisterId: number | null
  // Resolved from ID_PARENT once the whole file is read.
  parentCode: string | null
  actual: boolean
  addlCode: string | null
  date: string | null
}

export type Icd10LineProblem =
  | 'columns'
  | 'badCode'
  | 'missingName'
  | 'badText'
  | 'nameTooLong'
  | 'badId'
  | 'badParent'
  | 'badActual'
  | 'badAddlCode'
  | 'badDate'
  | 'duplicateCode'
  | 'duplicateId'
  | 'unknownParent'

// `detail`: what was found (the cell, or the line it repeats), for the message.
export type Icd10LineError = { line: number; problem: Icd10LineProblem; detail: string }

export type Icd10FileProblem = 'empty' | 'header' | 'encoding' | 'malformed' | 'tooLarge' | 'tooManyLines' | 'noLines'

export type CheckedIcd10File =
  | { ok: true; format: Icd10Format; encoding: Icd10Encoding; rows: Icd10Row[] }
  | {
      ok: false
      format: Icd10Format | null
      encoding: Icd10Encoding | null
      fileProblem: { problem: Icd10FileProblem; line: number | null } | null
      errors: Icd10LineError[]
    }

export type Icd10Encoding = 'utf-8' | 'windows-1251'

class FileProblem extends Error {
  constructor(
    readonly problem: Icd10FileProblem,
    readonly line: number | null = null,
  ) {
    super(problem)
  }
}

// The file's text. The encoding is told by the first bytes: a UTF-8 BOM, else whether the first 64 KB are valid
// UTF-8 (Windows-1251 Cyrillic never is: its letters are bytes 0xC0-0xFF, which UTF-8 only starts sequences with).
async function* decoded(
  body: AsyncIterable<Uint8Array>,
  onBytes: (bytes: number) => void,
  found: (encoding: Icd10Encoding) => void,
): AsyncGenerator<string> {
  let bytes = 0
  let decoder: TextDecoder | null = null
  let sample: Uint8Array[] = []
  let sampled = 0
  const choose = () => {
    const head = Buffer.concat(sample)
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
    let utf8 = bom
    if (!bom)
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
        utf8 = true
      } catch {
        utf8 = false
      }
    const encoding: Icd10Encoding = utf8 ? 'utf-8' : 'windows-1251'
    found(encoding)
    return new TextDecoder(encoding, { fatal: utf8 })
  }
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength
      if (bytes > icd10FileLimits.bytes) throw new FileProblem('tooLarge')
      onBytes(bytes)
      if (!decoder) {
        sample.push(chunk)
        sampled += chunk.byteLength
        if (sampled < 64 * 1024) continue
        decoder = choose()
        const text = decoder.decode(Buffer.concat(sample), { stream: true })
        sample = []
        if (text) yield text
        continue
      }
      const text = decoder.decode(chunk, { stream: true })
      if (text) yield text
    }
    if (!decoder) {
      if (sampled === 0) return
      decoder = choose()
      const text = decoder.decode(Buffer.concat(sample), { stream: true })
      if (text) yield text
    }
    const rest = decoder.decode()
    if (rest) yield rest
  } catch (error) {
    // Valid UTF-8 at the start and not further on: a file of two encodings, which no register export is.
    if (error instanceof TypeError) throw new FileProblem('encoding')
    throw error
  }
}

// The file's records with the number of the line each ends on.
async function* records(text: AsyncIterable<string>): AsyncGenerator<{ line: number; cells: string[] }> {
  const source = Readable.from(text)
  const parser = source.pipe(
    parse({ delimiter: ';', relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 64 * 1024 }),
  )
  source.on('error', (error) => parser.destroy(error))
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { line: info.lines, cells: record }
  } catch (error) {
    if (error instanceof FileProblem) throw error
    const line = (error as { lines?: number }).lines
    throw new FileProblem('malformed', typeof line === 'number' ? line : null)
  }
}

const sameNames = (cells: readonly string[], names: readonly string[]) =>
  cells.length === names.length && names.every((name, index) => cells[index]!.trim().toLowerCase() === name.toLowerCase())

export function formatOfHeader(cells: readonly string[]): { format: Icd10Format; header: boolean } | null {
  if (sameNames(cells, registerColumns)) return { format: 'register', header: true }
  if (sameNames(cells, plainColumns)) return { format: 'plain', header: true }
  // A plain list without its header: two or three cells, the first a code.
  if ((cells.length === 2 || cells.length === 3) && icd10KindOf(normalizeIcd10Code(cells[0] ?? '')) !== null)
    return { format: 'plain', header: false }
  return null
}

type LineResult = { row: Icd10Row } | { error: Icd10LineError }

function checkName(line: number, text: string, required: boolean): { name: string | null } | { error: Icd10LineError } {
  const name = text.trim().normalize('NFC').replace(/\s+/g, ' ')
  if (name === '') return required ? { error: { line, problem: 'missingName', detail: '' } } : { name: null }
  if (hasUnstorableCharacters(name)) return { error: { line, problem: 'badText', detail: name.slice(0, 80) } }
  if (name.length > icd10FileLimits.name) return { error: { line, problem: 'nameTooLong', detail: `${name.length}` } }
  return { name }
}

function checkCode(line: number, text: string): { code: string; kind: Icd10Kind } | { error: Icd10LineError } {
  const code = normalizeIcd10Code(text)
  const kind = icd10KindOf(code)
  if (!kind) return { error: { line, problem: 'badCode', detail: text.trim().slice(0, 40) } }
  return { code, kind }
}

// A register day: dd.mm.yyyy (as the register writes it) or yyyy-mm-dd; a real day.
export function parseRegisterDate(text: string): string | null {
  const match = /^([0-9]{2})\.([0-9]{2})\.([0-9]{4})$/.exec(text) ?? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text)
  if (!match) return null
  const [year, month, day] = text.includes('.') ? [match[3], match[2], match[1]] : [match[1], match[2], match[3]]
  const iso = `${year}-${month}-${day}`
  const parsed = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : null
}

const positiveId = (text: string) => (/^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null)

export function checkRegisterLine(line: number, cells: readonly string[]): LineResult {
  if (cells.length !== registerColumns.length) return { error: { line, problem: 'columns', detail: `${cells.length}` } }
  const [idText, , codeText, nameText, parentText, addlText, actualText, dateText] = cells.map((cell) => cell.trim())
  const registerId = positiveId(idText!)
  if (registerId === null) return { error: { line, problem: 'badId', detail: idText!.slice(0, 20) } }
  const code = checkCode(line, codeText!)
  if ('error' in code) return code
  const name = checkName(line, nameText!, true)
  if ('error' in name) return name
  const parentRegisterId = parentText === '' ? null : positiveId(parentText!)
  if (parentRegisterId === null && parentText !== '')
    return { error: { line, problem: 'badParent', detail: parentText!.slice(0, 20) } }
  if (parentRegisterId === registerId) return { error: { line, problem: 'badParent', detail: parentText! } }
  if (actualText !== '1' && actualText !== '0') return { error: { line, problem: 'badActual', detail: actualText!.slice(0, 20) } }
  if (addlText!.length > 10 || hasUnstorableCharacters(addlText!))
    return { error: { line, problem: 'badAddlCode', detail: addlText!.slice(0, 20) } }
  const date = dateText === '' ? null : parseRegisterDate(dateText!)
  if (date === null && dateText !== '') return { error: { line, problem: 'badDate', detail: dateText!.slice(0, 20) } }
  return {
    row: {
      line,
      code: code.code,
      kind: code.kind,
      nameRu: name.name!,
      nameKk: null,
      registerId,
      parentRegisterId,
      parentCode: null,
      actual: actualText === '1',
      addlCode: addlText === '' ? null : addlText!,
      date,
    },
  }
}

export function checkPlainLine(line: number, cells: readonly string[]): LineResult {
  if (cells.length !== 2 && cells.length !== 3) return { error: { line, problem: 'columns', detail: `${cells.length}` } }
  const code = checkCode(line, cells[0]!)
  if ('error' in code) return code
  const nameRu = checkName(line, cells[1]!, true)
  if ('error' in nameRu) return nameRu
  const nameKk = checkName(line, cells[2] ?? '', false)
  if ('error' in nameKk) return nameKk
  return {
    row: {
      line,
      code: code.code,
      kind: code.kind,
      nameRu: nameRu.name!,
      nameKk: nameKk.name,
      registerId: null,
      parentRegisterId: null,
      parentCode: null,
      actual: true,
      addlCode: null,
      date: null,
    },
  }
}

// What only the whole file tells: a code or a register ID twice (the later line is the error), a parent ID that no
// line of the file has. The parents' codes are filled in.
export function checkWholeFile(rows: Icd10Row[]): Icd10LineError[] {
  const errors: Icd10LineError[] = []
  const byCode = new Map<string, number>()
  const byId = new Map<number, Icd10Row>()
  for (const row of rows) {
    const first = byCode.get(row.code)
    if (first !== undefined) errors.push({ line: row.line, problem: 'duplicateCode', detail: `${row.code}:${first}` })
    else byCode.set(row.code, row.line)
    if (row.registerId !== null) {
      const same = byId.get(row.registerId)
      if (same) errors.push({ line: row.line, problem: 'duplicateId', detail: `${row.registerId}:${same.line}` })
      else byId.set(row.registerId, row)
    }
  }
  for (const row of rows) {
    if (row.parentRegisterId === null) continue
    const parent = byId.get(row.parentRegisterId)
    if (!parent) errors.push({ line: row.line, problem: 'unknownParent', detail: `${row.parentRegisterId}` })
    else row.parentCode = parent.code
  }
  return errors
}

// Reads and checks a whole file. `onBytes` hears the bytes read so far (for a progress bar). Every bad line is
// reported, in line order; the rows are returned only when there is none.
export async function checkIcd10File(
  body: AsyncIterable<Uint8Array>,
  onBytes: (bytes: number) => void = () => {},
): Promise<CheckedIcd10File> {
  let format: Icd10Format | null = null
  let encoding: Icd10Encoding | null = null
  const rows: Icd10Row[] = []
  const errors: Icd10LineError[] = []
  try {
    let lines = 0
    const text = decoded(body, onBytes, (found) => (encoding = found))
    for await (const { line, cells } of records(text)) {
      if (format === null) {
        const header = formatOfHeader(cells)
        if (!header) throw new FileProblem('header', line)
        format = header.format
        if (header.header) continue
      }
      if (++lines > icd10FileLimits.lines) throw new FileProblem('tooManyLines', line)
      const checked = format === 'register' ? checkRegisterLine(line, cells) : checkPlainLine(line, cells)
      if ('row' in checked) rows.push(checked.row)
      else errors.push(checked.error)
    }
    if (format === null) throw new FileProblem('empty')
    if (rows.length === 0 && errors.length === 0) throw new FileProblem('noLines')
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error
    return { ok: false, format, encoding, fileProblem: { problem: error.problem, line: error.line }, errors }
  }
  errors.push(...checkWholeFile(rows))
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line)
    return { ok: false, format, encoding, fileProblem: null, errors }
  }
  return { ok: true, format, encoding: encoding ?? 'utf-8', rows }
}

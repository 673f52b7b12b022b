import { describe, expect, it } from 'vitest'
import { icd10KindOf, normalizeIcd10Code, parseIcd10Query } from '@/lib/icd10/code'
import { checkIcd10File, parseRegisterDate, type CheckedIcd10File } from '@/lib/icd10/parse'
import { inPieces, registerSampleRows, registerSampleText, windows1251 } from '../../scripts/icd10-register-sample'

const utf8 = (text: string) => new TextEncoder().encode(text)
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])
const check = (bytes: Uint8Array, piece = 64 * 1024) => checkIcd10File(inPieces(bytes, piece))
const failed = (result: CheckedIcd10File) => {
  if (result.ok) throw new Error('the file was accepted')
  return result
}

const registerHeader = 'ID;REC_CODE;MKB_CODE;MKB_NAME;ID_PARENT;ADDL_CODE;ACTUAL;DATE'
const registerFile = [
  registerHeader,
  '1;01;"IX";"БОЛЕЗНИ СИСТЕМЫ КРОВООБРАЩЕНИЯ";;;1;',
  '2;0901;"I20-I25";"ИШЕМИЧЕСКАЯ БОЛЕЗНЬ СЕРДЦА";1;;1;',
  '3;"0901I20";"I20";"Стенокардия";2;;1;',
  '4;"0901I208";"I20.8";"Стенокардия напряжения, ""стабильная""";3;1;1;"01.01.2015"',
  '5;"0901I209";"I20.9";"Стенокардия старая";3;;0;"07.10.2020"',
].join('\r\n')

describe('Issue 17: the register file (ID;REC_CODE;MKB_CODE;MKB_NAME;ID_PARENT;ADDL_CODE;ACTUAL;DATE)', () => {
  it('reads the tree: the parent by ID becomes the parent code; ACTUAL, ADDL_CODE and DATE are kept', async () => {
    const result = await check(utf8(registerFile))
    expect(result.ok && result.format).toBe('register')
    if (!result.ok) return
    expect(result.rows.map((row) => [row.code, row.kind, row.parentCode])).toEqual([
      ['IX', 'chapter', null],
      ['I20-I25', 'block', 'IX'],
      ['I20', 'category', 'I20-I25'],
      ['I20.8', 'subcategory', 'I20'],
      ['I20.9', 'subcategory', 'I20'],
    ])
    expect(result.rows[3]).toMatchObject({
      line: 5,
      nameRu: 'Стенокардия напряжения, "стабильная"',
      nameKk: null,
      registerId: 4,
      actual: true,
      addlCode: '1',
      date: '2015-01-01',
    })
    expect(result.rows[4]).toMatchObject({ actual: false, date: '2020-10-07' })
  })

  it.each([
    { label: 'UTF-8 without a BOM', bytes: utf8(registerFile), encoding: 'utf-8' },
    { label: 'UTF-8 with a BOM', bytes: withBom(registerFile), encoding: 'utf-8' },
    { label: 'Windows-1251', bytes: windows1251(registerFile), encoding: 'windows-1251' },
  ])('$label: the same rows, the encoding told from the bytes', async ({ bytes, encoding }) => {
    const result = await check(bytes)
    expect(result.ok && result.encoding).toBe(encoding)
    expect(result.ok && result.rows.map((row) => row.nameRu)).toEqual([
      'БОЛЕЗНИ СИСТЕМЫ КРОВООБРАЩЕНИЯ',
      'ИШЕМИЧЕСКАЯ БОЛЕЗНЬ СЕРДЦА',
      'Стенокардия',
      'Стенокардия напряжения, "стабильная"',
      'Стенокардия старая',
    ])
  })

  it('a 15,000-row register file read in pieces of 1,000 bytes (letters cut between pieces) in both encodings', async () => {
    const text = registerSampleText(registerSampleRows(15_000))
    for (const bytes of [utf8(text), windows1251(text)]) {
      const result = await check(bytes, 1000)
      expect(result.ok && result.rows.length).toBe(15_000)
      expect(result.ok && result.rows.filter((row) => !row.actual).length).toBeGreaterThan(50)
    }
  })

  it('valid UTF-8 at the start and not further on is a file problem, not a line error', async () => {
    const bytes = new Uint8Array([...utf8(`${registerFile}\r\n`), ...utf8('6;"x";"I21";"'), 0xc0, 0xc1, ...utf8('";2;;1;\r\n')])
    const big = new Uint8Array([
      ...utf8(`${registerHeader}\r\n`),
      ...utf8('1;"x";"A00";"a";;;1;\r\n'.repeat(4000)),
      ...bytes.slice(registerHeader.length),
    ])
    const result = failed(await check(big))
    expect(result.fileProblem?.problem).toBe('encoding')
  })
})

describe('Issue 17: every bad line is reported with its number, and the file is refused', () => {
  const bad = [
    registerHeader,
    '1;01;"IX";"БОЛЕЗНИ СИСТЕМЫ КРОВООБРАЩЕНИЯ";;;1;', // line 2: good
    '2;0901;"I2O";"Код с буквой О";1;;1;', // line 3: bad code
    '3;"0901I20";"I20";"";1;;1;', // line 4: no name
    '4;"0901I208";"I20.8";"Стенокардия";99;;1;', // line 5: unknown parent
    '5;"09";"IX";"Повтор кода";;;1;', // line 6: the code of line 2 again
    '6;x;"I21";"Инфаркт";1;;2;', // line 7: ACTUAL 2
    '7;x;"I22";"Инфаркт повторный";1;;1;"31.02.2020"', // line 8: no such day
    'семь;x;"I23";"Осложнения";1;;1;', // line 9: ID not a number
    '9;x;"I24";"Другие"', // line 10: 4 columns
  ].join('\n')

  it('bad code, missing name, unknown parent, duplicate code, ACTUAL, DATE, ID and columns, each on its line', async () => {
    const result = failed(await check(utf8(bad)))
    expect(result.fileProblem).toBeNull()
    expect(result.errors.map((error) => [error.line, error.problem])).toEqual([
      [3, 'badCode'],
      [4, 'missingName'],
      [5, 'unknownParent'],
      [6, 'duplicateCode'],
      [7, 'badActual'],
      [8, 'badDate'],
      [9, 'badId'],
      [10, 'columns'],
    ])
    expect(result.errors.find((error) => error.problem === 'duplicateCode')?.detail).toBe('IX:2')
  })

  it('a plain list: a code twice, a code that is none, a name missing', async () => {
    const result = failed(
      await check(
        utf8('code;name_ru;name_kk\nI20.8;Стенокардия;Стенокардия\nI20.8;Ещё раз;\nI2;Короткий;\n;Без кода;\nK80.2;;Тас\n'),
      ),
    )
    expect(result.errors.map((error) => [error.line, error.problem])).toEqual([
      [3, 'duplicateCode'],
      [4, 'badCode'],
      [5, 'badCode'],
      [6, 'missingName'],
    ])
  })

  it.each([
    { label: 'an empty file', text: '', problem: 'empty' },
    { label: 'a header of another file', text: 'iin;last_name\n1;2\n', problem: 'header' },
    { label: 'a header and nothing else', text: `${registerHeader}\n`, problem: 'noLines' },
    { label: 'a quote never closed', text: `${registerHeader}\n1;01;"IX;"X";;;1;\n`, problem: 'malformed' },
  ])('$label is a file problem', async ({ text, problem }) => {
    expect(failed(await check(utf8(text))).fileProblem?.problem).toBe(problem)
  })
})

describe('Issue 17: our own list (code;name_ru;name_kk)', () => {
  it('with its header, Kazakh names kept as written, an empty Kazakh name is none', async () => {
    const result = await check(withBom('code;name_ru;name_kk\nK80.2;Камни желчного пузыря;Өт қабының тастары\nI10;Гипертония;\n'))
    expect(result.ok && result.format).toBe('plain')
    expect(result.ok && result.rows.map((row) => [row.code, row.nameRu, row.nameKk, row.actual])).toEqual([
      ['K80.2', 'Камни желчного пузыря', 'Өт қабының тастары', true],
      ['I10', 'Гипертония', null, true],
    ])
  })

  it('without a header, a code typed with Cyrillic look-alike letters or a comma is the Latin code', async () => {
    const result = await check(utf8('К80,2;Камни желчного пузыря;Өт қабының тастары\nЕ11.9;Диабет 2 типа\n'))
    expect(result.ok && result.rows.map((row) => row.code)).toEqual(['K80.2', 'E11.9'])
  })
})

describe('Issue 17: ICD-10 codes', () => {
  it.each([
    { code: 'IX', kind: 'chapter' },
    { code: 'XXII', kind: 'chapter' },
    { code: 'A00-B99', kind: 'block' },
    { code: 'I20-I25', kind: 'block' },
    { code: 'I25-I20', kind: null },
    { code: 'I20', kind: 'category' },
    { code: 'I20.8', kind: 'subcategory' },
    { code: 'S02.01', kind: 'subcategory' },
    { code: 'I20.', kind: null },
    { code: 'I20.801', kind: null },
    { code: 'XXIII', kind: null },
    { code: 'I2O', kind: null },
  ])('$code: $kind', ({ code, kind }) => {
    expect(icd10KindOf(code)).toBe(kind)
  })

  it.each([
    { typed: ' i20.8 ', code: 'I20.8' },
    { typed: 'к80,2', code: 'K80.2' },
    { typed: 'Е11.9', code: 'E11.9' },
    { typed: 'І10', code: 'I10' },
  ])('«$typed» is $code', ({ typed, code }) => {
    expect(normalizeIcd10Code(typed)).toBe(code)
  })

  it.each(['01.01.2015', '2015-01-01'])('register day %s', (text) => expect(parseRegisterDate(text)).toBe('2015-01-01'))
  it.each(['31.02.2020', '1.1.2015', '2015-13-01', 'вчера'])('not a day: %s', (text) =>
    expect(parseRegisterDate(text)).toBeNull(),
  )
})

describe('Issue 17: the search box reads a code or words, as typed on either keyboard', () => {
  it.each([
    { typed: 'I20', prefixes: ['I20'] },
    { typed: 'i20.8', prefixes: ['I20.8'] },
    { typed: 'I208', prefixes: ['I20.8'] },
    { typed: 'i', prefixes: ['I'] },
    { typed: 'к80,2', prefixes: ['K80.2', 'R80.2'] },
    { typed: 'А00', prefixes: ['A00', 'F00'] },
    { typed: 'Ш20ю8', prefixes: ['I20.8'] },
    { typed: 'Ф00', prefixes: ['A00'] },
    { typed: 'С50', prefixes: ['C50'] },
    { typed: 'І10', prefixes: ['I10'] },
  ])('«$typed» is the code prefix $prefixes', ({ typed, prefixes }) => {
    expect(parseIcd10Query(typed)).toEqual({ kind: 'code', prefixes })
  })

  it.each([
    { typed: 'Стенокардия напряжения', words: ['стенокардия', 'напряжения'] },
    { typed: 'напряжения  стенокардия', words: ['напряжения', 'стенокардия'] },
    { typed: 'Жүрек ЖЕТКІЛІКСІЗДІГІ', words: ['журек', 'жеткиликсиздиги'] },
    { typed: 'тёплый, ёж', words: ['теплый', 'еж'] },
    { typed: 'диабет 2 типа', words: ['диабет', 'типа'] },
  ])('«$typed» is words $words, folded as a Russian keyboard spells them', ({ typed, words }) => {
    const query = parseIcd10Query(typed)
    expect(query.kind === 'words' && query.words).toEqual(words)
  })

  it.each(['', '   ', 'б', '.', 'I.'])('«%s» asks for nothing', (typed) => {
    expect(parseIcd10Query(typed)).toEqual({ kind: 'empty' })
  })
})

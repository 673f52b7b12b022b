import { describe, expect, it } from 'vitest'
import { makeIin } from '@/lib/iin'
import { checkImportLine, headerRefusal, identityRefusal, parseFileDay, separatorOf } from '@/lib/registries/rules/import-line'
import { birthDateRefusal, observedSinceRefusal, removedOnRefusal } from '@/lib/registries/rules/record-days'

const today = '2026-11-23'
const iin = makeIin({ birthDate: '1985-04-12', sex: 'female', serial: 4242 })
const line = (cells: string) => checkImportLine(2, cells.split(';'), today)

describe('Issue 16: the registry CSV header and separator', () => {
  it.each([
    {
      label: 'the columns in order',
      cells: ['iin', 'last_name', 'first_name', 'middle_name', 'birth_date', 'group', 'observed_since'],
      ok: true,
    },
    {
      label: 'any case, spaces around',
      cells: [' IIN', 'Last_Name ', 'first_name', 'middle_name', 'birth_date', 'GROUP', 'observed_since'],
      ok: true,
    },
    { label: 'a column missing', cells: ['iin', 'last_name', 'first_name', 'birth_date', 'group', 'observed_since'], ok: false },
    {
      label: 'columns swapped',
      cells: ['last_name', 'iin', 'first_name', 'middle_name', 'birth_date', 'group', 'observed_since'],
      ok: false,
    },
  ])('$label', ({ cells, ok }) => expect(headerRefusal(cells) === null).toBe(ok))

  it('the header line tells the separator', () => {
    expect(separatorOf('iin;last_name;first_name')).toBe(';')
    expect(separatorOf('iin,last_name,first_name')).toBe(',')
  })

  it.each([
    ['2024-03-01', '2024-03-01'],
    ['01.03.2024', '2024-03-01'],
    ['1.3.2024', '2024-03-01'],
    ['31.02.2024', null],
    ['2024-02-30', null],
    ['yesterday', null],
    ['', null],
  ])('the day %s reads as %s', (text, day) => expect(parseFileDay(text)).toBe(day))
})

describe('Issue 16: one line of the registry CSV, as far as its own text tells', () => {
  it.each([
    { label: 'by IIN, names left to the records', cells: `${iin};;;;;IA;2024-03-01`, error: null, field: null },
    { label: 'by IIN with a birth date', cells: `${iin};;;;12.04.1985;IA;2024-03-01`, error: null, field: null },
    {
      label: 'without an IIN, name and birth date given',
      cells: ';Ахметов;Болат;;1980-02-01;II;2024-03-01',
      error: null,
      field: null,
    },
    {
      label: 'an IIN with a wrong control digit',
      cells: `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10};;;;;IA;2024-03-01`,
      error: 'centre.import.errors.iin',
      field: 'iin',
    },
    {
      label: 'without an IIN and no surname',
      cells: ';;Болат;;1980-02-01;II;2024-03-01',
      error: 'centre.import.errors.nameRequired',
      field: 'last_name',
    },
    {
      label: 'without an IIN and no birth date',
      cells: ';Ахметов;Болат;;;II;2024-03-01',
      error: 'centre.import.errors.badDate',
      field: 'birth_date',
    },
    {
      label: 'a day that does not exist',
      cells: `${iin};;;;;IA;30.02.2024`,
      error: 'centre.import.errors.badDate',
      field: 'observed_since',
    },
    {
      label: 'observation from tomorrow',
      cells: `${iin};;;;;IA;2026-11-24`,
      error: 'centre.import.errors.futureDate',
      field: 'observed_since',
    },
    { label: 'observation from today', cells: `${iin};;;;;IA;2026-11-23`, error: null, field: null },
    {
      label: 'born in the future',
      cells: ';Ахметов;Болат;;2027-01-01;II;2024-03-01',
      error: 'centre.import.errors.futureDate',
      field: 'birth_date',
    },
    {
      label: 'observed before birth',
      cells: ';Ахметов;Болат;;2025-01-01;II;2024-03-01',
      error: 'centre.import.errors.beforeBirth',
      field: 'observed_since',
    },
    { label: 'no group', cells: `${iin};;;;;;2024-03-01`, error: 'centre.import.errors.groupRequired', field: 'group' },
    {
      label: 'digits in a name',
      cells: ';Ахметов2;Болат;;1980-02-01;II;2024-03-01',
      error: 'centre.import.errors.nameLetters',
      field: 'last_name',
    },
    {
      label: 'a control character',
      cells: `${iin};;;;;I\u0001A;2024-03-01`,
      error: 'centre.import.errors.characters',
      field: 'group',
    },
    { label: 'too few cells', cells: `${iin};IA;2024-03-01`, error: 'centre.import.errors.columns', field: null },
  ])('$label', ({ cells, error, field }) => {
    const checked = line(cells)
    expect([checked.error, checked.errorField]).toEqual([error, field])
  })

  it('the IIN is read without spaces; the cells are trimmed and NFC', () => {
    const checked = line(` ${iin.slice(0, 6)} ${iin.slice(6)} ; Ахметов ;Болат;;;IA; 2024-03-01 `)
    expect(checked).toMatchObject({ iin, lastName: 'Ахметов', observedSince: '2024-03-01', error: null })
  })

  it('a birth date in the file that the records contradict refuses the line', () => {
    expect(identityRefusal(line(`${iin};;;;13.04.1985;IA;2024-03-01`), { birthDate: '1985-04-12' })).toMatchObject({
      error: 'centre.import.errors.birthDateMismatch',
      errorField: 'birth_date',
    })
    expect(identityRefusal(line(`${iin};;;;;IA;1980-01-01`), { birthDate: '1985-04-12' })).toMatchObject({
      error: 'centre.import.errors.beforeBirth',
    })
  })
})

describe('Issue 16: the days of a record', () => {
  it('observation starts neither in the future nor before birth; a removal neither in the future nor before the start', () => {
    expect(observedSinceRefusal('2026-11-23', '1980-01-01', today)).toBeNull()
    expect(observedSinceRefusal('2026-11-24', '1980-01-01', today)).toBe('centre.errors.futureDate')
    expect(observedSinceRefusal('1979-12-31', '1980-01-01', today)).toBe('centre.errors.beforeBirth')
    expect(birthDateRefusal('2026-11-24', today)).toBe('centre.errors.futureDate')
    expect(birthDateRefusal('1899-12-31', today)).toBe('centre.errors.birthDateTooEarly')
    expect(removedOnRefusal('2026-11-23', '2026-11-23', today)).toBeNull()
    expect(removedOnRefusal('2026-11-24', '2020-01-01', today)).toBe('centre.errors.futureDate')
    expect(removedOnRefusal('2019-12-31', '2020-01-01', today)).toBe('centre.errors.removedBeforeObserved')
  })
})

import { describe, expect, it } from 'vitest'
import { isProtocolLate, parseProtocolPeople, protocolDue } from '@/lib/services/attachment/rules/protocols'
import { protocolSchema } from '@/lib/services/attachment/protocols/schema'
import { makeIin } from '@/lib/iin'

const almaty = (day: string, time: string) => new Date(`${day}T${time}:00+05:00`)
const first = makeIin({ birthDate: '1985-04-12', sex: 'female', serial: 2001 })
const second = makeIin({ birthDate: '1990-01-30', sex: 'male', serial: 2002 })
const third = makeIin({ birthDate: '2019-05-05', sex: 'male', serial: 2003 })
const badChecksum = first.slice(0, 11) + String((Number(first[11]) + 1) % 10)

describe('Rules of attachment p.16, p.35: people are attached within 1 working day of receiving the protocol', () => {
  it.each([
    {
      label: 'rule 50: received on Monday 23 November → by the end of Tuesday 24 November',
      received: '2026-11-23',
      due: almaty('2026-11-24', '20:00'),
    },
    {
      label: 'received on Friday 27 November → by the end of Monday 30 November',
      received: '2026-11-27',
      due: almaty('2026-11-30', '20:00'),
    },
    {
      label: 'received on Saturday 28 November → by the end of Monday 30 November',
      received: '2026-11-28',
      due: almaty('2026-11-30', '20:00'),
    },
    {
      label: 'received on Friday 23 October → Tuesday 27 October: Republic Day moved to Monday 26 October is not counted',
      received: '2026-10-23',
      due: almaty('2026-10-27', '20:00'),
    },
  ])('p.35: $label', ({ received, due }) => {
    expect(protocolDue(received)).toEqual(due)
  })

  it('p.35: an administrator’s transfer of a day off moves the limit too', () => {
    const overrides = [{ day: '2026-11-24', kind: 'day_off' as const }]
    expect(protocolDue('2026-11-23', { overrides })).toEqual(almaty('2026-11-25', '20:00'))
  })

  it('p.35: applied by 20:00 of the due day it is in time; a minute later it is late', () => {
    const due = protocolDue('2026-11-23')
    expect(isProtocolLate(due, almaty('2026-11-24', '20:00'))).toBe(false)
    expect(isProtocolLate(due, almaty('2026-11-23', '09:00'))).toBe(false)
    expect(isProtocolLate(due, almaty('2026-11-24', '20:01'))).toBe(true)
  })
})

describe('Rules of attachment p.35-36: the protocol’s list of people, as typed or pasted', () => {
  it('p.35: one IIN a line, optionally with a section number; spaces and blank lines are fine', () => {
    const text = `${first}\n\n  ${second.slice(0, 6)} ${second.slice(6)} ; 3 \r\n${third};`
    expect(parseProtocolPeople(text)).toEqual({
      people: [
        { line: 1, iin: first, section: null },
        { line: 3, iin: second, section: '3' },
        { line: 4, iin: third, section: null },
      ],
      errors: [],
    })
  })

  it('p.35: a CSV pasted from a spreadsheet reads the same: byte-order mark, header line, quoted fields, commas or tabs', () => {
    const text = `\uFEFF"ЖСН";"Учаске"\r\n"${first}";"1"\r\n${second},2\r\n${third}\t4\r\n`
    expect(parseProtocolPeople(text).people).toEqual([
      { line: 2, iin: first, section: '1' },
      { line: 3, iin: second, section: '2' },
      { line: 4, iin: third, section: '4' },
    ])
  })

  it('p.35: every bad line is reported with its number and reason, the good ones are still read', () => {
    const text = [first, badChecksum, '12345', `${second}x`, first, 'Ақтау', second].join('\n')
    expect(parseProtocolPeople(text)).toEqual({
      people: [
        { line: 1, iin: first, section: null },
        { line: 7, iin: second, section: null },
      ],
      errors: [
        { line: 2, code: 'errors.protocol.line.iinChecksum' },
        { line: 3, code: 'errors.protocol.line.iinLength' },
        { line: 4, code: 'errors.protocol.line.iinDigits' },
        { line: 5, code: 'errors.protocol.line.duplicate', first: 1 },
        { line: 6, code: 'errors.protocol.line.iinDigits' },
      ],
    })
  })

  it('p.36: the form needs the kind, the number, a real day of receipt, a basis of p.31(6)-(8) and a list', () => {
    const valid = {
      kind: 'regional_commission',
      number: '14-П',
      receivedOn: '2026-11-23',
      basis: 'new_facility',
      people: first,
      idempotencyKey: '6f1d8f0e-3c1a-4c55-9a55-0d6c1f0b2a11',
    }
    expect(protocolSchema.safeParse(valid).success).toBe(true)
    const issues = (input: Record<string, string>) =>
      protocolSchema.safeParse({ ...valid, ...input }).error?.issues.map((issue) => [issue.path.join('.'), issue.message])
    expect(issues({ number: ' ', receivedOn: '2026-02-30', people: '\n' })).toEqual([
      ['number', 'errors.protocol.numberRequired'],
      ['receivedOn', 'errors.protocol.receivedOnRequired'],
      ['people', 'errors.protocol.peopleRequired'],
    ])
    // p.31(5) is the person's own answer to a commission (p.36 para 2), not a ground a protocol attaches on.
    expect(issues({ basis: 'commission_disagreement' })).toEqual([['basis', 'errors.protocol.basisRequired']])
  })
})

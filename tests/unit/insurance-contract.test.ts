import { describe, expect, it } from 'vitest'
import { deskBasisRefusal } from '@/lib/services/attachment/rules'
import {
  hasAttachmentLapsed,
  insuranceAttachmentTerm,
  insuranceContractRefusal,
  isContractInForce,
  isContractTermValid,
  mayAttachByInsurance,
} from '@/lib/services/attachment/rules/insurance'
import { attachmentRefusalGrounds } from '@/lib/services/attachment/refusal-grounds'
import { insuranceContractSchema } from '@/lib/services/attachment/schema'

// The digest's example (test 43): a VHI contract valid 01.03.2025 – 28.02.2026.
const contract = { startsOn: '2025-03-01', endsOn: '2026-02-28' }

describe('Attachment rules p.29: a contract ends after it starts', () => {
  it.each([
    { label: 'a year', startsOn: '2025-03-01', endsOn: '2026-02-28', valid: true },
    { label: 'ends the day it starts', startsOn: '2025-03-01', endsOn: '2025-03-01', valid: false },
    { label: 'ends before it starts', startsOn: '2025-03-01', endsOn: '2025-02-01', valid: false },
  ])('$label', ({ startsOn, endsOn, valid }) => {
    expect(isContractTermValid({ startsOn, endsOn })).toBe(valid)
    expect(
      insuranceContractSchema.safeParse({ kind: 'voluntary', number: 'ЕМС-1', insurer: 'Halyk', startsOn, endsOn }).success,
    ).toBe(valid)
  })

  it('the form names the end date when it is before the start, or not a calendar day', () => {
    const issues = (endsOn: string) =>
      insuranceContractSchema
        .safeParse({ kind: 'imposed', number: 'ЖМС-7', insurer: 'Nomad', startsOn: '2026-03-01', endsOn })
        .error?.issues.map((issue) => [issue.path.join('.'), issue.message])
    expect(issues('2026-02-28')).toEqual([['endsOn', 'errors.insurance.endsBeforeStart']])
    expect(issues('2026-02-30')?.[0]).toEqual(['endsOn', 'errors.insurance.endsOnInvalid'])
  })
})

describe('Attachment rules p.28-29: the contract must be in force on the day of the application', () => {
  it.each([
    { label: 'the day before it starts', today: '2025-02-28', inForce: false, refusal: 'errors.insurance.notYetInForce' },
    { label: 'its first day', today: '2025-03-01', inForce: true, refusal: null },
    {
      label: 'a Saturday in the middle (p.28: any day of the clinic’s schedule)',
      today: '2025-10-11',
      inForce: true,
      refusal: null,
    },
    { label: 'its last day', today: '2026-02-28', inForce: true, refusal: null },
    { label: 'the day after it ends', today: '2026-03-01', inForce: false, refusal: 'errors.insurance.expired' },
  ])('$label', ({ today, inForce, refusal }) => {
    expect(isContractInForce(contract, today)).toBe(inForce)
    expect(insuranceContractRefusal(contract, today)?.code ?? null).toBe(refusal)
  })

  it('an expired contract is refused at the end date, with the rule-derived ground "insurance contract expired"', () => {
    expect(insuranceContractRefusal(contract, '2026-06-01')).toEqual({ code: 'errors.insurance.expired', field: 'endsOn' })
    expect(attachmentRefusalGrounds.find((ground) => ground.code === 'insurance_expired')).toMatchObject({
      titleRu: 'Истёк договор страхования',
      source: '001, 29-т.',
    })
  })
})

describe('Attachment rules p.6, p.7, p.27 para 2: who may attach under an insurance contract', () => {
  it.each([
    { status: 'foreigner', residence: 'temporary', allowed: true },
    { status: 'stateless', residence: 'temporary', allowed: true },
    { status: 'foreigner', residence: 'permanent', allowed: false },
    { status: 'stateless', residence: 'permanent', allowed: false },
    { status: 'refugee', residence: null, allowed: false },
    { status: 'kandas', residence: null, allowed: false },
    { status: 'citizen', residence: null, allowed: false },
  ] as const)('$status $residence: $allowed', ({ status, residence, allowed }) => {
    expect(mayAttachByInsurance(status, residence)).toBe(allowed)
    const context = { status, residence, today: '2025-06-02', approvedFreeChoicesThisYear: 0, placedByProtocolOn: null }
    expect(deskBasisRefusal('insurance_contract', { ...context, category: 'insurance_contract' })).toBe(
      allowed ? null : 'errors.insurance.statusNotEligible',
    )
  })

  it('the insurance basis stays tied to the insurance category (p.23)', () => {
    const context = {
      status: 'foreigner' as const,
      residence: 'temporary' as const,
      today: '2025-06-02',
      approvedFreeChoicesThisYear: 0,
      placedByProtocolOn: null,
    }
    expect(deskBasisRefusal('insurance_contract', { ...context, category: 'pensioner' })).toBe(
      'errors.desk.insuranceOnlyForCategory',
    )
  })
})

describe('Attachment rules p.29 para 2: the attachment lasts for the contract’s term', () => {
  it('from the decision to the contract’s last day, and it has lapsed the day after', () => {
    expect(insuranceAttachmentTerm(contract, '2025-03-03')).toEqual({ validFrom: '2025-03-03', validTo: '2026-02-28' })
    expect(hasAttachmentLapsed('2026-02-28', '2026-02-28')).toBe(false)
    expect(hasAttachmentLapsed('2026-02-28', '2026-03-01')).toBe(true)
    expect(hasAttachmentLapsed(null, '2099-01-01')).toBe(false)
  })
})

describe('standard row 8(5)-(6): the refusal grounds in the standard’s own words, to their ends', () => {
  // 001_4ffc1e32788e1dc5.txt, the standard's row 8: item 5 ends "…арнаулы құқығынан айырылуы бойынша;", item 6 "…қол
  // жеткізуге келісімі болмауы бойынша мемлекеттік қызметтерді көрсетуден бас тартады."
  it('row 8(5): the court sentence depriving a special right, ending as the standard does', () => {
    expect(attachmentRefusalGrounds.find((ground) => ground.code === 'court_special_right')?.kk).toMatch(
      /^Көрсетілетін қызметті алушыға қатысты соттың заңды күшіне енген үкімінің болуы, .* арнаулы құқығынан айырылуы бойынша$/,
    )
  })

  it('row 8(6): no consent to restricted personal data, ending as the standard does', () => {
    expect(attachmentRefusalGrounds.find((ground) => ground.code === 'no_personal_data_consent')?.kk).toMatch(
      /8-бабына сәйкес берілетін қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісімі болмауы бойынша мемлекеттік қызметтерді көрсетуден бас тартады$/,
    )
  })
})

import { formatDay } from '@/lib/i18n/format'
import type { AttachmentRequest } from '../schema'

// What the 064/e coupon says of an application taken at the desk (p.23-24, p.28-29): the document presented (kind,
// number, issuer) and, for an attachment under an insurance contract, the contract (kind, number, insurer, term).
export type CouponDeskLines = {
  presented?: { kk: string; ru: string }
  insurance?: { kk: string; ru: string }
}

// One line each (the A5 coupon has room for two more rows, not four): the contract's kind by its abbreviation in both
// languages, and the document presented by its number and issuer (the category's document, standard row 7).
const contractAbbreviations = { voluntary: 'ЕМС / ДМС', imposed: 'ЖМС / ВМС' } as const
// The identity document's kind in both languages, as the coupon's other lines carry both.
const identityKindNames = {
  identity_card: 'Жеке куәлік / Удостоверение личности',
  passport: 'ҚР паспорты / Паспорт РК',
  foreign_passport: 'Шетелдік паспорт / Иностранный паспорт',
  residence_permit: 'Ықтиярхат / Вид на жительство',
  stateless_certificate: 'Азаматтығы жоқ адамның куәлігі / Удостоверение лица без гражданства',
} as const
// A line is cut at two printed lines' worth: the form takes 200-character issuers and insurers, which would push the
// coupon off its page; the request keeps them whole.
const lineLimit = 110
const clip = (line: string) => (line.length > lineLimit ? `${line.slice(0, lineLimit - 1)}…` : line)

export function couponDeskLines(payload: Pick<AttachmentRequest, 'basis' | 'desk'>): CouponDeskLines {
  const desk = payload.desk
  if (!desk) return {}
  const contract = payload.basis === 'insurance_contract' ? desk.insurance : undefined
  // p.28: under a contract, the contract has its own line, so the document presented is the person's identity
  // document (the foreign passport), which the Rules name beside it.
  const presented = clip(
    contract && desk.identity
      ? `${identityKindNames[desk.identity.kind]} № ${desk.identity.number}`
      : `№ ${desk.documentNumber}, ${desk.documentIssuer}`,
  )
  // The term first, so that a long insurer's name is what gets cut.
  const insurance = contract
    ? clip(
        `${contractAbbreviations[contract.kind]} № ${contract.number}, ${formatDay(contract.startsOn)} – ${formatDay(contract.endsOn)}, ${contract.insurer}`,
      )
    : null
  return { presented: { kk: presented, ru: presented }, ...(insurance ? { insurance: { kk: insurance, ru: insurance } } : {}) }
}

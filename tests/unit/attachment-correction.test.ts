import { describe, expect, it } from 'vitest'
import { attachmentCorrectionSchema, sectionChangeSchema } from '@/lib/services/attachment/correction/schema'
import { fieldErrorsOf } from '@/lib/action-result'
import type { Translate } from '@/lib/i18n/messages'
import { correctionNote } from '@/lib/services/attachment/correction/note'

const facts = { address: 'Ақтау қ., 3 шағын аудан, 18 үй, 4 пәтер', addressKind: 'actual', sectionId: '4' }

// Issue 15: the correction form and its action share one schema; each bad fact is refused beside its own field with
// the submission's own message key.
describe('Issue 15: the facts of a returned document are checked by the submission’s rules', () => {
  it.each([
    {
      label: 'an address too short',
      input: { ...facts, address: 'Ақ' },
      field: 'address',
      key: 'errors.attachment.addressRequired',
    },
    {
      label: 'an address too long',
      input: { ...facts, address: 'а'.repeat(301) },
      field: 'address',
      key: 'errors.attachment.addressTooLong',
    },
    {
      label: 'an address kind unknown',
      input: { ...facts, addressKind: 'summer' },
      field: 'addressKind',
      key: 'errors.attachment.addressKindRequired',
    },
    {
      label: 'a section that is no id',
      input: { ...facts, sectionId: '4; drop' },
      field: 'sectionId',
      key: 'errors.attachment.sectionInvalid',
    },
    {
      label: 'an empty document number',
      input: { ...facts, documentNumber: ' ' },
      field: 'documentNumber',
      key: 'errors.desk.documentNumberRequired',
    },
    { label: 'an empty insurer', input: { ...facts, insurer: '' }, field: 'insurer', key: 'errors.insurance.insurerRequired' },
  ])('$label', ({ input, field, key }) => {
    const parsed = attachmentCorrectionSchema.safeParse(input)
    expect(parsed.success).toBe(false)
    expect(fieldErrorsOf(parsed.error!)[field]).toBe(key)
  })

  it('an empty section parses as none: whether that may stand is the database’s question (the attachment has one)', () => {
    expect(attachmentCorrectionSchema.parse({ ...facts, sectionId: '' }).sectionId).toBeNull()
  })

  it('details of the basis are optional: a portal request has none', () => {
    expect(attachmentCorrectionSchema.parse(facts)).toEqual({ ...facts, sectionId: 4 })
  })
})

describe('Issue 15, Rules of attachment p.18: a section change says why', () => {
  const change = { patientId: 12, version: 1, sectionId: '2', reason: 'Отбасының өтініші бойынша' }
  it.each([
    {
      label: 'no reason',
      input: { ...change, reason: '   ' },
      field: 'reason',
      key: 'errors.attachment.sectionChangeReasonRequired',
    },
    {
      label: 'a reason too long',
      input: { ...change, reason: 'с'.repeat(501) },
      field: 'reason',
      key: 'errors.attachment.sectionChangeReasonTooLong',
    },
    { label: 'no section', input: { ...change, sectionId: '' }, field: 'sectionId', key: 'errors.attachment.sectionRequired' },
  ])('$label is refused beside its field', ({ input, field, key }) => {
    const parsed = sectionChangeSchema.safeParse(input)
    expect(parsed.success).toBe(false)
    expect(fieldErrorsOf(parsed.error!)[field]).toBe(key)
  })
})

describe('Issue 15: the history says what a correction changed, and why the document came back', () => {
  const t = ((key: string) => `<${key}>`) as Translate
  it('each change before → after, then the signer’s reason; the address kind and an empty value in words', () => {
    expect(
      correctionNote(
        {
          reason: 'Мекенжай қате.',
          changes: {
            address: { before: 'Ақтау қ., 3 ш/а', after: 'Ақтау қ., 3 ш/а, 4 пәтер' },
            addressKind: { before: 'registered', after: 'actual' },
            section: { before: null, after: '2' },
          },
        },
        t,
      ),
    ).toBe(
      '<requests.fields.address>: Ақтау қ., 3 ш/а → Ақтау қ., 3 ш/а, 4 пәтер; ' +
        '<attachmentForm.addressKind>: <attachmentForm.addressKinds.registered> → <attachmentForm.addressKinds.actual>; ' +
        '<requests.fields.section>: — → 2 · <requests.correction.returnedBecause>: Мекенжай қате.',
    )
  })

  it('a field it does not know is left out, and nothing at all says nothing', () => {
    expect(correctionNote({ changes: { clinicId: { before: '1', after: '2' } } }, t)).toBeNull()
  })
})

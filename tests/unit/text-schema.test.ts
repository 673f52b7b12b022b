import { describe, expect, it } from 'vitest'
import { fieldErrorsOf } from '@/lib/action-result'
import { careStopSchema } from '@/lib/services/attachment/care-stop/schema'
import { revokeDocumentSchema } from '@/lib/documents/schema'
import { refusalSchema } from '@/lib/requests/schemas'
import { attachmentRequestSchema } from '@/lib/services/attachment/schema'
import { complaintFormSchema } from '@/lib/services/complaint/schema'
import { hasUnstorableCharacters, plainText } from '@/lib/text/text-schema'

const line = plainText({ min: 2, max: 20, messages: { required: 'test.required', tooLong: 'test.tooLong' } })
const lines = plainText({ min: 2, max: 40, multiline: true, messages: { required: 'test.required', tooLong: 'test.tooLong' } })
const messageOf = (result: ReturnType<typeof line.safeParse>) =>
  result.success ? null : result.error.issues.map((i) => i.message)

describe('Free text: what cannot be stored is refused with errors.text.invalidCharacters', () => {
  it.each([
    { label: 'a NUL byte (PostgreSQL refuses it in text)', text: 'Ақ\u0000тау' },
    { label: 'a NUL byte at the end, where trimming does not reach', text: 'Ақтау\u0000' },
    { label: 'a C0 control (bell)', text: 'Ақ\u0007тау' },
    { label: 'DEL', text: 'Ақ\u007Fтау' },
    { label: 'a C1 control', text: 'Ақ\u0085тау' },
    { label: 'a lone high surrogate', text: 'Ақ\uD83Dтау' },
    { label: 'a lone low surrogate', text: 'Ақ\uDE00тау' },
    { label: 'a low surrogate before a high one', text: '\uDE00\uD83D тау' },
    { label: 'a line break in a one-line field', text: 'Ақ\nтау' },
    { label: 'a tab in a one-line field', text: 'Ақ\tтау' },
  ])('$label', ({ text }) => {
    expect(messageOf(line.safeParse(text))).toEqual(['errors.text.invalidCharacters'])
  })

  it('is the only message: a short text with a NUL byte says what to remove, not that it is too short', () => {
    expect(messageOf(line.safeParse('\u0000'))).toEqual(['errors.text.invalidCharacters'])
  })

  it.each([
    { label: 'Kazakh letters', text: 'әғқңөұүһі ӘҒҚҢӨҰҮҺІ', expected: 'әғқңөұүһі ӘҒҚҢӨҰҮҺІ' },
    { label: 'an emoji (a valid surrogate pair)', text: 'Рақмет 👍', expected: 'Рақмет 👍' },
    { label: 'U+FFFD, which a person can paste', text: 'a\uFFFDb', expected: 'a\uFFFDb' },
    { label: 'a non-breaking space and №', text: '№\u00A012', expected: '№\u00A012' },
    { label: 'trimmed', text: '  Ақтау \n', expected: 'Ақтау' },
    { label: 'normalized to NFC (и + combining breve is й)', text: 'Аи\u0306', expected: 'Ай' },
  ])('keeps $label', ({ text, expected }) => {
    expect(line.parse(text)).toBe(expected)
  })

  it('a multiline field keeps line breaks and tabs, and still refuses NUL and other controls', () => {
    expect(lines.parse('бірінші жол\r\nекінші\tжол')).toBe('бірінші жол\r\nекінші\tжол')
    expect(messageOf(lines.safeParse('бірінші\u0000жол'))).toEqual(['errors.text.invalidCharacters'])
    expect(messageOf(lines.safeParse('бірінші\u000Bжол'))).toEqual(['errors.text.invalidCharacters'])
    expect(messageOf(lines.safeParse('бірінші\uD800жол'))).toEqual(['errors.text.invalidCharacters'])
  })

  it('keeps each field its own length messages, measured after trimming and NFC', () => {
    expect(messageOf(line.safeParse('  a  '))).toEqual(['test.required'])
    expect(messageOf(line.safeParse(undefined))).toEqual(['test.required'])
    expect(messageOf(line.safeParse('a'.repeat(21)))).toEqual(['test.tooLong'])
    // 20 letters with combining marks are 40 code units typed, 20 stored.
    expect(line.parse('и\u0306'.repeat(20))).toBe('й'.repeat(20))
  })

  it('hasUnstorableCharacters is the rule behind it', () => {
    expect(hasUnstorableCharacters('Жұмабаева')).toBe(false)
    expect(hasUnstorableCharacters('a\nb')).toBe(true)
    expect(hasUnstorableCharacters('a\nb', { multiline: true })).toBe(false)
    expect(hasUnstorableCharacters('😀')).toBe(false)
    expect(hasUnstorableCharacters('😀'.slice(0, 1))).toBe(true)
  })
})

describe('Free text through the real action schemas: the error lands on the field', () => {
  const requestId = '6f1d8f0e-3c1a-4c55-9a55-0d6c1f0b2a11'
  it('the refusal reason', () => {
    const parsed = refusalSchema.safeParse({ requestId, version: 1, ground: 'other', reason: 'Мекенжай расталмады\u0000' })
    expect(parsed.success || fieldErrorsOf(parsed.error)).toEqual({ reason: 'errors.text.invalidCharacters' })
  })
  it('the complaint', () => {
    const parsed = complaintFormSchema.safeParse({ requestId, text: 'Шешіммен келіспеймін, себебі \uD800 учаске дұрыс емес.' })
    expect(parsed.success || fieldErrorsOf(parsed.error)).toEqual({ text: 'errors.text.invalidCharacters' })
  })
  it('the care-stop note (a lone surrogate used to be stored as U+FFFD)', () => {
    const parsed = careStopSchema.safeParse({
      reason: 'contract_terminated',
      stopsOn: '2027-01-01',
      note: 'Шарт \uDC00 бұзылды',
      idempotencyKey: requestId,
    })
    expect(parsed.success || fieldErrorsOf(parsed.error)).toEqual({ note: 'errors.text.invalidCharacters' })
  })
  it('the revoke reason, and a version beyond the integer column', () => {
    const parsed = revokeDocumentSchema.safeParse({ documentId: requestId, version: 2 ** 40, reason: 'Қате\u0000 құжат' })
    expect(parsed.success || fieldErrorsOf(parsed.error)).toEqual({
      version: expect.any(String),
      reason: 'errors.text.invalidCharacters',
    })
  })
  it('the address of an attachment request', () => {
    const parsed = attachmentRequestSchema.safeParse({
      patientId: '1',
      clinicId: '1',
      sectionId: '',
      address: 'Ақтау, 14\u0000 ш/а',
      basis: 'free_choice',
    })
    expect(parsed.success || fieldErrorsOf(parsed.error)).toEqual({ address: 'errors.text.invalidCharacters' })
  })
})

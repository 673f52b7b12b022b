import { zodResolver } from '@hookform/resolvers/zod'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { protocolSchema } from '@/lib/services/attachment/protocols/schema'
import { careStopSchema } from '@/lib/services/attachment/care-stop/schema'
import { familyApplicationSchema } from '@/lib/services/attachment/family-schema'
import { attachmentCorrectionSchema, sectionChangeSchema } from '@/lib/services/attachment/correction/schema'
import { attachmentRequestSchema } from '@/lib/services/attachment/schema'
import { complaintFormSchema, complaintSchema, qualityControlAnswerSchema } from '@/lib/services/complaint/schema'

const requestId = '0d6c1f0b-3c1a-4c55-9a55-6f1d8f0e2a11'
const idempotencyKey = '6f1d8f0e-3c1a-4c55-9a55-0d6c1f0b2a11'

// What each form sends, as the browser has it: ids as the strings of a select, days as the date picker gives them,
// text with the spaces a person leaves around it.
const portalAttachment = {
  patientId: '12',
  clinicId: '7',
  sectionId: '',
  address: '  Ақтау қ., 3 шағын аудан, 18 үй ',
  addressKind: 'actual',
  pregnant: false,
  basis: 'free_choice',
  dischargedOn: '',
}

const deskAttachment = {
  ...portalAttachment,
  sectionId: '4',
  basis: 'insurance_contract',
  desk: {
    category: 'insurance_contract',
    documentKind: 'insurance_contract',
    documentNumber: ' ЕМС-2026/0457 ',
    documentIssuer: 'Freedom Finance Insurance',
    phone: '+77011234567',
    phoneConsent: true,
    representativeIin: '',
    openedAt: '2026-11-24T04:15:00.000Z',
    insurance: {
      kind: 'voluntary',
      number: 'ЕМС-2026/0457',
      insurer: 'Freedom Finance Insurance',
      startsOn: '2026-11-01',
      endsOn: '2027-10-31',
      byInsurer: false,
    },
  },
}

const member = (patientId: string, sectionId: string) => ({
  patientId,
  sectionId,
  documentKind: 'identity_card',
  documentNumber: `0456123${patientId}`,
  documentIssuer: 'ҚР ІІМ',
  representativeIin: '',
})

const familyApplication = {
  clinicId: '7',
  address: 'Ақтау қ., 3 шағын аудан, 18 үй',
  basis: 'residence_change',
  writtenConsent: true,
  members: [member('11', ''), member('12', '4')],
  openedAt: '2026-11-24T04:15:00.000Z',
}

// The engine parses a stored payload again before its hooks see it, and a form's action parses what the browser's
// copy of the same schema returned: a schema's output must be an input it takes, and come back unchanged.
describe('every service schema parses its own output again', () => {
  it.each<{ label: string; schema: z.ZodType; input: unknown }>([
    { label: 'attachment (portal)', schema: attachmentRequestSchema, input: portalAttachment },
    { label: 'attachment (desk, insurance contract)', schema: attachmentRequestSchema, input: deskAttachment },
    { label: 'family application', schema: familyApplicationSchema, input: familyApplication },
    {
      label: 'complaint (form)',
      schema: complaintFormSchema,
      input: { requestId, text: ' Шешіммен келіспеймін: себебі жазылмаған. ' },
    },
    {
      label: 'complaint (request)',
      schema: complaintSchema,
      input: { requestId, text: 'Шешіммен келіспеймін: себебі жазылмаған.', clinicId: 7, patientId: 12 },
    },
    {
      label: 'quality-control answer',
      schema: qualityControlAnswerSchema,
      input: { requestId, idempotencyKey, outcome: 'upheld', text: ' Шағым негізді. ' },
    },
    {
      label: 'attachment protocol',
      schema: protocolSchema,
      input: {
        kind: 'fund_placement',
        number: ' 12-3/456 ',
        receivedOn: '2026-11-24',
        basis: 'clinic_refusal',
        people: '920314400015 Серікова Айгүл\n850101300012\n',
        idempotencyKey,
      },
    },
    {
      label: 'care stop (contract ended)',
      schema: careStopSchema,
      input: {
        reason: 'contract_terminated',
        learnedOn: '',
        stopsOn: '2027-01-01',
        note: ' Fund letter 12-3/456 ',
        idempotencyKey,
      },
    },
    {
      label: 'attachment correction (desk, insurance contract)',
      schema: attachmentCorrectionSchema,
      input: {
        address: ' Ақтау қ., 3 шағын аудан, 18 үй, 4 пәтер ',
        addressKind: 'actual',
        sectionId: '4',
        documentNumber: ' ЕМС-2026/0457 ',
        documentIssuer: 'Freedom Finance Insurance',
        insuranceNumber: 'ЕМС-2026/0457',
        insurer: 'Freedom Finance Insurance',
      },
    },
    {
      label: 'section change',
      schema: sectionChangeSchema,
      input: { patientId: 12, version: 3, sectionId: '4', reason: ' Отбасының өтініші бойынша ' },
    },
    {
      label: 'care stop (liquidation)',
      schema: careStopSchema,
      input: { reason: 'liquidation', learnedOn: '2026-11-18', stopsOn: '2027-03-01', idempotencyKey },
    },
  ])('$label', ({ schema, input }) => {
    const once = schema.parse(input)
    expect(schema.parse(once)).toEqual(once)
  })

  it('attachment: ids come out as numbers, the empty section as none, and parse again as such', () => {
    const once = attachmentRequestSchema.parse(portalAttachment)
    expect(once).toMatchObject({ patientId: 12, clinicId: 7, sectionId: null, address: 'Ақтау қ., 3 шағын аудан, 18 үй' })
    expect(attachmentRequestSchema.parse(once)).toMatchObject({ patientId: 12, clinicId: 7, sectionId: null })
    expect(familyApplicationSchema.parse(familyApplicationSchema.parse(familyApplication)).members).toMatchObject([
      { patientId: 11, sectionId: null },
      { patientId: 12, sectionId: 4 },
    ])
  })

  it.each([
    { label: 'zero', patientId: 0 },
    { label: 'a fraction', patientId: 1.5 },
    { label: 'a negative number', patientId: -3 },
    { label: 'past the safe integers', patientId: 2 ** 53 },
    { label: 'a number in a string with a sign', patientId: '+12' },
    { label: 'nothing', patientId: '' },
  ])('attachment: an id that is $label is refused with the field’s message', ({ patientId }) => {
    const result = attachmentRequestSchema.safeParse({ ...portalAttachment, patientId })
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([
      'patientId',
      'errors.attachment.patientRequired',
    ])
  })
})

// The form shows what its resolver picks from a union (the closest branch's issue), not the union's own message: every
// branch must carry the field's message key, or the field would read "unexpected error".
describe('the attachment form tells each id field its own message', () => {
  it.each([
    { label: 'nothing chosen', values: { patientId: '', clinicId: '', sectionId: 'x' } },
    { label: 'not a number', values: { patientId: 'abc', clinicId: '0', sectionId: '-1' } },
    { label: 'missing', values: { patientId: undefined, clinicId: null, sectionId: undefined } },
  ])('$label', async ({ values }) => {
    const resolve = zodResolver(attachmentRequestSchema)
    const { errors } = await resolve({ ...portalAttachment, ...values } as never, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    })
    expect(Object.fromEntries(Object.entries(errors).map(([field, error]) => [field, error?.message]))).toMatchObject({
      patientId: 'errors.attachment.patientRequired',
      clinicId: 'errors.attachment.clinicRequired',
      sectionId: 'errors.attachment.sectionInvalid',
    })
  })
})

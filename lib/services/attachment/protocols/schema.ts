import { z } from 'zod'
import { calendarYearsDay } from '@/lib/calendar/day-schema'
import { plainText } from '@/lib/text/text-schema'
import { attachmentProtocolKinds, protocolBases } from '@/db/schema/attachment-protocols'

// The chief's record of a protocol received (Rules of attachment p.16, p.35-36); each line of `people` is checked
// on the server, which lists every bad line before anything is applied. What the action takes is the same with the
// form's idempotency key.
export const protocolFormSchema = z.object({
  kind: z.enum(attachmentProtocolKinds, { error: 'errors.protocol.kindRequired' }),
  number: plainText({
    min: 1,
    max: 50,
    messages: { required: 'errors.protocol.numberRequired', tooLong: 'errors.protocol.numberTooLong' },
  }),
  receivedOn: calendarYearsDay('errors.protocol.receivedOnRequired'),
  basis: z.enum(protocolBases, { error: 'errors.protocol.basisRequired' }),
  people: plainText({
    min: 1,
    max: 200_000,
    multiline: true,
    messages: { required: 'errors.protocol.peopleRequired', tooLong: 'errors.protocol.tooManyPeople' },
  }),
})
export const protocolSchema = protocolFormSchema.extend({ idempotencyKey: z.uuid('errors.invalidInput') })
export type ProtocolInput = z.input<typeof protocolSchema>
export type ProtocolData = z.output<typeof protocolSchema>

import { foldName } from '@/lib/text/fold'

// The pure rules of the registry certificates (Order ҚР ДСМ-49/2020; digest rules 6-27). No clock: time comes in.

// List row 4, rules 6-7: 30 minutes from the moment of the request, round the clock; no cut-off and no shift to the next
// working day.
export const certificateLimitMinutes = 30

// Reading B4: the consent of the person asked about is waited for inside the 30 minutes, so that an unanswered request
// is refused in time (rule 21). The rest is the margin the minute's sweep needs to refuse it (lib/jobs).
export const consentWindowMinutes = 25

export function consentExpiresAt(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + consentWindowMinutes * 60_000)
}

// A one-time code: six digits, tried at most this many times (rule 17).
export const consentCodeAttempts = 5

export type RegistryPerson = { iin: string; lastName: string; firstName: string; birthDate: string }
export type RegistryRecordFacts = { iin: string | null; lastName: string; firstName: string; birthDate: string }

// Rules 10-11 and the uncertain match: a record with the person's IIN says «состоит»; a record with the same
// name and birth date but another IIN, or none, may be the same person and goes to the centre's doctor; otherwise
// «не состоит». Only active records of the service's own registry are given (rule 26).
export type RegistryMatch = 'registered' | 'not_registered' | 'uncertain'

export function matchRegistry(person: RegistryPerson, records: readonly RegistryRecordFacts[]): RegistryMatch {
  if (records.some((record) => record.iin === person.iin)) return 'registered'
  const name = (record: { lastName: string; firstName: string }) => `${foldName(record.lastName)} ${foldName(record.firstName)}`
  const same = records.some((record) => record.birthDate === person.birthDate && name(record) === name(person))
  return same ? 'uncertain' : 'not_registered'
}

// Rule 24: the name without a patronymic the person does not have (no "null").
export function fullName(person: { lastName: string; firstName: string; middleName: string | null }): string {
  return [person.lastName, person.firstName, person.middleName?.trim() || null].filter(Boolean).join(' ')
}

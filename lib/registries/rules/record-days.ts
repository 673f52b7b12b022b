// The days of a record, against today (Asia/Almaty) and each other: observation cannot start in the future or before
// the person was born; a removal cannot be dated in the future or before observation began. Message keys, or null.
export function observedSinceRefusal(observedSince: string, birthDate: string, today: string): string | null {
  if (observedSince > today) return 'centre.errors.futureDate'
  if (observedSince < birthDate) return 'centre.errors.beforeBirth'
  return null
}

export function birthDateRefusal(birthDate: string, today: string): string | null {
  if (birthDate > today) return 'centre.errors.futureDate'
  if (birthDate < '1900-01-01') return 'centre.errors.birthDateTooEarly'
  return null
}

export function removedOnRefusal(removedOn: string, observedSince: string, today: string): string | null {
  if (removedOn > today) return 'centre.errors.futureDate'
  if (removedOn < observedSince) return 'centre.errors.removedBeforeObserved'
  return null
}

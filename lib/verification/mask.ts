// What the public verification page may show of a person (issue 6): initials, and the IIN with its middle hidden.
// The first two digits (the century of birth) and the last two (a serial and the check digit) say nothing alone.

export function maskIin(iin: string): string {
  if (!/^\d{12}$/.test(iin)) return '************'
  return `${iin.slice(0, 2)}********${iin.slice(10)}`
}

export function initials(name: { lastName: string; firstName: string; middleName?: string | null }): string {
  return [name.lastName, name.firstName, name.middleName]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part))
    .map((part) => `${part.normalize('NFC').charAt(0).toLocaleUpperCase('kk-KZ')}.`)
    .join(' ')
}

// A certificate's subject names its holder's IIN (the national CA writes SERIALNUMBER=IIN…): the verification page and
// the signed PDF show it masked like the patient's. A BIN (the organization's number) is not personal and stays.
export function maskCertificateSubject(subject: string): string {
  return subject.replace(/(?<![0-9])(BIN|БИН)?([0-9]{12})(?![0-9])/gi, (whole, bin: string | undefined, digits: string) =>
    bin ? whole : maskIin(digits),
  )
}

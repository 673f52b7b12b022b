// CSV for spreadsheets used in Kazakhstan's clinics: UTF-8 with a byte-order mark (so Excel reads Cyrillic and Kazakh
// letters), semicolon-separated (the list separator of the kk-KZ and ru-RU locales), every field quoted.
export const csvBom = '\uFEFF'

export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map((field) => `"${String(field ?? '').replaceAll('"', '""')}"`).join(';')}\r\n`
}

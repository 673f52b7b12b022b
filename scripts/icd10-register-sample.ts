// A register file in the Russian Ministry of Health's format (lib/icd10/parse.ts describes it), made up from that
// description alone: deterministic codes and names, none of them the classification's (issue 17: the WHO licence
// forbids shipping its data set). Used by `npm run bench:icd` and tests/integration/icd10-import.test.ts.
// The tree: 22 chapters (Roman numerals), blocks of ten categories, categories A00-Z99 (without U), 1 to 9
// subcategories each, until `rows` rows; every 150th subcategory retired (ACTUAL 0), some rows dated.

const letters = 'ABCDEFGHIJKLMNOPQRSTVWXYZ'
// prettier-ignore
const chapters = [
  'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI',
  'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII',
]

// prettier-ignore
export const sampleNouns = [
  'стенокардия', 'гипертензия', 'пневмония', 'бронхит', 'гастрит', 'холецистит', 'панкреатит', 'артроз', 'артрит',
  'нефролитиаз', 'цистит', 'катаракта', 'глаукома', 'грыжа', 'аппендицит', 'диабет', 'анемия', 'дерматит',
  'остеохондроз', 'миома', 'эндометриоз', 'тонзиллит', 'синусит', 'отит', 'колит', 'язва', 'полип', 'киста',
  'новообразование', 'инфекция', 'перелом', 'вывих', 'ожог', 'отравление', 'туберкулез', 'гепатит', 'цирроз',
  'кардиомиопатия', 'миокардит', 'инфаркт', 'инсульт', 'эпилепсия', 'мигрень', 'невралгия', 'деформация', 'стеноз',
  'тромбоз', 'варикоз', 'аневризма', 'фибрилляция',
]
// prettier-ignore
export const sampleLoci = [
  'желудка', 'почки', 'печени', 'легкого', 'сердца', 'коленного сустава', 'тазобедренного сустава', 'желчного пузыря',
  'мочевого пузыря', 'щитовидной железы', 'предстательной железы', 'позвоночника', 'глаза', 'уха', 'кожи',
  'кишечника', 'матки', 'яичника', 'бронхов', 'сосудов', 'мочеточника', 'поджелудочной железы', 'пищевода',
]
// prettier-ignore
export const sampleQualifiers = [
  'без осложнений', 'с осложнениями', 'другой локализации', 'неуточненной этиологии', 'хронического течения',
  'острого течения', 'у детей', 'при беременности', 'в стадии ремиссии', 'с кровотечением', 'с отёком',
  'двусторонняя', 'рецидивирующая', 'вторичная', 'врожденная',
]

export type SampleRow = {
  id: number
  code: string
  name: string
  parentId: number | null
  actual: boolean
  date: string
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const categoryName = (index: number) =>
  capital(`${sampleNouns[(index * 7) % sampleNouns.length]} ${sampleLoci[(index * 11) % sampleLoci.length]}`)

export function registerSampleRows(rows = 15_000): SampleRow[] {
  const out: SampleRow[] = []
  let id = 0
  const add = (row: Omit<SampleRow, 'id'>) => {
    out.push({ id: ++id, ...row })
    return id
  }
  let category = 0
  let subcategories = 0
  // Letters shared among the chapters in order, 25 letters over 22 chapters.
  for (let chapter = 0; chapter < chapters.length && out.length < rows; chapter++) {
    const own = letters.slice(Math.floor((chapter * letters.length) / 22), Math.floor(((chapter + 1) * letters.length) / 22))
    const chapterId = add({
      code: chapters[chapter]!,
      name: `БОЛЕЗНИ ${sampleLoci[chapter % sampleLoci.length]!.toUpperCase()} (${own})`,
      parentId: null,
      actual: true,
      date: '',
    })
    for (const letter of own)
      for (let block = 0; block < 10 && out.length < rows; block++) {
        const first = `${letter}${block}0`
        const blockId = add({
          code: `${first}-${letter}${block}9`,
          name: `${sampleNouns[(block + chapter) % sampleNouns.length]!.toUpperCase()} И ДРУГИЕ БОЛЕЗНИ`,
          parentId: chapterId,
          actual: true,
          date: '',
        })
        for (let digit = 0; digit < 10 && out.length < rows; digit++) {
          const code = `${letter}${block}${digit}`
          const name = categoryName(category++)
          const categoryId = add({ code, name, parentId: blockId, actual: true, date: category % 40 === 0 ? '01.01.2015' : '' })
          const count = 1 + ((category * 2654435761) % 9)
          for (let sub = 0; sub < count && out.length < rows; sub++) {
            subcategories++
            add({
              code: `${code}.${sub === count - 1 && count > 1 ? 9 : sub}`,
              name: `${name} ${sampleQualifiers[(category + sub * 5) % sampleQualifiers.length]}`,
              parentId: categoryId,
              actual: subcategories % 150 !== 0,
              date: subcategories % 150 === 0 ? '07.10.2020' : '',
            })
          }
        }
      }
  }
  return out
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`

// The file's text, as the register writes it: the header, then one quoted line per row, CRLF line ends.
export function registerSampleText(rows: SampleRow[]): string {
  const lines = ['ID;REC_CODE;MKB_CODE;MKB_NAME;ID_PARENT;ADDL_CODE;ACTUAL;DATE']
  for (const row of rows)
    lines.push(
      [
        row.id,
        quoted(`R${row.id}`),
        quoted(row.code),
        quoted(row.name),
        row.parentId ?? '',
        row.id % 37 === 0 ? '1' : '',
        row.actual ? '1' : '0',
        row.date ? quoted(row.date) : '',
      ].join(';'),
    )
  return `${lines.join('\r\n')}\r\n`
}

// Windows-1251, for the Russian and ASCII text the register holds (a letter outside it is an error of the caller).
export function windows1251(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) bytes[index] = code
    else if (code >= 0x410 && code <= 0x44f) bytes[index] = code - 0x410 + 0xc0
    else if (code === 0x401) bytes[index] = 0xa8
    else if (code === 0x451) bytes[index] = 0xb8
    else throw new Error(`windows1251: no byte for U+${code.toString(16)}`)
  }
  return bytes
}

// The file's bytes in pieces of `size`, as a stream delivers them (a letter may be cut between two pieces).
export async function* inPieces(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size)
}

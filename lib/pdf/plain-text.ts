// Which texts OpenType shaping cannot change, read from the font's own GSUB table.
//
// pdf-lib asks fontkit to lay out every text it measures or draws, and the shaping (feature plans, every lookup
// tried at every glyph) was a third of a form's render time. For the forms' Kazakh, Russian and Latin text DejaVu's
// substitutions almost never apply: soft-dotted і/j change only before a combining accent, and its ligatures are
// Arabic. A text is "plain" when no substitution fontkit would run can match anywhere in it; the glyphs of a plain
// text are exactly the font's cmap glyphs, code point by code point, so it needs no shaping at all. Anything the
// analysis cannot prove (an unknown lookup type, feature variations, an AAT font) makes every text "not plain", and
// the text is shaped as before. tests/unit/pdf-fonts.test.ts checks the claim against fontkit's shaper.
//
// The reading is of fontkit 1.1.1 (@pdf-lib/fontkit): the features its default shaper enables for a horizontal,
// left-to-right run, looked up in each script's default language system (fontkit lays out with no language), and the
// decoded GSUB structures it exposes.

// The characters a plain text may hold: Basic Latin, Latin-1 (without the soft hyphen, which fontkit hides),
// Cyrillic with Kazakh letters (without the combining marks U+0483-U+0489), the dashes, quotes and ellipsis of
// General Punctuation, and №. None of these picks a complex shaper (Arabic, Indic, Hangul…) or a fraction.
const alphabetRanges: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0xff],
  [0x400, 0x482],
  [0x48a, 0x4ff],
  [0x2010, 0x2027],
  [0x2116, 0x2116],
]

// The features fontkit's DefaultShaper turns on for left-to-right text, looked up in GSUB as in GPOS: rvrn and
// ltra/ltrm, the local fraction features (only around U+2044, outside the alphabet, but counted anyway), ccmp locl
// rlig, calt clig liga rclt curs. Not kern, mark, mkmk: lib/pdf/fonts.ts lays out with those three turned off.
const shapedFeatures = new Set([
  'rvrn',
  'ltra',
  'ltrm',
  'frac',
  'numr',
  'dnom',
  'ccmp',
  'locl',
  'rlig',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
])

type Coverage =
  { version: 1; glyphs: number[] } | { version: 2; rangeRecords: { start: number; end: number; startCoverageIndex: number }[] }
type ClassDef =
  | { version: 1; startGlyph: number; classValueArray: number[] }
  | { version: 2; classRangeRecord: { start: number; end: number; class: number }[] }
type Listish<T> = T[] | { toArray(): T[] } | null | undefined
type ChainRule = { backtrack: number[]; input: number[]; lookahead: number[] }
type Subtable = {
  version?: number
  substFormat?: number
  lookupType?: number
  extension?: Subtable
  coverage?: Coverage
  ligatureSets?: Listish<Listish<{ components: number[] }>>
  ruleSets?: Listish<Listish<{ input: number[] }>>
  classDef?: ClassDef
  classSet?: Listish<Listish<{ classes: number[] }>>
  coverages?: Coverage[]
  chainRuleSets?: Listish<Listish<ChainRule>>
  backtrackClassDef?: ClassDef
  inputClassDef?: ClassDef
  lookaheadClassDef?: ClassDef
  chainClassSet?: Listish<Listish<ChainRule>>
  backtrackCoverage?: Coverage[]
  inputCoverage?: Coverage[]
  lookaheadCoverage?: Coverage[]
}
type Lookup = {
  lookupType: number
  flags: {
    flags: { ignoreBaseGlyphs: boolean; ignoreLigatures: boolean; useMarkFilteringSet: boolean }
    markAttachmentType: number
  }
  subTables: Subtable[]
}
type LangSys = { featureIndexes: number[] }
type Gsub = {
  scriptList: { tag: string; script: { defaultLangSys: LangSys | null } }[]
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[]
  lookupList: { toArray(): Lookup[] }
  featureVariations?: unknown
}
// The parts of a fontkit font this reads.
export type ShapedFont = {
  GSUB?: Gsub
  GDEF?: { glyphClassDef?: ClassDef | null }
  morx?: unknown
  glyphForCodePoint(codePoint: number): { id: number }
}

const list = <T>(value: Listish<T>): T[] => (value == null ? [] : Array.isArray(value) ? value : value.toArray())

// The glyphs of a coverage table at their coverage indexes (the index picks a subtable's rule set).
function coverageGlyphs(coverage: Coverage | null | undefined): number[] {
  if (!coverage) return []
  if (coverage.version === 1) return coverage.glyphs
  const glyphs: number[] = []
  for (const { start, end, startCoverageIndex } of coverage.rangeRecords) {
    for (let glyph = start; glyph <= end; glyph++) glyphs[startCoverageIndex + glyph - start] = glyph
  }
  return glyphs
}

function classOf(classDef: ClassDef | null | undefined, glyph: number): number {
  if (!classDef) return 0
  if (classDef.version === 1) {
    const index = glyph - classDef.startGlyph
    return index >= 0 && index < classDef.classValueArray.length ? classDef.classValueArray[index]! : 0
  }
  return classDef.classRangeRecord.find(({ start, end }) => glyph >= start && glyph <= end)?.class ?? 0
}

const never = () => false

// Can a rule of the rule set at `index` match a plain text? A missing set is taken as "yes": fontkit does not expect
// one, and the text is left to it.
function possibleAt<Rule>(sets: Listish<Rule>[], index: number, possible: (rule: Rule) => boolean): boolean {
  const set = sets[index]
  return set == null || list(set).some(possible)
}

// A test for one font: true when the text's glyphs are its cmap glyphs, unchanged by any substitution. A table that
// cannot be read makes every text go to the shaper.
export function plainTextTest(font: ShapedFont): (text: string) => boolean {
  try {
    return readPlainTextTest(font)
  } catch {
    return never
  }
}

function readPlainTextTest(font: ShapedFont): (text: string) => boolean {
  if (font.morx) return never
  const gsub = font.GSUB
  if (gsub?.featureVariations) return never

  const glyphOf = new Map<number, number>()
  for (const [from, to] of alphabetRanges) {
    for (let codePoint = from; codePoint <= to; codePoint++) {
      const glyph = font.glyphForCodePoint(codePoint).id
      // A missing glyph, or one the font marks as a mark (GDEF class 3), is left to the shaper.
      if (glyph !== 0 && classOf(font.GDEF?.glyphClassDef, glyph) !== 3) glyphOf.set(codePoint, glyph)
    }
  }
  if (!gsub) return (text) => isInAlphabet(text, glyphOf)
  const alphabet = new Set(glyphOf.values())
  const inAlphabet = (glyph: number) => alphabet.has(glyph)
  const someInAlphabet = (glyphs: number[]) => glyphs.some(inAlphabet)
  // For a class-based rule: can some glyph of the alphabet be of this class? Class 0 is every glyph not listed.
  const classReachable = (classDef: ClassDef | undefined, wanted: number) =>
    wanted === 0
      ? [...alphabet].some((g) => classOf(classDef, g) === 0)
      : [...alphabet].some((g) => classOf(classDef, g) === wanted)

  const lookupIndexes = new Set<number>()
  for (const { script } of gsub.scriptList) {
    for (const index of script.defaultLangSys?.featureIndexes ?? []) {
      const record = gsub.featureList[index]
      if (record && shapedFeatures.has(record.tag)) record.feature.lookupListIndexes.forEach((i) => lookupIndexes.add(i))
    }
  }

  // A glyph that starts a substitution on its own, and glyph sequences that start a ligature.
  const triggers = new Set<number>()
  const sequences: number[][] = []
  let understood = true
  const lookups = gsub.lookupList.toArray()
  for (const index of lookupIndexes) {
    const lookup = lookups[index]
    if (!lookup) continue
    const { flags, markAttachmentType } = lookup.flags
    // Glyphs skipped by the lookup flags are marks; a plain text has none, so sequences match as they stand unless
    // the lookup skips base glyphs or ligatures, or filters marks: then only the first glyph is trusted.
    const exactSequences = !flags.ignoreBaseGlyphs && !flags.ignoreLigatures && !flags.useMarkFilteringSet && !markAttachmentType
    for (const outer of lookup.subTables) {
      const type = lookup.lookupType === 7 ? outer.lookupType : lookup.lookupType
      const table = lookup.lookupType === 7 ? outer.extension : outer
      if (!table || !type) {
        understood = false
        continue
      }
      const format = table.version ?? table.substFormat
      const covered = coverageGlyphs(table.coverage)
      const startWith = (glyphs: number[]) => glyphs.filter(inAlphabet).forEach((g) => triggers.add(g))
      switch (type) {
        case 1:
        case 2:
        case 3:
          startWith(covered)
          break
        case 4:
          list(table.ligatureSets).forEach((set, k) => {
            const first = covered[k]
            if (first === undefined || !inAlphabet(first)) return
            for (const ligature of list(set)) {
              if (!ligature.components.every(inAlphabet)) continue
              if (exactSequences) sequences.push([first, ...ligature.components])
              else triggers.add(first)
            }
          })
          break
        case 5:
          if (format === 1) {
            const sets = list(table.ruleSets)
            startWith(covered.filter((_, k) => possibleAt(sets, k, (rule) => rule.input.every(inAlphabet))))
          } else if (format === 2) {
            const sets = list(table.classSet)
            const possible = (rule: { classes: number[] }) => rule.classes.every((c) => classReachable(table.classDef, c))
            startWith(covered.filter((g) => possibleAt(sets, classOf(table.classDef, g), possible)))
          } else if (format === 3) {
            if ((table.coverages ?? []).every((c) => someInAlphabet(coverageGlyphs(c)))) {
              startWith(coverageGlyphs(table.coverages?.[0]))
            }
          } else understood = false
          break
        case 6:
          if (format === 1) {
            const sets = list(table.chainRuleSets)
            const possible = (rule: ChainRule) => [...rule.backtrack, ...rule.input, ...rule.lookahead].every(inAlphabet)
            startWith(covered.filter((_, k) => possibleAt(sets, k, possible)))
          } else if (format === 2) {
            const sets = list(table.chainClassSet)
            const possible = (rule: ChainRule) =>
              rule.backtrack.every((c) => classReachable(table.backtrackClassDef, c)) &&
              rule.input.every((c) => classReachable(table.inputClassDef, c)) &&
              rule.lookahead.every((c) => classReachable(table.lookaheadClassDef, c))
            startWith(covered.filter((g) => possibleAt(sets, classOf(table.inputClassDef, g), possible)))
          } else if (format === 3) {
            const all = [...(table.backtrackCoverage ?? []), ...(table.inputCoverage ?? []), ...(table.lookaheadCoverage ?? [])]
            if (all.every((c) => someInAlphabet(coverageGlyphs(c)))) startWith(coverageGlyphs(table.inputCoverage?.[0]))
          } else understood = false
          break
        default:
          // 8 (reverse chaining), which fontkit does not apply, and anything unknown.
          understood = false
      }
    }
  }
  if (!understood) return never

  return (text) => {
    const glyphs: number[] = []
    for (let i = 0; i < text.length; i++) {
      const glyph = glyphOf.get(text.charCodeAt(i))
      if (glyph === undefined || triggers.has(glyph)) return false
      glyphs.push(glyph)
    }
    return !sequences.some((sequence) => containsSequence(glyphs, sequence))
  }
}

function isInAlphabet(text: string, glyphOf: Map<number, number>): boolean {
  for (let i = 0; i < text.length; i++) if (!glyphOf.has(text.charCodeAt(i))) return false
  return true
}

function containsSequence(glyphs: number[], sequence: number[]): boolean {
  outer: for (let start = 0; start + sequence.length <= glyphs.length; start++) {
    for (let k = 0; k < sequence.length; k++) if (glyphs[start + k] !== sequence[k]) continue outer
    return true
  }
  return false
}

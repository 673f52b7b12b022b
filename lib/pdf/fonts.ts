import { readFile } from 'node:fs/promises'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'
import { plainTextTest, type ShapedFont } from './plain-text'

// Read from the installed package at run time (the app runs from the project folder, as `npm start` does). A
// `require.resolve` here would make the bundler try to bundle the .ttf files as modules.
const fontDir = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf')

type FontBytes = { regular: Uint8Array; bold: Uint8Array }

let fontBytes: Promise<FontBytes> | undefined

function loadFontBytes(): Promise<FontBytes> {
  fontBytes ??= Promise.all([readFile(path.join(fontDir, 'DejaVuSans.ttf')), readFile(path.join(fontDir, 'DejaVuSans-Bold.ttf'))])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((error: unknown) => {
      fontBytes = undefined
      throw error
    })
  return fontBytes
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]
type ParsedFont = ReturnType<Fontkit['create']>
type GlyphRun = ReturnType<ParsedFont['layout']>

// Rendering one form used to spend most of its time in fontkit: parsing the same font again for every document,
// shaping the same text again for every measurement, decoding the same glyphs again for every subset. Four shortcuts,
// none of which changes a byte of the PDF (tests/unit/pdf-fonts.test.ts compares them with plain fontkit):
//
// 1. The font's tables (cmap, GSUB, GPOS, hmtx, glyf…) are parsed once per face for the process. Each document gets
//    its own font object on top of them (a prototype view), with its own glyph cache, layout engine and metrics, so
//    nothing a document does is seen by the next: fontkit fills a font's glyph cache in the order texts are shaped and
//    subset, and one font object serving several documents let an earlier document change a later one's ToUnicode map.
//    fontkit parses a table lazily through an accessor bound to the font that parsed it, so views share the tables;
//    reading and subsetting are synchronous, so the shared stream's position is never interleaved.
// 2. Within one document a text is laid out once: the form measures the same labels again and again (word wrap, the
//    size that fits). Laying out a text again with the same font object only returns the glyphs the first call made.
// 3. A text the font's substitutions cannot touch (./plain-text) is not shaped: its glyphs are its cmap glyphs.
// 4. What a glyph's id alone decides (its outline header and points, read to subset it; its metrics, whose vertical
//    part fontkit works out from the outline's box) is decoded once per face and shared by the documents' glyphs.
//    The glyph objects themselves stay per document, since they carry the code points they were first made for.
const parsedFaces = new WeakMap<Uint8Array, Face>()

// `static`: no variation axes. A variable font's glyph outlines and metrics depend on the axis values (and fontkit
// writes into a glyph's metrics while it applies them), so nothing of its glyphs is shared.
type Face = { font: ParsedFont; plain: (text: string) => boolean; glyphData: Map<number, SharedGlyph>; static: boolean }
type SharedGlyph = { decoded?: unknown; metrics?: unknown }
// The glyph internals fontkit 1.1.1's TrueType glyphs and subsets call.
type GlyphInternals = { _decode?: () => unknown; _getMetrics: (cbox?: unknown) => unknown }
type FontInternals = {
  _glyphs: Record<number, unknown>
  getGlyph(id: number, codePoints?: number[]): (ReturnType<ParsedFont['getGlyph']> & GlyphInternals) | null
  glyphsForString(text: string): ReturnType<ParsedFont['glyphsForString']>
}

// GPOS features (kerning, mark placement) only move glyphs; pdf-lib draws each glyph at its advance width and never
// reads the positions, so working them out is wasted. The substitutions (GSUB) that choose the glyphs still apply.
const positioningOff: Parameters<ParsedFont['layout']>[1] = { kern: false, mark: false, mkmk: false }

function faceOf(bytes: Uint8Array): Face {
  let face = parsedFaces.get(bytes)
  if (!face) {
    const font = fontkit.create(bytes)
    const axes = Object.keys((font as unknown as { variationAxes?: object }).variationAxes ?? {})
    face = { font, plain: plainTextTest(font as unknown as ShapedFont), glyphData: new Map(), static: axes.length === 0 }
    parsedFaces.set(bytes, face)
  }
  return face
}

function documentFont(bytes: Uint8Array): ParsedFont {
  const face = faceOf(bytes)
  // fontkit's per-font glyph cache (TTFFont._glyphs): the view's own, so glyphs are made for this document only.
  const font = Object.assign(Object.create(face.font) as ParsedFont, { _glyphs: {} })
  const internals = font as unknown as FontInternals
  const faceGetGlyph = (face.font as unknown as FontInternals).getGlyph
  internals.getGlyph = function getGlyph(id, codePoints) {
    const made = id in internals._glyphs
    const glyph = faceGetGlyph.call(internals, id, codePoints)
    if (glyph && !made && face.static) shareGlyphData(glyph, face.glyphData)
    return glyph
  }
  const shape = face.font.layout.bind(font)
  const runs = new Map<string, GlyphRun>()
  font.layout = (text, features) => {
    if (features !== undefined) return shape(text, features)
    let run = runs.get(text)
    if (!run) {
      // pdf-lib reads only the run's glyphs (CustomFontEmbedder: widths and the encoded text).
      run = face.plain(text) ? ({ glyphs: internals.glyphsForString(text) } as GlyphRun) : shape(text, positioningOff)
      runs.set(text, run)
    }
    return run
  }
  return font
}

function shareGlyphData(glyph: GlyphInternals & { id: number }, shared: Map<number, SharedGlyph>): void {
  let data = shared.get(glyph.id)
  if (!data) {
    data = {}
    shared.set(glyph.id, data)
  }
  const entry = data
  const prototype = Object.getPrototypeOf(glyph) as GlyphInternals
  const decode = prototype._decode
  if (decode) glyph._decode = () => ('decoded' in entry ? entry.decoded : (entry.decoded = decode.call(glyph)))
  glyph._getMetrics = (cbox) => (entry.metrics ??= prototype._getMetrics.call(glyph, cbox))
}

const documentFontkit: Fontkit = { create: documentFont }

// DejaVu Sans has every Kazakh letter and survives pdf-lib's subsetting; Noto Sans TTF loses its glyphs when subset
// (docs: stack notes, finding 6). Subsetting keeps a one-page form at a few kilobytes.
export async function embedDejaVuSans(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  const { regular, bold } = await loadFontBytes()
  doc.registerFontkit(documentFontkit)
  return {
    regular: await doc.embedFont(regular, { subset: true }),
    bold: await doc.embedFont(bold, { subset: true }),
  }
}

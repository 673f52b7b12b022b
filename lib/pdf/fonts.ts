import { readFile } from 'node:fs/promises'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

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

// Rendering one form used to spend most of its time in fontkit, parsing the same font again for every document and
// shaping the same text again for every measurement. Two caches, neither of which changes a byte of the PDF:
//
// 1. The font's tables (cmap, GSUB, GPOS, hmtx, glyf…) are parsed once per face for the process. Each document gets
//    its own font object on top of them (a prototype view), with its own glyph cache, layout engine and metrics, so
//    nothing a document does is seen by the next: fontkit fills a font's glyph cache in the order texts are shaped and
//    subset, and one font object serving several documents let an earlier document change a later one's ToUnicode map.
//    fontkit parses a table lazily through an accessor bound to the font that parsed it, so views share the tables;
//    reading and subsetting are synchronous, so the shared stream's position is never interleaved.
// 2. Within one document a text is shaped once: the form measures the same labels again and again (word wrap, the
//    size that fits), and shaping a line costs about 2 ms. Shaping a text again with the same font object only
//    returns the glyphs the first call made.
const parsedFaces = new WeakMap<Uint8Array, ParsedFont>()

// GPOS features (kerning, mark placement) only move glyphs; pdf-lib draws each glyph at its advance width and never
// reads the positions, so working them out is wasted. The substitutions (GSUB) that choose the glyphs still apply.
const positioningOff: Parameters<ParsedFont['layout']>[1] = { kern: false, mark: false, mkmk: false }

function documentFont(bytes: Uint8Array): ParsedFont {
  let face = parsedFaces.get(bytes)
  if (!face) {
    face = fontkit.create(bytes)
    parsedFaces.set(bytes, face)
  }
  // fontkit's per-font glyph cache (TTFFont._glyphs): the view's own, so glyphs are made for this document only.
  const font = Object.assign(Object.create(face) as ParsedFont, { _glyphs: {} })
  const shape = face.layout.bind(font)
  const runs = new Map<string, GlyphRun>()
  font.layout = (text, features) => {
    if (features !== undefined) return shape(text, features)
    let run = runs.get(text)
    if (!run) {
      run = shape(text, positioningOff)
      runs.set(text, run)
    }
    return run
  }
  return font
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

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

// DejaVu Sans has every Kazakh letter and survives pdf-lib's subsetting; Noto Sans TTF loses its glyphs when subset
// (docs: stack notes, finding 6). Subsetting keeps a one-page form at a few kilobytes.
export async function embedDejaVuSans(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  const { regular, bold } = await loadFontBytes()
  doc.registerFontkit(fontkit)
  return {
    regular: await doc.embedFont(regular, { subset: true }),
    bold: await doc.embedFont(bold, { subset: true }),
  }
}

import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

const require = createRequire(import.meta.url)

type FontBytes = { regular: Uint8Array; bold: Uint8Array }

let fontBytes: Promise<FontBytes> | undefined

function loadFontBytes(): Promise<FontBytes> {
  fontBytes ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ])
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

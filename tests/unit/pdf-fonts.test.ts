import { readFileSync } from 'node:fs'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import fc from 'fast-check'
import type { PDFDocument } from 'pdf-lib'
import { describe, expect, it, vi } from 'vitest'
import { plainTextTest, type ShapedFont } from '@/lib/pdf/plain-text'
import type { AttachmentDocumentSources as DocumentSources } from '@/lib/services/attachment/documents/sources'
import { approvedSources, buildSnapshot, refusedSources } from './document-fixtures'

const fontFile = (name: string) => readFileSync(path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf', name))
const faces = { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') }

type Glyph = { id: number; codePoints: number[] }
type Font = ShapedFont & {
  layout(text: string): { glyphs: Glyph[] }
  glyphsForString(text: string): Glyph[]
}
const glyphsOf = (glyphs: Glyph[]) => glyphs.map((g) => `${g.id}:${g.codePoints.join('+')}`)

// The forms' own words, every Kazakh letter among them, and texts the font's substitutions do change.
const kazakhLetters = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі'
const formTexts = [
  'Тегі, аты, әкесінің аты / Фамилия, имя, отчество',
  `Астана қ., Есіл ауданы, Ұлы Дала даңғылы, 11-үй, 45-пәтер ${kazakhLetters}`,
  '«Алматы қаласының №5 қалалық емханасы» ШЖҚ МКК — 064/е нысаны',
  'https://tirkeu.kz/verify/7K3M9QX2TB',
  'CN=СҮЛЕЙМЕНОВА ӘЙГЕРІМ, SERIALNUMBER=IIN870101400123, O=Tirkeu demo, C=KZ',
  'Қол қойылған уақыты / Время подписания: 13.03.2026 11:05',
]
const shapedTexts = ['office', 'fi', 'fl', 'ff', 'і\u0301', 'j\u0308', 'soft\u00adhyphen', 'мир\u200dа', 'مرحبا', '1\u20442']

describe('Plain text: what DejaVu Sans’s substitutions cannot change needs no shaping', () => {
  for (const [face, bytes] of Object.entries(faces)) {
    const font = fontkit.create(bytes) as unknown as Font
    const plain = plainTextTest(font)

    it(`${face}: the forms’ Kazakh, Russian and Latin text is plain, and its glyphs are those the shaper gives`, () => {
      for (const text of formTexts) {
        expect(plain(text), text).toBe(true)
        expect(glyphsOf(font.glyphsForString(text))).toEqual(glyphsOf(font.layout(text).glyphs))
      }
    })

    it(`${face}: ligatures, soft-dotted і before an accent, hidden characters and Arabic are left to the shaper`, () => {
      for (const text of shapedTexts) expect(plain(text), JSON.stringify(text)).toBe(false)
      // …and the shaper does change them: otherwise this would prove nothing.
      expect(glyphsOf(font.layout('office').glyphs)).not.toEqual(glyphsOf(font.glyphsForString('office')))
      expect(glyphsOf(font.layout('і\u0301').glyphs)).not.toEqual(glyphsOf(font.glyphsForString('і\u0301')))
    })

    it(`${face}: for any text the test calls plain, the cmap glyphs equal the shaped glyphs (property)`, () => {
      // Strings over the letters the GSUB table cares about most (f, i, j, і, ј, space) mixed with the rest.
      const tricky = [
        ...'fijіјlIJ бБ.,-—«»№0123456789ӘәҒғҚқҢңӨөҰұҮүҺһ',
        'fi',
        'ffl',
        'fl',
        '\u0301',
        '\u0308',
        '\u00ad',
        '\u200d',
        'ل',
        'ا',
      ]
      const character = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...tricky) },
        { weight: 2, arbitrary: fc.integer({ min: 0x20, max: 0x4ff }).map((c) => String.fromCodePoint(c)) },
      )
      let plainCount = 0
      fc.assert(
        fc.property(
          fc.array(character, { maxLength: 24 }).map((cs) => cs.join('')),
          (text) => {
            if (!plain(text)) return
            plainCount++
            expect(glyphsOf(font.glyphsForString(text))).toEqual(glyphsOf(font.layout(text).glyphs))
          },
        ),
        { numRuns: 3000, seed: 20261204 },
      )
      expect(plainCount).toBeGreaterThan(300)
    })
  }
})

describe('The renderer’s font shortcuts change no byte', () => {
  it('three kinds of document, signed and unsigned, with ligatures and accents: the same bytes as plain fontkit', async () => {
    const signature = {
      signerName: 'СҮЛЕЙМЕНОВА ӘЙГЕРІМ',
      certificateSubject: 'CN=СҮЛЕЙМЕНОВА ӘЙГЕРІМ, SERIALNUMBER=IIN870101400123, O=Tirkeu demo, C=KZ',
      signedAt: new Date('2026-03-13T06:05:00Z'),
    }
    const inputs = (['attachment_notice', 'coupon_064e', 'refusal_notice'] as const).flatMap((kind) =>
      // Each odd text alone on its line: a line is laid out whole (fontkit picks the script's features by the line:
      // "office" gets its ffi ligature only in a Latin line), and one shaped character would hide the others.
      [null, 'office flat', 'і\u0301', 'soft\u00adhyphen'].flatMap((address) => {
        const base: DocumentSources = kind === 'refusal_notice' ? refusedSources : approvedSources
        const sources = { ...base, patient: { ...base.patient, address: address ?? base.patient.address } }
        const snapshot = buildSnapshot(kind, '17', sources)
        return [signature, null].map((sig) => ({
          snapshot,
          verificationCode: '7K3M9QX2TB',
          signature: sig,
          baseUrl: 'https://tirkeu.kz',
        }))
      }),
    )

    vi.resetModules()
    const { renderDocument } = await import('@/lib/pdf/documents')
    const withShortcuts = []
    for (const input of inputs) withShortcuts.push(Buffer.from(await renderDocument(input)))

    // The same renderer with DejaVu embedded through fontkit itself: a new font per document, every text shaped.
    vi.resetModules()
    let plainEmbeds = 0
    vi.doMock('@/lib/pdf/fonts', () => ({
      embedDejaVuSans: async (doc: PDFDocument) => {
        plainEmbeds++
        doc.registerFontkit(fontkit)
        return {
          regular: await doc.embedFont(faces.regular, { subset: true }),
          bold: await doc.embedFont(faces.bold, { subset: true }),
        }
      },
    }))
    try {
      const reference = (await import('@/lib/pdf/documents')).renderDocument
      for (const [index, input] of inputs.entries()) {
        expect(Buffer.from(await reference(input)).equals(withShortcuts[index]!), `document ${index}`).toBe(true)
      }
      // The reference really went through plain fontkit, not the shortcuts again.
      expect(plainEmbeds).toBe(inputs.length)
    } finally {
      vi.doUnmock('@/lib/pdf/fonts')
      vi.resetModules()
    }
    // 48 renders, half of them shaping every text: a budget for a loaded CI machine, not a speed claim.
  }, 60_000)
})

import type { PDFFont } from 'pdf-lib'

// Greedy word wrap; a word wider than the line is broken between characters.
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= maxWidth
  const normalized = text.replace(/\s+/g, ' ').trim()
  // Most values fit on one line: one measurement instead of one per word (shaping a line is the costly part).
  if (normalized === '') return []
  if (fits(normalized)) return [normalized]
  const words = normalized.split(' ').filter(Boolean)
  // A line's width is the sum of its words' and spaces' widths (no kerning is applied), so each word is measured once.
  const width = (part: string) => font.widthOfTextAtSize(part, size)
  const space = width(' ')
  const lines: string[] = []
  let line = ''
  let lineWidth = 0
  for (const word of words) {
    const wordWidth = width(word)
    const candidateWidth = line ? lineWidth + space + wordWidth : wordWidth
    if (candidateWidth <= maxWidth) {
      line = line ? `${line} ${word}` : word
      lineWidth = candidateWidth
      continue
    }
    if (line) lines.push(line)
    let rest = [...word]
    while (!fits(rest.join(''))) {
      let take = Math.max(rest.length - 1, 1)
      while (take > 1 && !fits(rest.slice(0, take).join(''))) take--
      lines.push(rest.slice(0, take).join(''))
      rest = rest.slice(take)
    }
    line = rest.join('')
    lineWidth = width(line)
  }
  if (line) lines.push(line)
  return lines
}

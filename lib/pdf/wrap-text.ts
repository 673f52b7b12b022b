import type { PDFFont } from 'pdf-lib'

// Greedy word wrap; a word wider than the line is broken between characters.
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= maxWidth
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word
    if (fits(candidate)) {
      line = candidate
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
  }
  if (line) lines.push(line)
  return lines
}

// The uploaded-PDF path of /verify (a route handler: a server action's body is capped at 1 MB). Pure checks.
import { PDFDocument } from 'pdf-lib'
import { normalizeVerificationCode } from '@/lib/documents/verification-code-format'
import { verificationKeywordPrefix } from '@/lib/pdf/documents'
import { maxPdfBytes } from './pdf-limits'

export { maxPdfBytes, maxUploadBodyBytes } from './pdf-limits'

export type PdfUploadProblem = 'verify.pdf.tooLarge' | 'verify.pdf.notPdf'

const pdfHeader = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
// Browsers label a PDF `application/pdf`; some systems send no type at all. Anything else is refused.
const acceptedTypes = new Set(['application/pdf', ''])

export function pdfUploadProblem(file: { size: number; type: string; head: Uint8Array }): PdfUploadProblem | null {
  if (file.size > maxPdfBytes) return 'verify.pdf.tooLarge'
  if (!acceptedTypes.has(file.type)) return 'verify.pdf.notPdf'
  return pdfHeader.every((byte, i) => file.head[i] === byte) ? null : 'verify.pdf.notPdf'
}

// The verification code renderDocument writes into the Keywords of a signed document, or null: not a PDF pdf-lib can
// read, no keyword, or a keyword that is not a code.
export async function readVerificationCode(bytes: Uint8Array): Promise<string | null> {
  let keywords: string | undefined
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false })
    keywords = doc.getKeywords()
  } catch {
    return null
  }
  const keyword = keywords?.split(/\s+/).find((word) => word.startsWith(verificationKeywordPrefix))
  return keyword ? normalizeVerificationCode(keyword.slice(verificationKeywordPrefix.length)) : null
}

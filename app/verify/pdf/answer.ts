import type { DocumentKind } from '@/lib/documents/kinds'

// The JSON /verify/pdf answers with: a message key the browser translates, and what the message needs.
export type PdfCheckAnswer =
  | {
      outcome: 'match'
      messageKey: 'verify.pdf.match'
      code: string
      kind: DocumentKind
      number: string
      revoked: boolean
      validThrough: string | null
      expired: boolean
    }
  | { outcome: 'differs'; messageKey: 'verify.pdf.differs'; code: string; kind: DocumentKind; number: string }
  | { outcome: 'unsigned'; messageKey: 'verify.pdf.unsigned'; code: string; kind: DocumentKind; number: string }
  | { outcome: 'unsigned_copy'; messageKey: 'verify.pdf.unsignedCopy'; code: string; kind: DocumentKind; number: string }
  | { outcome: 'no_code'; messageKey: 'verify.pdf.noCode' }
  | { outcome: 'rate_limited'; messageKey: 'verify.rateLimited'; time: string }
  | { outcome: 'invalid'; messageKey: 'verify.pdf.tooLarge' | 'verify.pdf.notPdf' | 'verify.pdf.noFile' | 'verify.pdf.failed' }

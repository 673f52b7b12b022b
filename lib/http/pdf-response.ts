import { pdfSecurityHeaders } from './security-headers'

// A PDF answer: shown in the browser (`inline`) or saved (`attachment`), never cached by anyone but the person.
export function pdfResponse(bytes: Uint8Array, fileName: string, disposition: 'inline' | 'attachment' = 'inline'): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `${disposition}; filename="${fileName}"`,
      'cache-control': 'private, no-store',
      ...pdfSecurityHeaders,
    },
  })
}

import { describe, expect, it } from 'vitest'
import { POST } from '@/app/verify/pdf/route'
import { maxPdfBytes } from '@/lib/verification/pdf-limits'

// The guards of POST /verify/pdf that answer before any lookup (the lookup itself: tests/integration/verification).
const upload = (file: Blob | null, name = 'document.pdf') => {
  const body = new FormData()
  if (file) body.set('file', file, name)
  return new Request('http://localhost/verify/pdf', { method: 'POST', body })
}

describe('issue 6: POST /verify/pdf refuses what it cannot check', () => {
  it('a file over 10 MB: 413 with the message key, before it is parsed', async () => {
    const big = new Blob([new Uint8Array(maxPdfBytes + 1)], { type: 'application/pdf' })
    const response = await POST(upload(big))
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ outcome: 'invalid', messageKey: 'verify.pdf.tooLarge' })
  })

  it('a body larger than Content-Length claims is cut at the limit: 413', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new Uint8Array(1024 * 1024))
        controller.close()
      },
    })
    const request = new Request('http://localhost/verify/pdf', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '10' },
      duplex: 'half',
    } as RequestInit)
    expect((await POST(request)).status).toBe(413)
  })

  it('not multipart, no file, or not a PDF: refused with its key', async () => {
    const json = new Request('http://localhost/verify/pdf', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect((await POST(json)).status).toBe(415)
    const none = await POST(upload(null))
    expect([none.status, await none.json()]).toEqual([400, { outcome: 'invalid', messageKey: 'verify.pdf.noFile' }])
    const html = await POST(upload(new Blob(['<html></html>'], { type: 'application/pdf' })))
    expect([html.status, await html.json()]).toEqual([415, { outcome: 'invalid', messageKey: 'verify.pdf.notPdf' }])
    const image = await POST(upload(new Blob(['%PDF-1.7'], { type: 'image/png' }), 'scan.png'))
    expect(image.status).toBe(415)
  })
})

import { getDb } from '@/db/client'
import { formatInstant } from '@/lib/i18n/format'
import { clientAddress, requestNow } from '@/lib/request-context'
import { verifyUploadedPdf } from '@/lib/verification/pdf'
import { maxUploadBodyBytes, pdfUploadProblem } from '@/lib/verification/pdf-upload'
import type { PdfCheckAnswer } from './answer'

const answer = (status: number, body: PdfCheckAnswer) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } })

// The body is read up to the limit and no further, whatever Content-Length claims.
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const all = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return all
}

// POST /verify/pdf (multipart/form-data, field `file`): is this PDF the signed document it names? A route handler,
// not a server action, because an action's body is capped at 1 MB and a scanned PDF is larger.
export async function POST(request: Request) {
  const tooLarge = () => answer(413, { outcome: 'invalid', messageKey: 'verify.pdf.tooLarge' })
  if (Number(request.headers.get('content-length') ?? 0) > maxUploadBodyBytes) return tooLarge()
  const contentType = request.headers.get('content-type') ?? ''
  if (!contentType.startsWith('multipart/form-data')) return answer(415, { outcome: 'invalid', messageKey: 'verify.pdf.notPdf' })
  const body = await readCapped(request.body, maxUploadBodyBytes)
  if (!body) return tooLarge()

  let file: FormDataEntryValue | null
  try {
    file = (await new Response(body, { headers: { 'content-type': contentType } }).formData()).get('file')
  } catch {
    file = null
  }
  if (!(file instanceof File)) return answer(400, { outcome: 'invalid', messageKey: 'verify.pdf.noFile' })
  const bytes = new Uint8Array(await file.arrayBuffer())
  const problem = pdfUploadProblem({ size: bytes.byteLength, type: file.type, head: bytes.subarray(0, 5) })
  if (problem === 'verify.pdf.tooLarge') return tooLarge()
  if (problem) return answer(415, { outcome: 'invalid', messageKey: problem })

  const result = await verifyUploadedPdf(getDb(), bytes, await clientAddress(), await requestNow())
  if (result.outcome === 'rate_limited') {
    const until = result.until
    return Response.json(
      { outcome: 'rate_limited', messageKey: result.messageKey, time: formatInstant(until).slice(-5) } satisfies PdfCheckAnswer,
      {
        status: 429,
        headers: {
          'cache-control': 'no-store',
          'retry-after': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))),
        },
      },
    )
  }
  return answer(200, result)
}

import { getDb } from '@/db/client'
import { getActor } from '@/lib/auth/session'
import { checkImport } from '@/lib/registries/import'
import { clientAddress } from '@/lib/request-context'

// Issue 16: a registry CSV, sent as its bytes (text/csv) and read as they arrive: the lines are checked and kept for the
// preview, nothing is written to the registry. The answer is a stream of JSON lines: {"lines":n} as the check goes,
// then {"importId":…} (or {"error":key}). A server action would take the whole file into memory first (and at most 1 MB).
export async function POST(request: Request) {
  const actor = await getActor()
  if (!actor || actor.kind !== 'staff' || actor.role !== 'dispensary_doctor') return new Response(null, { status: 404 })
  // A page of this site only: the browser sends a CSV body cross-site only after a preflight this route never answers,
  // and its Origin names the page that sent it.
  const origin = request.headers.get('origin')
  const host = request.headers.get('host')
  const site = request.headers.get('sec-fetch-site')
  if (!origin || !host || new URL(origin).host !== host || (site !== null && site !== 'same-origin'))
    return new Response(null, { status: 403 })
  if ((request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase() !== 'text/csv')
    return new Response(null, { status: 415 })
  if (!request.body) return new Response(null, { status: 400 })
  let fileName = 'import.csv'
  try {
    fileName = decodeURIComponent(request.headers.get('x-file-name') ?? fileName) || fileName
  } catch {
    // A name that is not percent-encoding: the default.
  }
  const body = request.body
  const address = await clientAddress()
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`))
      try {
        const result = await checkImport(
          getDb(),
          actor,
          { fileName, body: body as unknown as AsyncIterable<Uint8Array> },
          { now: new Date(), address },
          (lines) => send({ lines }),
        )
        send(result.ok ? { importId: result.data.importId } : { error: result.code })
      } catch (fault) {
        console.error(fault)
        send({ error: 'centre.import.uploadFailed' })
      }
      controller.close()
    },
  })
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } })
}

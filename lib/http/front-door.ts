import { randomBytes } from 'node:crypto'
import { IncomingMessage, type ServerResponse } from 'node:http'
import { actionBodyProblem, actionContentProblem, maxActionBodyBytes, type ActionBodyProblem } from './action-body'
import { clientAddressOf, type TrustedProxies } from './client-address'
import { securityHeaders } from './security-headers'

// The header that carries the client's address from the front door to the app (lib/request-context.ts). Whatever a
// client sends under this name is dropped first.
export const clientAddressHeader = 'x-tirkeu-client-address'

export type FrontDoorOptions = {
  trustedProxies: TrustedProxies
  https: boolean
  ncaLayerUrl: string
  development: boolean
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>
  onError?: (error: unknown) => void
}

type Refusal = { status: 400 | 403 | 411 | 413 | 415 | 500; text: string }

// A path Next cannot decode (`/verify/%E0%A4%A`) makes Next answer 500 before any of the app's code runs; a path that
// decodes to a control character (a NUL byte) names nothing this app serves.
export function pathRefusal(url: string | undefined): Refusal | null {
  const path = (url ?? '/').split('?', 1)[0]!
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return { status: 400, text: 'Bad request: the address is not valid percent-encoding.' }
  }
  return /[\u0000-\u001f\u007f]/.test(decoded)
    ? { status: 400, text: 'Bad request: the address holds a control character.' }
    : null
}

const firstValue = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value?.split(',')[0])?.trim() || undefined

// What Next itself refuses with HTTP 500 on a server action, answered here with the right status before Next reads a
// byte: a body of unknown length or larger than Next's 1 MB limit (checkedAction reads the rest of the body), and an
// Origin that is not this host (Next's CSRF check, read the way Next reads it).
export function actionRefusal(headers: IncomingMessage['headers']): Refusal | null {
  const action = headers['next-action']
  if (action === undefined) return null
  // Next's action ids are hex; anything else names no action (an empty header made Next answer 500).
  if (typeof action !== 'string' || !/^[0-9a-f]{2,128}$/i.test(action))
    return { status: 400, text: 'Bad request: no such action.' }
  // The app's forms send their arguments as text (React's reply encoding); Next fails on other bodies.
  if (actionContentProblem(headers['content-type'] ?? null)) return { status: 415, text: 'Unsupported media type.' }
  // A browser sends a form's text with its length; a body of unknown length could only be measured by reading it.
  if (headers['content-length'] === undefined) return { status: 411, text: 'Length required.' }
  if (Number(headers['content-length']) > maxActionBodyBytes)
    return { status: 413, text: 'Payload too large: a form sends at most 1 MB.' }
  const origin = firstValue(headers.origin)
  if (origin === undefined) return null
  let originHost: string
  try {
    originHost = origin === 'null' ? 'null' : new URL(origin).host
  } catch {
    return { status: 403, text: 'Forbidden: the request comes from another site.' }
  }
  const host = firstValue(headers['x-forwarded-host']) ?? firstValue(headers.host)
  return originHost === host ? null : { status: 403, text: 'Forbidden: the request comes from another site.' }
}

function refuse(response: ServerResponse, refusal: Refusal) {
  response.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
  response.end(`${refusal.text}\n`)
}

// Every request passes here before Next: the client's address is settled from the socket (and, behind a trusted
// proxy, X-Forwarded-For); requests Next would answer with a 500 are refused with the right status; every answer gets
// the security headers, with a fresh nonce that Next puts on its own scripts (it reads it from the request's
// Content-Security-Policy header). A route that sets one of these headers itself keeps its own (a framed PDF).
export function frontDoor(options: FrontDoorOptions) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    delete request.headers[clientAddressHeader]
    const address = clientAddressOf(request.socket.remoteAddress, request.headers['x-forwarded-for'], options.trustedProxies)
    if (address) request.headers[clientAddressHeader] = address

    const headers = securityHeaders({
      nonce: randomBytes(16).toString('base64'),
      https: options.https,
      ncaLayerUrl: options.ncaLayerUrl,
      development: options.development,
    })
    request.headers['content-security-policy'] = headers['content-security-policy']
    const writeHead = response.writeHead
    response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      for (const [name, value] of Object.entries(headers)) if (!this.hasHeader(name)) this.setHeader(name, value)
      return writeHead.apply(this, args)
    } as ServerResponse['writeHead']

    // The body of a refused request is not read: the connection closes after the answer.
    const refusal = pathRefusal(request.url) ?? actionRefusal(request.headers)
    if (refusal) return refuse(response, refusal)
    const handled =
      request.headers['next-action'] === undefined
        ? options.handle(request, response)
        : checkedAction(request).then((checked) =>
            checked instanceof IncomingMessage ? options.handle(checked, response) : refuse(response, checked),
          )
    handled.catch((error: unknown) => {
      options.onError?.(error)
      if (response.headersSent) response.destroy()
      else refuse(response, { status: 500, text: 'Internal error.' })
    })
  }
}

const bodyRefusals = {
  tooLarge: { status: 413, text: 'Payload too large: a form sends at most 1 MB.' },
  notText: { status: 415, text: 'Unsupported media type.' },
  malformed: { status: 400, text: 'Bad request: the form data cannot be read.' },
} as const satisfies Record<ActionBodyProblem, Refusal>

// A server action's body (at most 1 MB: its length was checked) is read here and checked (lib/http/action-body.ts);
// Next then reads the same bytes from a copy of the request. Checked here rather than in Next's proxy, which cost
// 0.8 ms of CPU per action (docs/performance.md).
async function checkedAction(request: IncomingMessage): Promise<IncomingMessage | Refusal> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength
    if (size > maxActionBodyBytes) return bodyRefusals.tooLarge
    chunks.push(chunk)
  }
  const body = Buffer.concat(chunks)
  const problem = actionBodyProblem(body)
  if (problem) return bodyRefusals[problem]
  const copy = new IncomingMessage(request.socket)
  copy.method = request.method
  copy.url = request.url
  copy.headers = request.headers
  copy.rawHeaders = request.rawHeaders
  copy.httpVersion = request.httpVersion
  copy.httpVersionMajor = request.httpVersionMajor
  copy.httpVersionMinor = request.httpVersionMinor
  copy.push(body)
  copy.push(null)
  copy.complete = true
  return copy
}

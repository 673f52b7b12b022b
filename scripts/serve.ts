// The app's HTTP server: Next.js behind the front door (lib/http/front-door.ts), which settles the client's address
// from the socket, refuses what Next would answer with a 500, and adds the security headers. `npm start` runs it
// (scripts/start.ts); it reads the same environment `next start` would, plus TRUSTED_PROXIES and APP_URL
// (the address printed under the QR codes; without it, the address this server listens on).
import { createServer } from 'node:http'
import path from 'node:path'
import next from 'next'
import { parseTrustedProxies, TrustedProxiesError } from '../lib/http/client-address'
import { frontDoor } from '../lib/http/front-door'
import { isServedOverHttps, listenAddressOf, publicAddressNotice } from '../lib/http/public-address'
import { smsModeOf } from '../lib/notifications/sms-mode'
import { defaultNcaLayerUrl } from '../lib/signing/ncalayer-client'

const root = path.resolve(import.meta.dirname, '..')
const { host: hostname, port } = listenAddressOf()
const development = process.argv.includes('--dev')

function fail(message: string): never {
  console.error(`[tirkeu] ${message}`)
  process.exit(1)
}

async function main() {
  const sms = smsModeOf(process.env)
  if (sms.kind === 'refused') fail(`not starting: ${sms.message}`)
  let trustedProxies
  try {
    trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES)
  } catch (error) {
    if (error instanceof TrustedProxiesError) fail(error.message)
    throw error
  }
  // lib/request-context.ts believes the address header only when this front door put it there.
  process.env.TIRKEU_FRONT_DOOR = '1'
  const app = next({ dev: development, dir: root, hostname, port })
  await app.prepare()
  const handle = app.getRequestHandler()
  // A search box's text travels in the address (a bounded GET, lib/patients/search-query): Node's 16 KB of headers
  // would answer a long paste of Kazakh letters (6 bytes each, encoded) with HTTP 431 before the page could say it
  // is too long and give it back. 96 KB holds the 10,000 characters a page reads back, and the cookies.
  const server = createServer(
    { maxHeaderSize: 96 * 1024 },
    frontDoor({
      trustedProxies,
      https: isServedOverHttps(),
      ncaLayerUrl: process.env.NEXT_PUBLIC_NCALAYER_URL || defaultNcaLayerUrl,
      development,
      handle: (request, response) => handle(request, response),
      onError: (error) => console.error('[tirkeu] request failed', error),
    }),
  )
  // Node closes an idle kept-alive connection after 5 s; a client (or a proxy) that reuses it at that moment gets the
  // connection reset and no answer at all. Idle connections stay open longer than the usual proxies' 60 s, and the
  // header timeout must exceed it.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })
  server.listen(port, hostname, () => {
    console.log(
      `[tirkeu] ready on http://${hostname}:${port}${trustedProxies.entries.length ? `, behind ${trustedProxies.entries.join(', ')}` : ''}`,
    )
    console.log(`[tirkeu] ${publicAddressNotice()}`)
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close()
      server.closeAllConnections()
      void app.close().finally(() => process.exit(0))
    })
  }
}

void main().catch((error: unknown) => fail(`the server did not start: ${error instanceof Error ? error.message : String(error)}`))

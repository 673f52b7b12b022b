// A tiny HTTP server that answers `POST /<fixture>/cms/verify` with tests/fixtures/ncanode/<fixture>.json, and
// keeps the request bodies it received. Point the adapter at `${url}/<fixture>`.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

const fixtures = path.resolve(import.meta.dirname, '../fixtures/ncanode')

export type NcanodeStub = { url: string; requests: { path: string; body: unknown }[]; close: () => Promise<void> }

export async function startNcanodeStub(): Promise<NcanodeStub> {
  const requests: NcanodeStub['requests'] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const match = /^\/([a-z-]+)\/cms\/verify$/.exec(request.url ?? '')
      if (request.method !== 'POST' || !match) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"message":"Not Found"}')
        return
      }
      requests.push({ path: request.url!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
      const fixture = JSON.parse(readFileSync(path.join(fixtures, `${match[1]}.json`), 'utf8')) as {
        status: number
        body: unknown
      }
      response.writeHead(fixture.status, { 'content-type': 'application/json' }).end(JSON.stringify(fixture.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

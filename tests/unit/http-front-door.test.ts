import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actionBodyProblem, actionContentProblem, maxActionBodyBytes } from '@/lib/http/action-body'
import { clientAddressOf, normalizeAddress, parseTrustedProxies } from '@/lib/http/client-address'
import { actionRefusal, clientAddressHeader, frontDoor, pathRefusal } from '@/lib/http/front-door'
import { contentSecurityPolicy } from '@/lib/http/security-headers'

const none = parseTrustedProxies(undefined)
const behindNginx = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1')

describe('client address: X-Forwarded-For is believed only from TRUSTED_PROXIES', () => {
  it('without trusted proxies the socket address is the client, whatever the header says', () => {
    expect(clientAddressOf('203.0.113.9', '1.2.3.4', none)).toBe('203.0.113.9')
    expect(clientAddressOf('::ffff:203.0.113.9', undefined, none)).toBe('203.0.113.9')
  })

  it('a forged header from an untrusted peer is ignored even when proxies are configured', () => {
    expect(clientAddressOf('198.51.100.7', '10.0.0.1', behindNginx)).toBe('198.51.100.7')
  })

  it('behind a trusted proxy the last address no trusted proxy vouches for is the client', () => {
    // The client forged "1.2.3.4"; nginx appended the real peer 203.0.113.9.
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 203.0.113.9', behindNginx)).toBe('203.0.113.9')
    expect(clientAddressOf('127.0.0.1', ['1.2.3.4', '203.0.113.9, 10.1.2.3'], behindNginx)).toBe('203.0.113.9')
  })

  it('a garbage hop ends the walk at the last vouched address; all-trusted chains give the leftmost', () => {
    expect(clientAddressOf('127.0.0.1', 'not-an-ip, 10.0.0.8', behindNginx)).toBe('10.0.0.8')
    expect(clientAddressOf('::1', '10.0.0.3', behindNginx)).toBe('10.0.0.3')
    expect(clientAddressOf('127.0.0.1', undefined, behindNginx)).toBe('127.0.0.1')
  })

  it('refuses a TRUSTED_PROXIES entry that is not an address or a range, naming it', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/)
    expect(() => parseTrustedProxies('nginx')).toThrow(/"nginx"/)
    expect(() => parseTrustedProxies('10.0.0.1/8/2')).toThrow()
  })

  it('normalizes bracketed and mapped addresses, and rejects what is not an address', () => {
    expect(normalizeAddress('[::1]')).toBe('::1')
    expect(normalizeAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1')
    expect(normalizeAddress('10.0.0.1\u0000')).toBeNull()
  })
})

describe('server action bodies Next would answer with 500 are refused first', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)

  it.each([
    ['a plain argument list', '[{"iin":"950402301348"}]', null],
    ['no arguments', '[]', null],
    [
      'escaped $, undefined, a date and a bigint',
      '[{"a":"$$x","b":"$undefined","c":"$D2026-12-07T00:00:00.000Z","d":"$n12"}]',
      null,
    ],
    ['not JSON', 'hello', 'malformed'],
    ['JSON that is not an argument list', '{"a":1}', 'malformed'],
    ['a Map from a part the body does not have', '["$Q1"]', 'malformed'],
    ['a FormData reference', '[{"x":"$K1"}]', 'malformed'],
    ['a promise reference', '["$@1"]', 'malformed'],
  ] as const)('%s', (_label, text, problem) => expect(actionBodyProblem(bytes(text))).toBe(problem))

  it('refuses invalid UTF-8, bodies over 1 MB and other content types', () => {
    expect(actionBodyProblem(new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]))).toBe('malformed')
    expect(actionBodyProblem(new Uint8Array(maxActionBodyBytes + 1))).toBe('tooLarge')
    expect(actionContentProblem('multipart/form-data; boundary=x')).toBe('notText')
    expect(actionContentProblem('text/plain;charset=UTF-8')).toBeNull()
  })

  it('answers 400 for a malformed action id, 415 for another body type, 413 by Content-Length, 411 without one, 403 for another origin', () => {
    const action = { 'next-action': 'abc123', host: 'tirkeu.example' }
    expect(actionRefusal({ ...action, 'content-length': String(maxActionBodyBytes + 1) })?.status).toBe(413)
    expect(actionRefusal(action)?.status).toBe(411)
    expect(actionRefusal({ ...action, 'content-length': '2', origin: 'https://evil.example' })?.status).toBe(403)
    expect(actionRefusal({ ...action, 'content-length': '2', origin: 'http://[' })?.status).toBe(403)
    expect(actionRefusal({ ...action, 'content-length': '2', origin: 'https://tirkeu.example' })).toBeNull()
    expect(actionRefusal({ host: 'tirkeu.example' })).toBeNull()
    // An empty or non-hex action id, and bodies other than the text a form sends.
    expect(actionRefusal({ ...action, 'next-action': '', 'content-length': '2' })?.status).toBe(400)
    expect(actionRefusal({ ...action, 'next-action': '../x', 'content-length': '2' })?.status).toBe(400)
    expect(actionRefusal({ ...action, 'content-length': '3', 'content-type': 'application/x-www-form-urlencoded' })?.status).toBe(
      415,
    )
  })

  it('refuses undecodable paths and paths with control characters', () => {
    expect(pathRefusal('/verify/%E0%A4%A')?.status).toBe(400)
    expect(pathRefusal('/registrar/requests/%')?.status).toBe(400)
    expect(pathRefusal('/verify/%00abc')?.status).toBe(400)
    expect(pathRefusal('/verify/ABCD-1234?x=%')).toBeNull()
  })
})

describe('the front door in front of a request handler', () => {
  let server: Server
  let base: string
  const seen: IncomingMessage['headers'][] = []

  beforeAll(async () => {
    server = createServer(
      frontDoor({
        trustedProxies: none,
        https: true,
        ncaLayerUrl: 'wss://127.0.0.1:13579',
        development: false,
        handle: async (request, response) => {
          seen.push({ ...request.headers })
          if (request.method === 'POST') {
            const chunks: Buffer[] = []
            for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk)
            response.end(`received ${Buffer.concat(chunks).toString('utf8')}`)
            return
          }
          if (request.url === '/pdf') {
            response.setHeader('content-security-policy', "frame-ancestors 'self'")
            response.setHeader('x-frame-options', 'SAMEORIGIN')
          }
          response.end('ok')
        },
      }),
    )
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('replaces a forged address header with the socket address, and gives the app the policy with its nonce', async () => {
    const response = await fetch(`${base}/login`, { headers: { [clientAddressHeader]: '6.6.6.6', 'x-forwarded-for': '7.7.7.7' } })
    const request = seen.at(-1)!
    expect(request[clientAddressHeader]).toBe('127.0.0.1')
    const policy = response.headers.get('content-security-policy')!
    expect(request['content-security-policy']).toBe(policy)
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    expect(response.headers.get('permissions-policy')).toContain('camera=()')
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  })

  it('gives every request a fresh nonce', async () => {
    const first = (await fetch(`${base}/`)).headers.get('content-security-policy')
    const second = (await fetch(`${base}/`)).headers.get('content-security-policy')
    expect(first).not.toBe(second)
  })

  it('keeps the headers a route set itself (a PDF framed by the app)', async () => {
    const response = await fetch(`${base}/pdf`)
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'self'")
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers refused requests itself, with the security headers, without calling the app', async () => {
    const before = seen.length
    const response = await fetch(`${base}/verify/%E0%A4%A`)
    expect(response.status).toBe(400)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const big = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'next-action': '7f00aa', 'content-type': 'text/plain' },
      body: 'x'.repeat(maxActionBodyBytes + 10),
    })
    expect(big.status).toBe(413)
    expect(seen.length).toBe(before)
  })

  it("reads an action's body, refuses a malformed one itself, and hands the app the same bytes", async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/login`, {
        method: 'POST',
        headers: { 'next-action': '40ab', 'content-type': 'text/plain;charset=UTF-8', ...headers },
        body,
      })
    const before = seen.length
    for (const body of ['hello', '{"a":1}', '["$Q1"]', '[']) expect((await post(body)).status).toBe(400)
    expect((await post('[1]', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(415)
    expect(seen.length).toBe(before)
    const text = '[{"reason":"Қате бөлім: ә ғ қ ң ө ұ ү һ і","n":"$$1"}]'
    const answer = await post(text)
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe(`received ${text}`)
    expect(seen.at(-1)![clientAddressHeader]).toBe('127.0.0.1')
  })

  it('leaves out HSTS and upgrade-insecure-requests on plain HTTP', () => {
    const policy = contentSecurityPolicy({ nonce: 'n', https: false, ncaLayerUrl: 'wss://x', development: false })
    expect(policy).not.toContain('upgrade-insecure-requests')
    expect(contentSecurityPolicy({ nonce: 'n', https: true, ncaLayerUrl: 'wss://x', development: false })).toContain(
      'upgrade-insecure-requests',
    )
  })
})

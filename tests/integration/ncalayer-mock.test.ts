// The NCALayer path without a browser: signHashesWithNcaLayer runs ncalayer-js-client itself in Node (WebSocket from
// `ws`, trusting the test server's certificate) against the test NCALayer of the e2e suite.
import { createHash, webcrypto } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { startNcaLayerMock, type NcaLayerMock } from '@/e2e/ncalayer/server'
import { ncaLayerMockFixtures } from '@/e2e/ncalayer/tls'
import { ncaLayerAllowedStorages, signHashesWithNcaLayer } from '@/lib/signing/ncalayer-client'

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }))

const iin = '870412350471'
const tlsCertificate = readFileSync(ncaLayerMockFixtures.tlsCert)

// What a browser gives the library: a global WebSocket. Set before the library is first loaded (it captures it then).
class TestWebSocket extends NodeWebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { ca: tlsCertificate })
  }
}
const globals = globalThis as { WebSocket?: unknown }
const previousWebSocket = globals.WebSocket

let mock: NcaLayerMock
let dir: string
let caFile: string

beforeAll(async () => {
  globals.WebSocket = TestWebSocket
  dir = mkdtempSync(path.join(tmpdir(), 'tirkeu-ncalayer-'))
  caFile = path.join(dir, 'trusted-roots.pem')
  mock = await startNcaLayerMock({ port: 0, iin, name: 'ТЕСТОВ ТЕСТ', caFile, behaviour: 'sign' })
})

afterAll(async () => {
  await mock?.close()
  rmSync(dir, { recursive: true, force: true })
  globals.WebSocket = previousWebSocket
})

const hashes = ['первый документ', 'второй документ', 'үшінші құжат'].map((text) =>
  createHash('sha256').update(text).digest('hex'),
)

function bytes(hex: string): ArrayBuffer {
  const buffer = Buffer.from(hex, 'hex')
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer
}

function parseCms(base64: string) {
  const contentInfo = pkijs.ContentInfo.fromBER(Buffer.from(base64, 'base64'))
  expect(contentInfo.contentType).toBe(pkijs.ContentInfo.SIGNED_DATA)
  return new pkijs.SignedData({ schema: contentInfo.content })
}

function signedAttribute(signedData: pkijs.SignedData, type: string) {
  return signedData.signerInfos[0]?.signedAttrs?.attributes.find((attribute) => attribute.type === type)?.values[0]
}

function pemToDer(pem: string): ArrayBuffer {
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64')
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer
}

function lastRequestOf(module: string) {
  return [...mock.requests].reverse().find((request) => (request as { module?: string }).module === module) as
    { module: string; method: string; args: Record<string, unknown> } | undefined
}

describe('NCALayer: a batch of snapshot hashes signed through ncalayer-js-client', () => {
  it('sends kz.gov.pki.knca.basics sign, format cms, detached, with the base64 of each 32-byte hash', async () => {
    const result = await signHashesWithNcaLayer(hashes, { url: mock.url, locale: 'ru' })
    expect(result.ok).toBe(true)
    expect(mock.requests[0]).toEqual({ module: 'kz.digiflow.mobile.extensions', method: 'getVersion' })
    expect(lastRequestOf('kz.gov.pki.knca.basics')).toEqual({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      args: {
        allowedStorages: ncaLayerAllowedStorages,
        format: 'cms',
        data: hashes.map((hash) => Buffer.from(hash, 'hex').toString('base64')),
        signingParams: { decode: true, encapsulate: false, digested: false },
        signerParams: { extKeyUsageOids: [], chain: [] },
        locale: 'ru',
      },
    })
  })

  it('returns one detached CMS per hash whose messageDigest is SHA-256 of the 32 hash bytes, in order', async () => {
    const result = await signHashesWithNcaLayer(hashes, { url: mock.url, locale: 'kk' })
    if (!result.ok) throw new Error(result.error)
    expect(result.signatures).toHaveLength(3)
    result.signatures.forEach((signature, index) => {
      const signedData = parseCms(signature)
      expect(signedData.encapContentInfo.eContent).toBeUndefined()
      expect((signedAttribute(signedData, '1.2.840.113549.1.9.3') as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(
        pkijs.id_ContentType_Data,
      )
      expect(signedAttribute(signedData, '1.2.840.113549.1.9.5')).toBeInstanceOf(asn1js.UTCTime)
      const messageDigest = Buffer.from(
        (signedAttribute(signedData, '1.2.840.113549.1.9.4') as asn1js.OctetString).valueBlock.valueHexView,
      )
      const hashBytes = Buffer.from(hashes[index] as string, 'hex')
      expect(hashBytes).toHaveLength(32)
      expect(messageDigest.toString('hex')).toBe(createHash('sha256').update(hashBytes).digest('hex'))
    })
  })

  it('carries the signer certificate with SERIALNUMBER=IIN<iin>, chaining to the CA written for TRUSTED_ROOTS_FILE', async () => {
    const result = await signHashesWithNcaLayer(hashes, { url: mock.url, locale: 'kk' })
    if (!result.ok) throw new Error(result.error)
    const trustedCa = pkijs.Certificate.fromBER(pemToDer(readFileSync(caFile, 'utf8')))
    for (const [index, signature] of result.signatures.entries()) {
      const signedData = parseCms(signature)
      const signer = signedData.certificates?.[0]
      if (!(signer instanceof pkijs.Certificate)) throw new Error('no signer certificate in the CMS')
      const serialNumber = signer.subject.typesAndValues.find((attribute) => attribute.type === '2.5.4.5')
      expect(serialNumber?.value.valueBlock.value).toBe(`IIN${iin}`)
      const verified = await signedData.verify({
        signer: 0,
        data: bytes(hashes[index] as string),
        trustedCerts: [trustedCa],
        checkChain: true,
        extendedMode: true,
      })
      expect(verified.signatureVerified).toBe(true)
      expect(verified.signerCertificateVerified).toBe(true)
    }
  })

  it('a signature does not verify over another hash, nor against a CA that did not issue the signer', async () => {
    const result = await signHashesWithNcaLayer(hashes.slice(0, 1), { url: mock.url, locale: 'kk' })
    if (!result.ok) throw new Error(result.error)
    const trustedCa = pkijs.Certificate.fromBER(pemToDer(readFileSync(caFile, 'utf8')))
    const otherHash = createHash('sha256').update('другой документ').digest('hex')
    await expect(
      parseCms(result.signatures[0] as string).verify({
        signer: 0,
        data: bytes(otherHash),
        trustedCerts: [trustedCa],
        checkChain: true,
      }),
    ).rejects.toMatchObject({ code: 15 })
    const tlsCa = pkijs.Certificate.fromBER(pemToDer(tlsCertificate.toString('utf8')))
    await expect(
      parseCms(result.signatures[0] as string).verify({
        signer: 0,
        data: bytes(hashes[0] as string),
        trustedCerts: [tlsCa],
        checkChain: true,
      }),
    ).rejects.toMatchObject({ code: 5 })
  })

  it('the user closing the key dialog gives errors.signing.ncalayerCancelled', async () => {
    mock.setBehaviour('cancel')
    try {
      expect(await signHashesWithNcaLayer(hashes, { url: mock.url, locale: 'kk' })).toEqual({
        ok: false,
        error: 'errors.signing.ncalayerCancelled',
      })
    } finally {
      mock.setBehaviour('sign')
    }
  })

  it('an error from NCALayer gives errors.signing.ncalayerFailed', async () => {
    mock.setBehaviour('error')
    try {
      expect(await signHashesWithNcaLayer(hashes, { url: mock.url, locale: 'kk' })).toEqual({
        ok: false,
        error: 'errors.signing.ncalayerFailed',
      })
    } finally {
      mock.setBehaviour('sign')
    }
  })

  it('nothing listening on the address gives errors.signing.ncalayerNotRunning', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    expect(await signHashesWithNcaLayer(hashes, { url: `wss://127.0.0.1:${closedPort}`, locale: 'kk' })).toEqual({
      ok: false,
      error: 'errors.signing.ncalayerNotRunning',
    })
  })
})

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
import { eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { documents, staff } from '@/db/schema'
import { submitExternalSignatures } from '@/lib/documents/sign'
import { freshDb } from './db'
import { approvedAttachment } from './document-fixtures'
import { makeClinic, makePatient, type TestClinic } from './factories'

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

// Standard row 4, Rules of attachment p.25 on the NCALayer path: the inbox asks NCALayer for a legal-entity key for
// the clinic's documents, and the server checks what comes back exactly as it checks the demo PKI's signatures.
describe("NCALayer: the clinic's documents are signed with the organization key and checked for the clinic's BIN", () => {
  let db: Database
  let clinic: TestClinic
  let employee: NcaLayerMock
  const context = { now: new Date('2026-11-24T05:00:00Z'), address: '127.0.0.1', overrides: [] }
  const previousRoots = process.env.TRUSTED_ROOTS_FILE

  beforeAll(async () => {
    ;({ db } = await freshDb())
    clinic = await makeClinic(db, 'NCALayer clinic')
    await db.update(staff).set({ iin }).where(eq(staff.id, clinic.staff.doctor.id))
    employee = await startNcaLayerMock({
      port: 0,
      iin,
      name: 'ТЕСТОВ ТЕСТ',
      behaviour: 'sign',
      organization: { bin: clinic.bin, name: 'NCALAYER CLINIC' },
    })
    // The app trusts the test CA as it does in e2e (TRUSTED_ROOTS_FILE is read on each check).
    process.env.TRUSTED_ROOTS_FILE = caFile
  })

  afterAll(async () => {
    await employee?.close()
    if (previousRoots === undefined) delete process.env.TRUSTED_ROOTS_FILE
    else process.env.TRUSTED_ROOTS_FILE = previousRoots
  })

  const awaitingNotice = async (lastName: string) => {
    const patient = await makePatient(db, { lastName, firstName: 'Айгүл' })
    return (await approvedAttachment(db, clinic, patient.actor, context)).notice
  }
  const signNow = { now: new Date(), address: null }

  it('asks for extKeyUsageOids ["1.2.398.3.3.4.1.2"]; the organization key signs; the notice is issued', async () => {
    const notice = await awaitingNotice('Бекова')
    const signed = await signHashesWithNcaLayer([notice.snapshotHash], { url: employee.url, locale: 'kk', organization: true })
    if (!signed.ok) throw new Error(signed.error)
    expect(lastRequestOfMock(employee)?.args.signerParams).toEqual({ extKeyUsageOids: ['1.2.398.3.3.4.1.2'], chain: [] })
    expect(
      await submitExternalSignatures(
        db,
        clinic.staff.doctor,
        [{ documentId: notice.id, signature: signed.signatures[0]! }],
        signNow,
      ),
    ).toEqual({ ok: true, data: { signed: 1 } })
    const [row] = await db.select().from(documents).where(eq(documents.id, notice.id))
    expect(row).toMatchObject({
      status: 'issued',
      signerCertificate: { iin, organization: { name: 'NCALAYER CLINIC', bin: clinic.bin } },
    })
  })

  it("the same person's own key (no filter asked) is refused with errors.document.signatureNotClinic; nothing stored", async () => {
    const notice = await awaitingNotice('Тұрсынова')
    const signed = await signHashesWithNcaLayer([notice.snapshotHash], { url: employee.url, locale: 'ru' })
    if (!signed.ok) throw new Error(signed.error)
    expect(
      await submitExternalSignatures(
        db,
        clinic.staff.doctor,
        [{ documentId: notice.id, signature: signed.signatures[0]! }],
        signNow,
      ),
    ).toEqual({ ok: false, code: 'errors.document.signatureNotClinic', documentId: notice.id })
    const [row] = await db.select().from(documents).where(eq(documents.id, notice.id))
    expect(row).toMatchObject({ status: 'awaiting_signature', signature: null, signerCertificate: null })
  })

  it('an NCALayer with no organization key asked for one fails: errors.signing.ncalayerFailed', async () => {
    expect(await signHashesWithNcaLayer(hashes, { url: mock.url, locale: 'kk', organization: true })).toEqual({
      ok: false,
      error: 'errors.signing.ncalayerFailed',
    })
  })
})

function lastRequestOfMock(target: NcaLayerMock) {
  return [...target.requests]
    .reverse()
    .find((request) => (request as { module?: string }).module === 'kz.gov.pki.knca.basics') as
    { args: Record<string, unknown> } | undefined
}

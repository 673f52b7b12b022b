// A test NCALayer: a WSS server on 127.0.0.1 that speaks NCALayer's protocol for what ncalayer-js-client uses and signs
// with a test key instead of showing a key dialog. TEST ONLY.
//
//   on connect      → {"result":{"version":"1.4"}}
//   kz.digiflow.mobile.extensions getVersion → {"success":false,"errorCode":"MODULE_NOT_FOUND"} (not a KAZTOKEN mobile)
//   kz.gov.pki.knca.basics sign, format cms  → {"status":true,"body":{"result":[<base64 CMS>, …]}} (a string for a string)
//   behaviour 'cancel'                       → {"status":true,"body":{}} (the user closed the dialog)
//   a malformed request or behaviour 'error' → {"status":false,"code":"…","message":"…","details":"…"}
// The CMS is what NCALayer makes: SignedData, signed attributes contentType, signingTime and messageDigest (SHA-256 of
// the decoded data, or the data itself when digested: true), the signer certificate included, detached unless
// encapsulate: true. The signer certificates are issued on start by the committed test CA (fixtures/ca-*.pem) for the
// configured person, with "IIN" + IIN in the subject's serialNumber as the national CA does; keys are ECDSA P-256.
// Like a person with two keys, the mock holds the person's own certificate (policy 1.2.398.3.3.4.1.1) and, when an
// organization is configured, an employee's certificate of it (O, OU=BIN…, policy 1.2.398.3.3.4.1.2): a sign request
// whose signerParams.extKeyUsageOids ask for 1.2.398.3.3.4.1.2 (NCALayer then offers only such keys) signs with the
// organization's, any other with the person's own; asked for an organization key it does not have, it fails.
//
// Run alone: node --import tsx e2e/ncalayer/server.ts
// Env: NCALAYER_MOCK_PORT (13579), NCALAYER_MOCK_IIN, NCALAYER_MOCK_NAME, NCALAYER_MOCK_CA_FILE (writes the CA PEM there),
//      NCALAYER_MOCK_BEHAVIOUR (sign | cancel | error), NCALAYER_MOCK_BIN and NCALAYER_MOCK_ORGANIZATION (the
//      organization's BIN and name).
import 'reflect-metadata'
import { createPrivateKey, webcrypto } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import * as x509 from '@peculiar/x509'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { WebSocketServer, type WebSocket } from 'ws'
import { ncaLayerMockFixtures } from './tls'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }))

export { ncaLayerMockFixtures, ncaLayerMockSpkiHash } from './tls'

export type NcaLayerMockBehaviour = 'sign' | 'cancel' | 'error'

export type NcaLayerMockOptions = {
  port?: number // 0 picks a free port
  iin?: string
  name?: string
  /** Where to write the test CA certificate (PEM), e.g. the app's TRUSTED_ROOTS_FILE. */
  caFile?: string
  behaviour?: NcaLayerMockBehaviour
  now?: Date
  /** The organization the person's employee certificate names (its BIN and name); none: only the person's own key. */
  organization?: { bin: string; name: string } | null
}

export type NcaLayerMock = {
  url: string
  port: number
  caCertificatePem: string
  /** The person's own certificate (PEM). */
  signerCertificatePem: string
  /** The employee certificate of the configured organization (PEM), null when none is configured. */
  organizationCertificatePem: string | null
  /** Every request received, parsed, in order (for tests that check what the client sent). */
  requests: unknown[]
  setBehaviour(behaviour: NcaLayerMockBehaviour): void
  close(): Promise<void>
}

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const
const legalEntityPolicy = '1.2.398.3.3.4.1.2'
const oid = { contentType: '1.2.840.113549.1.9.3', messageDigest: '1.2.840.113549.1.9.4', signingTime: '1.2.840.113549.1.9.5' }

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

async function importPrivateKey(pemFile: string): Promise<CryptoKey> {
  const der = createPrivateKey(readFileSync(pemFile)).export({ type: 'pkcs8', format: 'der' })
  return webcrypto.subtle.importKey('pkcs8', der, ecdsa, false, ['sign']) as Promise<CryptoKey>
}

async function issueSignerCertificate(input: {
  iin: string
  name: string
  now: Date
  organization: { bin: string; name: string } | null
}) {
  const caCert = new x509.X509Certificate(readFileSync(ncaLayerMockFixtures.caCert, 'utf8'))
  const caKey = await importPrivateKey(ncaLayerMockFixtures.caKey)
  const keys = (await webcrypto.subtle.generateKey(ecdsa, false, ['sign', 'verify'])) as CryptoKeyPair
  // As the national CA writes a person: CN "SURNAME NAME", SURNAME, SERIALNUMBER "IIN…", C, GIVENNAME the patronymic.
  const [surname, firstName, ...patronymic] = input.name.trim().split(/\s+/)
  const subject: x509.JsonName = [{ CN: [[surname, firstName].filter(Boolean).join(' ')] }]
  if (surname) subject.push({ '2.5.4.4': [surname] })
  subject.push({ '2.5.4.5': [`IIN${input.iin}`] }, { C: ['KZ'] })
  // An employee's certificate names the organization: O its name, OU "BIN" + its BIN.
  if (input.organization) subject.push({ O: [input.organization.name] }, { OU: [`BIN${input.organization.bin}`] })
  if (patronymic.length > 0) subject.push({ '2.5.4.42': [patronymic.join(' ')] })
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    subject,
    issuer: caCert.subjectName,
    notBefore: new Date(input.now.getTime() - 24 * 3600_000),
    notAfter: new Date(input.now.getTime() + 365 * 24 * 3600_000),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      // emailProtection (signing) and the national CA's policy: "individual", or "legal entity" with the role "a
      // person with the right to sign", as real signing certificates carry.
      new x509.ExtendedKeyUsageExtension(
        input.organization
          ? ['1.3.6.1.5.5.7.3.4', legalEntityPolicy, '1.2.398.3.3.4.1.2.2']
          : ['1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.1'],
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { cert, privateKey: keys.privateKey, caCert }
}

async function makeCms(input: {
  data: Uint8Array
  digested: boolean
  encapsulate: boolean
  signer: pkijs.Certificate
  privateKey: CryptoKey
  now: Date
}): Promise<string> {
  const digest = input.digested ? input.data : new Uint8Array(await webcrypto.subtle.digest('SHA-256', toArrayBuffer(input.data)))
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: pkijs.id_ContentType_Data,
      ...(input.encapsulate ? { eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(input.data) }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: input.signer.issuer, serialNumber: input.signer.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: oid.contentType,
              values: [new asn1js.ObjectIdentifier({ value: pkijs.id_ContentType_Data })],
            }),
            new pkijs.Attribute({ type: oid.signingTime, values: [new asn1js.UTCTime({ valueDate: input.now })] }),
            new pkijs.Attribute({
              type: oid.messageDigest,
              values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })],
            }),
          ],
        }),
      }),
    ],
    certificates: [input.signer],
  })
  await signedData.sign(input.privateKey, 0, 'SHA-256')
  const contentInfo = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) })
  return Buffer.from(contentInfo.toSchema().toBER(false)).toString('base64')
}

type Reply = Record<string, unknown>

function invocationError(details: string): Reply {
  return { status: false, code: 'INVOCATION_ERROR', message: 'An invoked method threw an exception.', details }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export async function startNcaLayerMock(options: NcaLayerMockOptions = {}): Promise<NcaLayerMock> {
  const iin = options.iin ?? process.env.NCALAYER_MOCK_IIN ?? '880101300123'
  if (!/^\d{12}$/.test(iin)) throw new Error(`NCALAYER_MOCK_IIN must be 12 digits, got ${iin}`)
  const name = options.name ?? process.env.NCALAYER_MOCK_NAME ?? 'ТЕСТОВ ТЕСТ'
  const port = options.port ?? Number(process.env.NCALAYER_MOCK_PORT ?? 13579)
  const caFile = options.caFile ?? process.env.NCALAYER_MOCK_CA_FILE
  let behaviour: NcaLayerMockBehaviour =
    options.behaviour ?? (process.env.NCALAYER_MOCK_BEHAVIOUR as NcaLayerMockBehaviour | undefined) ?? 'sign'

  const bin = process.env.NCALAYER_MOCK_BIN
  const organization =
    options.organization !== undefined
      ? options.organization
      : bin
        ? { bin, name: process.env.NCALAYER_MOCK_ORGANIZATION || 'ТЕСТ ҰЙЫМЫ' }
        : null
  if (organization && !/^\d{12}$/.test(organization.bin))
    throw new Error(`NCALAYER_MOCK_BIN must be 12 digits, got ${organization.bin}`)
  const issuedAt = options.now ?? new Date()
  const own = await issueSignerCertificate({ iin, name, now: issuedAt, organization: null })
  const employee = organization ? await issueSignerCertificate({ iin, name, now: issuedAt, organization }) : null
  const { cert, caCert } = own
  const keys = {
    own: { certificate: pkijs.Certificate.fromBER(own.cert.rawData), privateKey: own.privateKey },
    organization: employee
      ? { certificate: pkijs.Certificate.fromBER(employee.cert.rawData), privateKey: employee.privateKey }
      : null,
  }
  const caCertificatePem = caCert.toString('pem') + '\n'
  if (caFile) {
    mkdirSync(path.dirname(path.resolve(caFile)), { recursive: true })
    writeFileSync(caFile, caCertificatePem)
  }

  const requests: unknown[] = []

  async function sign(args: unknown): Promise<Reply> {
    if (!isRecord(args)) return invocationError('org.json.JSONException: JSONObject["args"] not found.')
    if (args.format !== 'cms') return invocationError(`unsupported format: ${String(args.format)}`)
    const params = args.signingParams
    if (!isRecord(params)) return invocationError('org.json.JSONException: JSONObject["signingParams"] is not a JSONObject.')
    if (!isRecord(args.signerParams))
      return invocationError('org.json.JSONException: JSONObject["signerParams"] is not a JSONObject.')
    const items = Array.isArray(args.data) ? args.data : [args.data]
    if (items.length === 0 || !items.every((item): item is string => typeof item === 'string')) {
      return invocationError('org.json.JSONException: JSONObject["data"] is not a string or an array of strings.')
    }
    if (behaviour === 'cancel') return { status: true, body: {} }
    if (behaviour === 'error')
      return { status: false, code: 'SIGNING_ERROR', message: 'Signing failed.', details: 'test NCALayer' }
    const wanted = args.signerParams.extKeyUsageOids
    const key = Array.isArray(wanted) && wanted.includes(legalEntityPolicy) ? keys.organization : keys.own
    if (!key) return invocationError('no key matches the requested extended key usage (an organization key)')
    const decode = params.decode === true
    const digested = params.digested === true
    const encapsulate = params.encapsulate === true
    const now = options.now ?? new Date()
    const signatures: string[] = []
    for (const item of items) {
      const data = decode ? new Uint8Array(Buffer.from(item, 'base64')) : new TextEncoder().encode(item)
      if (digested && data.length !== 32) return invocationError('a digested item must be a 32-byte SHA-256 hash')
      signatures.push(await makeCms({ data, digested, encapsulate, signer: key.certificate, privateKey: key.privateKey, now }))
    }
    return { status: true, body: { result: Array.isArray(args.data) ? signatures : signatures[0] } }
  }

  async function answer(raw: string): Promise<Reply> {
    let request: unknown
    try {
      request = JSON.parse(raw)
    } catch {
      return { code: '500', message: 'Malformed JSON' }
    }
    requests.push(request)
    if (!isRecord(request)) return { code: '500', message: 'Malformed request' }
    if (request.module === 'kz.gov.pki.knca.basics' && request.method === 'sign') return sign(request.args)
    if (request.module === 'kz.gov.pki.knca.basics')
      return { status: false, code: 'METHOD_NOT_FOUND', message: 'Method not found.' }
    return { success: false, errorCode: 'MODULE_NOT_FOUND' }
  }

  const https = createServer({ key: readFileSync(ncaLayerMockFixtures.tlsKey), cert: readFileSync(ncaLayerMockFixtures.tlsCert) })
  const wss = new WebSocketServer({ server: https, maxPayload: 16 * 1024 * 1024 })
  wss.on('connection', (socket: WebSocket) => {
    socket.send(JSON.stringify({ result: { version: '1.4' } }))
    // One request at a time per connection, in order, as NCALayer does.
    let queue = Promise.resolve()
    socket.on('message', (data) => {
      const raw = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8')
      queue = queue.then(async () => {
        const reply = await answer(raw).catch((error: unknown) => invocationError(String(error)))
        if (socket.readyState === 1) socket.send(JSON.stringify(reply))
      })
    })
  })

  await new Promise<void>((resolve, reject) => {
    https.once('error', reject)
    https.listen(port, '127.0.0.1', () => {
      https.off('error', reject)
      resolve()
    })
  })
  const actualPort = (https.address() as AddressInfo).port

  return {
    url: `wss://127.0.0.1:${actualPort}`,
    port: actualPort,
    caCertificatePem,
    signerCertificatePem: cert.toString('pem') + '\n',
    organizationCertificatePem: employee ? employee.cert.toString('pem') + '\n' : null,
    requests,
    setBehaviour(next) {
      behaviour = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => https.close(() => resolve()))
      }),
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const mock = await startNcaLayerMock()
  console.log(`test NCALayer listening on ${mock.url}`)
  const stop = () => void mock.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

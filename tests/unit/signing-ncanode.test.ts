import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyWithNcanode } from '@/lib/signing/ncanode'
import { startNcanodeStub, type NcanodeStub } from '@/tests/support/ncanode-server'

// The adapter against recorded-shape NCANode 3 answers (tests/fixtures/ncanode), over real HTTP.
const now = new Date('2026-11-20T09:30:00Z')
const signingTime = new Date('2026-11-20T09:29:58Z')
const hash = Uint8Array.from(Buffer.from('9f'.repeat(32), 'hex'))
const cms = 'MIAGCSqGSIb3DQEHAqCAMIACAQExDjAMBggqgw4DCgEDAwUAMIAGCSqGSIb3DQEHAQAAoIAwggQ='

let stub: NcanodeStub
beforeAll(async () => {
  stub = await startNcanodeStub()
})
afterAll(() => stub.close())

const verify = (fixture: string, expectedSignerIin: string | null = '850101300111') =>
  verifyWithNcanode(`${stub.url}/${fixture}`, { signature: cms, hash, expectedSignerIin, signingTime, now })

describe('NCANode adapter: POST /cms/verify', () => {
  it('sends the CMS, the detached hash bytes in base64 and an OCSP revocation check', async () => {
    await verify('valid')
    expect(stub.requests.at(-1)).toEqual({
      path: '/valid/cms/verify',
      body: { cms, data: Buffer.from(hash).toString('base64'), revocationCheck: ['OCSP'] },
    })
  })

  it('valid: the signer from the certificate subject (IIN, common name, DN) and the signing time', async () => {
    expect(await verify('valid')).toEqual({
      status: 'valid',
      signedAt: signingTime,
      signer: {
        commonName: 'ОСПАНОВ ЕРЛАН',
        iin: '850101300111',
        organization: null,
        subject: 'CN=ОСПАНОВ ЕРЛАН, SURNAME=ОСПАНОВ, SERIALNUMBER=IIN850101300111, C=KZ, G=НҰРЛАНҰЛЫ',
        issuer: 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) 2022, C=KZ',
        certificateSerial: '4e2f1a6b9c0d3e5f7a8b9c0d1e2f3a4b5c6d7e8f',
        notBefore: new Date('2026-03-02T04:15:07Z'),
        notAfter: new Date('2027-03-02T04:15:07Z'),
      },
    })
  })

  describe('standard row 4: a document signed on behalf of the clinic needs its organization certificate', () => {
    const clinicBin = '030440010016'
    const verifyForClinic = (fixture: string, expectedOrganizationBin: string | null) =>
      verifyWithNcanode(`${stub.url}/${fixture}`, {
        signature: cms,
        hash,
        expectedSignerIin: '850101300111',
        expectedOrganizationBin,
        signingTime,
        now,
      })

    it("an employee's certificate (keyUser ORGANIZATION) with the clinic's BIN is valid, the organization named", async () => {
      expect(await verifyForClinic('valid-organization', clinicBin)).toMatchObject({
        status: 'valid',
        signer: { iin: '850101300111', organization: { name: 'ГКП на ПХВ «Городская поликлиника №1 г. Актау»', bin: clinicBin } },
      })
    })

    it("the same person's own certificate is refused: organization_missing", async () => {
      expect(await verifyForClinic('valid', clinicBin)).toMatchObject({ status: 'invalid', reason: 'organization_missing' })
    })

    it("another clinic's BIN is refused: organization_mismatch", async () => {
      expect(await verifyForClinic('valid-organization', '990340001230')).toMatchObject({
        status: 'invalid',
        reason: 'organization_mismatch',
      })
    })
  })

  it('valid, but signed by someone else than the document names: signer_mismatch', async () => {
    expect(await verify('valid', '900202400222')).toMatchObject({ status: 'invalid', reason: 'signer_mismatch' })
  })

  it.each([
    { fixture: 'invalid-signature', reason: 'signature' },
    { fixture: 'expired', reason: 'expired' },
    { fixture: 'revoked', reason: 'untrusted' },
    { fixture: 'digest-mismatch', reason: 'hash_mismatch' },
  ])('$fixture → invalid ($reason)', async ({ fixture, reason }) => {
    expect(await verify(fixture)).toMatchObject({ status: 'invalid', reason })
  })

  it('a server error is "unavailable", not a verdict on the document', async () => {
    expect(await verify('server-error')).toEqual({ status: 'unavailable', reason: 'ncanode_error' })
  })

  it('a wrong address (404) is "unavailable"', async () => {
    expect(
      await verifyWithNcanode(`${stub.url}/no/such/prefix`, { signature: cms, hash, expectedSignerIin: null, signingTime, now }),
    ).toEqual({
      status: 'unavailable',
      reason: 'ncanode_error',
    })
  })

  it('a server that is not running is "unavailable"', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    expect(
      await verifyWithNcanode(`http://127.0.0.1:${port}`, { signature: cms, hash, expectedSignerIin: null, signingTime, now }),
    ).toEqual({ status: 'unavailable', reason: 'ncanode_error' })
  })
})

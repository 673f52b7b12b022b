// Regenerates the committed keys of the test NCALayer (TEST ONLY, never trusted outside the test suite):
//   fixtures/tls-key.pem, fixtures/tls-cert.pem  the WSS certificate for 127.0.0.1 (Chromium accepts it by its SPKI hash,
//                                                so it must not change between the Playwright config and the server)
//   fixtures/ca-key.pem,  fixtures/ca-cert.pem   the test CA that issues the signer's certificate (TRUSTED_ROOTS_FILE)
// Run: node --import tsx e2e/ncalayer/make-fixtures.ts
import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const dir = path.join(import.meta.dirname, 'fixtures')
const ec = { name: 'ECDSA', namedCurve: 'P-256' } as const
const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const
const notBefore = new Date('2025-01-01T00:00:00Z')
const notAfter = new Date('2045-01-01T00:00:00Z')

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').trimEnd()}\n-----END PRIVATE KEY-----\n`
}

async function main() {
  mkdirSync(dir, { recursive: true })

  const tlsKeys = (await webcrypto.subtle.generateKey(ec, true, ['sign', 'verify'])) as CryptoKeyPair
  const tls = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=127.0.0.1, O=Tirkeu test NCALayer',
    notBefore,
    notAfter,
    keys: tlsKeys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  })
  writeFileSync(path.join(dir, 'tls-key.pem'), await privateKeyPem(tlsKeys.privateKey))
  writeFileSync(path.join(dir, 'tls-cert.pem'), tls.toString('pem') + '\n')

  const caKeys = (await webcrypto.subtle.generateKey(ec, true, ['sign', 'verify'])) as CryptoKeyPair
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a01',
    name: 'CN=Tirkeu TEST NCALayer CA (not for production), O=Tirkeu test, C=KZ',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  })
  writeFileSync(path.join(dir, 'ca-key.pem'), await privateKeyPem(caKeys.privateKey))
  writeFileSync(path.join(dir, 'ca-cert.pem'), ca.toString('pem') + '\n')
  console.log(`fixtures written to ${dir}`)
}

await main()

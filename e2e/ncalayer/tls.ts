// The test NCALayer's committed TLS certificate for 127.0.0.1 and its SPKI hash. Light on purpose (node:crypto only):
// playwright.config.ts imports it to tell Chromium to accept this one certificate.
import { createHash, createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const fixtures = path.join(import.meta.dirname, 'fixtures')

export const ncaLayerMockFixtures = {
  tlsKey: path.join(fixtures, 'tls-key.pem'),
  tlsCert: path.join(fixtures, 'tls-cert.pem'),
  caKey: path.join(fixtures, 'ca-key.pem'),
  /** The test CA that issues the mock signer's certificate: point the app's TRUSTED_ROOTS_FILE here in e2e. */
  caCert: path.join(fixtures, 'ca-cert.pem'),
}

/** Value for Chromium's `--ignore-certificate-errors-spki-list`: base64 SHA-256 of the TLS certificate's public key. */
export function ncaLayerMockSpkiHash(): string {
  const spki = createPublicKey(readFileSync(ncaLayerMockFixtures.tlsCert)).export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('base64')
}

import 'server-only'
import { readFile } from 'node:fs/promises'
import { eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { pkiAuthorities } from '@/db/schema'
import { parseCertificate } from './cms'
import type { SigningConfig } from './config'
import type { pkijs } from './crypto'

export const demoAuthorityName = 'demo'

const pemBlock = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g

export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  return [...pem.matchAll(pemBlock)].map((match) => parseCertificate(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')))
}

// Read once per path and kept; a file that cannot be read or holds no certificate is a configuration error.
const fileRoots = new Map<string, Promise<pkijs.Certificate[]>>()

export function trustedRootsFromFile(path: string): Promise<pkijs.Certificate[]> {
  let roots = fileRoots.get(path)
  if (!roots) {
    roots = readFile(path, 'utf8').then((pem) => {
      const certificates = certificatesFromPem(pem)
      if (certificates.length === 0) throw new Error(`TRUSTED_ROOTS_FILE ${path} holds no PEM certificate`)
      return certificates
    })
    roots.catch(() => fileRoots.delete(path))
    fileRoots.set(path, roots)
  }
  return roots
}

// Parsed certificates by PEM text: the demo root is read from the database on each check, parsed once.
const parsedPem = new Map<string, pkijs.Certificate>()

// The demo root is made once and never changes, but every verification needs it: it is read again at most once a
// minute per database, so a batch of signatures does not pay a round trip each.
const rememberedRoots = new WeakMap<Database, { at: number; certificate: pkijs.Certificate }>()
const rootTtlMs = 60_000

export async function demoRootCertificate(db: Database): Promise<pkijs.Certificate | null> {
  const remembered = rememberedRoots.get(db)
  if (remembered && Date.now() - remembered.at < rootTtlMs) return remembered.certificate
  const certificate = await readDemoRoot(db)
  if (certificate) rememberedRoots.set(db, { at: Date.now(), certificate })
  return certificate
}

async function readDemoRoot(db: Database): Promise<pkijs.Certificate | null> {
  const [row] = await db
    .select({ certificate: pkiAuthorities.certificate })
    .from(pkiAuthorities)
    .where(eq(pkiAuthorities.name, demoAuthorityName))
  if (!row) return null
  let certificate = parsedPem.get(row.certificate)
  if (!certificate) {
    certificate = certificatesFromPem(row.certificate)[0]
    if (!certificate) return null
    parsedPem.set(row.certificate, certificate)
  }
  return certificate
}

// The demo root only while the demo PKI is on, plus the configured bundle.
export async function trustedRoots(db: Database, config: SigningConfig): Promise<pkijs.Certificate[]> {
  const [demo, file] = await Promise.all([
    config.demoPki ? demoRootCertificate(db) : null,
    config.trustedRootsFile ? trustedRootsFromFile(config.trustedRootsFile) : [],
  ])
  return demo ? [demo, ...file] : file
}

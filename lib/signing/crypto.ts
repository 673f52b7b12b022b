// One place that wires WebCrypto into @peculiar/x509 and pkijs. Import this module before using either.
import 'reflect-metadata' // @peculiar/x509 (tsyringe) needs the Reflect polyfill before it loads
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import * as pkijs from 'pkijs'

export const crypto = webcrypto as unknown as Crypto

// pkijs imports a signer's public key again for every signature it checks (re-encoding the key to DER first): a third
// of a verification. The imported key is kept per parsed key object and the algorithm asked for. A parsed certificate
// is itself kept by its exact DER (lib/signing/cms.ts), so this is a cache by certificate: a signature still has its
// own signature checked every time, against the key its own certificate carries.
class KeyCachingEngine extends pkijs.CryptoEngine {
  private readonly publicKeys = new WeakMap<pkijs.PublicKeyInfo, Map<string, Promise<CryptoKey>>>()

  override getPublicKey(
    publicKeyInfo: pkijs.PublicKeyInfo,
    signatureAlgorithm: pkijs.AlgorithmIdentifier,
    parameters?: pkijs.CryptoEnginePublicKeyParams,
  ): Promise<CryptoKey> {
    const key = JSON.stringify([signatureAlgorithm?.toJSON() ?? null, parameters ?? null])
    let byAlgorithm = this.publicKeys.get(publicKeyInfo)
    if (!byAlgorithm) this.publicKeys.set(publicKeyInfo, (byAlgorithm = new Map()))
    let imported = byAlgorithm.get(key)
    if (!imported) {
      imported = super.getPublicKey(publicKeyInfo, signatureAlgorithm, parameters)
      imported.catch(() => byAlgorithm.delete(key))
      byAlgorithm.set(key, imported)
    }
    return imported
  }
}

x509.cryptoProvider.set(crypto)
pkijs.setEngine('node', new KeyCachingEngine({ name: 'node', crypto }))

// The demo PKI signs with ECDSA P-256 / SHA-256: fast, and checked by pkijs.
export const signingAlgorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

export { x509, pkijs }

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

// The 32 raw bytes a document's signature covers, from `documents.snapshot_hash` (lowercase hex).
export function hashBytes(snapshotHash: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(snapshotHash)) throw new Error('A snapshot hash is 64 lowercase hex digits')
  return Uint8Array.from(Buffer.from(snapshotHash, 'hex'))
}

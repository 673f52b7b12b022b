// Signing in the signer's browser through NCALayer (the national CA's local signing app) with ncalayer-js-client.
// Safe to import from client components: no server imports, and the library (which would `require('ws')` under Node)
// is loaded only when signing starts.
//
// On the wire (wss://127.0.0.1:13579 unless NEXT_PUBLIC_NCALAYER_URL says otherwise):
//   NCALayer → {"result":{"version":"…"}}                                   greeting on connect
//   client   → {"module":"kz.digiflow.mobile.extensions","method":"getVersion"}   KAZTOKEN probe (an error reply is normal)
//   client   → {"module":"kz.gov.pki.knca.basics","method":"sign","args":{"allowedStorages":[…],"format":"cms",
//               "data":["<base64 of 32 bytes>",…],"signingParams":{"decode":true,"encapsulate":false,"digested":false},
//               "signerParams":{"extKeyUsageOids":[],"chain":[]},"locale":"kk"}}
//               (extKeyUsageOids ["1.2.398.3.3.4.1.2"] for a batch signed on behalf of the clinic: legal-entity keys)
//   NCALayer → {"status":true,"body":{"result":["<CMS>",…]}}   signed, one detached CMS per data item, in order
//              {"status":true,"body":{}}                         the user closed the key dialog
//              {"status":false,"code":"…","message":"…"}         an error
// NCALayer hashes each data item itself (digested: false), so each CMS's messageDigest is SHA-256 of the 32 hash bytes:
// exactly the detached CMS over the snapshot hash that lib/signing/verify.ts checks.

export const defaultNcaLayerUrl = 'wss://127.0.0.1:13579'

export type NcaLayerSignResult =
  | { ok: true; signatures: string[] }
  | {
      ok: false
      error: 'errors.signing.ncalayerNotRunning' | 'errors.signing.ncalayerCancelled' | 'errors.signing.ncalayerFailed'
    }

export type NcaLayerSignOptions = {
  /** WebSocket address of NCALayer; default NEXT_PUBLIC_NCALAYER_URL, then wss://127.0.0.1:13579. */
  url?: string
  /** Language of NCALayer's key dialog. */
  locale: 'kk' | 'ru'
  /** How long to wait for NCALayer's greeting before saying it is not running. */
  connectTimeoutMs?: number
  /** The batch is signed on behalf of the clinic: NCALayer offers only legal-entity keys (standard row 4). */
  organization?: boolean
}

/** The national CA's policy of a legal entity's certificates: NCALayer's key filter for signing on its behalf. */
export const ncaLayerOrganizationKeyUsage = '1.2.398.3.3.4.1.2'

/** Key stores the signer may pick from: a key file (PKCS#12) and the hardware tokens and ID cards NCALayer knows. */
export const ncaLayerAllowedStorages = [
  'PKCS12',
  'AKKaztokenStore',
  'AKKZIDCardStore',
  'AKEToken72KStore',
  'AKEToken5110Store',
  'AKAKEYStore',
]

const hashPattern = /^[0-9a-f]{64}$/

export function hashHexToBase64(hashHex: string): string {
  if (!hashPattern.test(hashHex)) throw new Error('a snapshot hash is 64 lowercase hex digits')
  let binary = ''
  for (let i = 0; i < 64; i += 2) binary += String.fromCharCode(Number.parseInt(hashHex.slice(i, i + 2), 16))
  return btoa(binary)
}

/** NCALayer returns base64 DER, some versions wrapped as PEM ("-----BEGIN CMS-----"); the app stores plain base64 DER. */
export function normalizeNcaLayerSignature(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const base64 = value.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '')
  if (base64.length === 0 || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null
  return base64
}

function isCancelledByUser(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'canceledByUser' in error && error.canceledByUser === true
}

export async function signHashesWithNcaLayer(
  snapshotHashesHex: string[],
  opts?: NcaLayerSignOptions,
): Promise<NcaLayerSignResult> {
  const data = snapshotHashesHex.map(hashHexToBase64)
  if (data.length === 0) return { ok: true, signatures: [] }
  const url = opts?.url || process.env.NEXT_PUBLIC_NCALAYER_URL || defaultNcaLayerUrl

  const { NCALayerClient } = await import('ncalayer-js-client')
  // allowKmdHttpApi = false: always sign over NCALayer's WebSocket, never KAZTOKEN mobile's HTTP side door.
  const client = new NCALayerClient(url, false)
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('NCALayer did not answer')), opts?.connectTimeoutMs ?? 10_000)
      })
      await Promise.race([client.connect(), timeout])
    } catch {
      return { ok: false, error: 'errors.signing.ncalayerNotRunning' }
    } finally {
      clearTimeout(timer)
    }

    let result: string | string[]
    try {
      result = await client.basicsSignCMS(
        ncaLayerAllowedStorages,
        data,
        { decode: true, encapsulate: false, digested: false },
        { extKeyUsageOids: opts?.organization ? [ncaLayerOrganizationKeyUsage] : [], chain: [] },
        opts?.locale ?? 'kk',
      )
    } catch (error) {
      return { ok: false, error: isCancelledByUser(error) ? 'errors.signing.ncalayerCancelled' : 'errors.signing.ncalayerFailed' }
    }

    const signatures = (Array.isArray(result) ? result : [result]).map(normalizeNcaLayerSignature)
    if (signatures.length !== data.length) return { ok: false, error: 'errors.signing.ncalayerFailed' }
    const valid = signatures.filter((signature): signature is string => signature !== null)
    if (valid.length !== data.length) return { ok: false, error: 'errors.signing.ncalayerFailed' }
    return { ok: true, signatures: valid }
  } finally {
    client.wsConnection?.close()
  }
}

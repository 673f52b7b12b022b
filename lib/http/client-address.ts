import { BlockList, isIP } from 'node:net'

// The proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES: addresses or CIDR ranges, comma-separated, IPv4 or
// IPv6). Anyone else's header is ignored: otherwise a client names its own address, slips past every rate limit keyed
// by address and writes a forged address into the audit log.
export type TrustedProxies = { readonly has: (address: string) => boolean; readonly entries: readonly string[] }

export class TrustedProxiesError extends Error {}

export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const list = new BlockList()
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  for (const entry of entries) {
    const [address = '', prefixText, ...rest] = entry.split('/')
    const family = isIP(address)
    const prefix = prefixText === undefined ? null : Number(prefixText)
    const maxPrefix = family === 6 ? 128 : 32
    if (family === 0 || rest.length > 0 || (prefix !== null && (!/^\d{1,3}$/.test(prefixText!) || prefix > maxPrefix))) {
      throw new TrustedProxiesError(
        `TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, ::1).`,
      )
    }
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (prefix === null) list.addAddress(address, type)
    else list.addSubnet(address, prefix, type)
  }
  return {
    entries,
    has: (candidate) => {
      const family = isIP(candidate)
      return family !== 0 && list.check(candidate, family === 6 ? 'ipv6' : 'ipv4')
    },
  }
}

// "::ffff:10.0.0.5" (an IPv4 peer on a dual-stack socket) is 10.0.0.5.
export function normalizeAddress(address: string | undefined | null): string | null {
  if (!address) return null
  const trimmed = address.trim().replace(/^\[(.*)\]$/, '$1')
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed)
  const plain = mapped ? mapped[1]! : trimmed
  return isIP(plain) ? plain.toLowerCase() : null
}

// The client's address: the socket's peer, unless that peer is a trusted proxy; then X-Forwarded-For is read from the
// right (the hop the proxy itself added) past every trusted proxy, to the first address no trusted proxy vouches for.
// An entry that is not an address ends the walk at the last address that was vouched for.
export function clientAddressOf(
  socketAddress: string | undefined | null,
  forwardedFor: string | readonly string[] | undefined,
  trusted: TrustedProxies,
): string | null {
  let client = normalizeAddress(socketAddress)
  if (!client || !trusted.has(client)) return client
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : ((forwardedFor as string | undefined) ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = normalizeAddress(hops[index])
    if (!hop) return client
    client = hop
    if (!trusted.has(hop)) return hop
  }
  return client
}

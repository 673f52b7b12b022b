import { networkInterfaces } from 'node:os'

type Interfaces = ReturnType<typeof networkInterfaces>
// APP_URL, HOST, PORT, TRUSTED_PROXIES.
type AddressEnvironment = Readonly<Record<string, string | undefined>>

// Where the server listens: HOST and PORT, as `npm start` and scripts/serve.ts read them.
export function listenAddressOf(env: AddressEnvironment = process.env): { host: string; port: number } {
  return { host: env.HOST || '127.0.0.1', port: Number(env.PORT || 3000) }
}

const loopbackHosts = new Set(['localhost', '::1', '[::1]'])
const wildcardHosts = new Set(['0.0.0.0', '::', '[::]'])

// The address a browser opens for a server listening on host:port. A loopback host is `localhost`; a server on every
// interface is reached at its first external IPv4 address (a phone on the clinic's network can open it), else
// `localhost`.
export function listeningAddress(host: string, port: number, interfaces: Interfaces = {}): string {
  let name = host
  if (loopbackHosts.has(host) || host.startsWith('127.')) name = 'localhost'
  else if (wildcardHosts.has(host)) {
    const external = Object.values(interfaces)
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)
    name = external?.address ?? 'localhost'
  } else if (host.includes(':') && !host.startsWith('[')) name = `[${host}]`
  return port === 80 ? `http://${name}` : `http://${name}:${port}`
}

// The address people reach the app at: printed under the QR codes and in the verification links. APP_URL wins (a
// server behind a proxy sets it to its public address); without it, the address the server listens on, so a server
// started on another port or host prints QR codes that open it.
export function publicAddress(env: AddressEnvironment = process.env): string {
  if (env.APP_URL) return env.APP_URL
  const { host, port } = listenAddressOf(env)
  return listeningAddress(host, port, wildcardHosts.has(host) ? networkInterfaces() : {})
}

// When the public address is HTTPS (only APP_URL can make it so), browsers are told to stay on HTTPS (HSTS) and
// cookies are sent over HTTPS only.
export function isServedOverHttps(env: AddressEnvironment = process.env): boolean {
  return Boolean(env.APP_URL?.startsWith('https://'))
}

// The line the server prints at start: where the QR codes point, and where that comes from.
export function publicAddressNotice(env: AddressEnvironment = process.env): string {
  const address = publicAddress(env)
  if (env.APP_URL) return `QR codes and verification links open ${address} (APP_URL)`
  const behindProxy = Boolean(env.TRUSTED_PROXIES?.trim())
  return (
    `QR codes and verification links open ${address} (the address this server listens on; ` +
    (behindProxy
      ? `behind a proxy, set APP_URL to the public address, or printed QR codes will not open)`
      : `set APP_URL when people reach it at another address)`)
  )
}

import 'server-only'
import { headers } from 'next/headers'
import { clientAddressHeader } from '@/lib/http/front-door'

// The address the request came from, for the audit log and the limits on sign-in attempts: settled by the front door
// (scripts/serve.ts) from the socket, and from X-Forwarded-For only behind a proxy named in TRUSTED_PROXIES. Served
// without the front door (`next dev`, `next start`), no header a client sends is believed and the address is unknown.
export async function clientAddress(): Promise<string | null> {
  if (process.env.TIRKEU_FRONT_DOOR !== '1') return null
  return (await headers()).get(clientAddressHeader)
}

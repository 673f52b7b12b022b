import 'server-only'
import { cookies, headers } from 'next/headers'
import { clientAddressHeader } from '@/lib/http/front-door'
import { testClockCookie, testClockOffset } from '@/lib/http/test-clock'

// The address the request came from, for the audit log and the limits on sign-in attempts: settled by the front door
// (scripts/serve.ts) from the socket, and from X-Forwarded-For only behind a proxy named in TRUSTED_PROXIES. Served
// without the front door (`next dev`, `next start`), no header a client sends is believed and the address is unknown.
export async function clientAddress(): Promise<string | null> {
  if (process.env.TIRKEU_FRONT_DOOR !== '1') return null
  return (await headers()).get(clientAddressHeader)
}

// The moment a request is answered at: the real time, moved by the test clock (lib/http/test-clock.ts) where the
// end-to-end server switches it on.
export async function requestNow(): Promise<Date> {
  const enabled = process.env.TIRKEU_TEST_CLOCK === '1'
  const offset = enabled ? testClockOffset((await cookies()).get(testClockCookie)?.value, enabled) : 0
  return new Date(Date.now() + offset)
}

import 'server-only'
import { cookies, headers } from 'next/headers'
import { clientAddressHeader } from '@/lib/http/front-door'

// The address the request came from, for the audit log and the limits on sign-in attempts: settled by the front door
// (scripts/serve.ts) from the socket, and from X-Forwarded-For only behind a proxy named in TRUSTED_PROXIES. Served
// without the front door (`next dev`, `next start`), no header a client sends is believed and the address is unknown.
export async function clientAddress(): Promise<string | null> {
  if (process.env.TIRKEU_FRONT_DOOR !== '1') return null
  return (await headers()).get(clientAddressHeader)
}

// The end-to-end suite's clock (TIRKEU_TEST_CLOCK=1, set only on its own server, never in a deployment): the cookie
// holds an offset in milliseconds that the pages reading "now" for display add to the real time (a certificate shown
// expired 11 days later, issue 16). Without the switch the cookie is ignored.
export const testClockCookie = 'tirkeu-test-clock'

export function testClockOffset(value: string | undefined, enabled: boolean): number {
  if (!enabled || !value || !/^-?[0-9]{1,13}$/.test(value)) return 0
  return Number(value)
}

// The moment a request is answered at: the real time, moved by the test clock where it is switched on.
export async function requestNow(): Promise<Date> {
  const enabled = process.env.TIRKEU_TEST_CLOCK === '1'
  const offset = enabled ? testClockOffset((await cookies()).get(testClockCookie)?.value, enabled) : 0
  return new Date(Date.now() + offset)
}

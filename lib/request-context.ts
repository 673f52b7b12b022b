import 'server-only'
import { headers } from 'next/headers'

// The address the request came from, for the audit log and sign-in attempts.
export async function clientAddress(): Promise<string | null> {
  const list = await headers()
  const forwarded = list.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || list.get('x-real-ip') || null
}

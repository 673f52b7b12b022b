import 'server-only'
import { decode } from 'next-auth/jwt'
import { cookies } from 'next/headers'
import { parseSubject } from './actor'

export type SessionSubject = { kind: 'staff' | 'patient'; id: number; signedInAt: Date }

const cookieNames = ['__Secure-authjs.session-token', 'authjs.session-token'] as const
const cacheMs = 5 * 60_000
const maxEntries = 10_000
const decoded = new Map<string, { subject: SessionSubject | null; until: number }>()

// Who the session cookie names. Decrypting an Auth.js session costs about a millisecond and a half of CPU per call
// (key derivation, decryption, re-encryption of the cookie); each distinct cookie is decrypted once per server and
// kept for at most 5 minutes and never past its own expiry. Nothing is lost by this: the actor is still loaded from
// the database on every request, so a sign-out everywhere or a deactivated login takes effect at once.
export async function sessionSubject(now = Date.now()): Promise<SessionSubject | null> {
  const jar = await cookies()
  const name = cookieNames.find((candidate) => jar.has(candidate))
  const token = name ? jar.get(name)?.value : undefined
  if (!name || !token) return null
  const hit = decoded.get(token)
  if (hit && hit.until > now) return hit.subject
  const secret = process.env.AUTH_SECRET
  if (!secret) throw new Error('AUTH_SECRET is not set')
  const payload = await decode({ token, secret, salt: name }).catch(() => null)
  const subject = parseSubject(payload?.sub)
  const signedInAt = typeof payload?.signedInAt === 'number' ? payload.signedInAt : null
  const expires = typeof payload?.exp === 'number' ? payload.exp * 1000 : 0
  const value = subject && signedInAt && expires > now ? { ...subject, signedInAt: new Date(signedInAt) } : null
  if (decoded.size >= maxEntries) decoded.clear()
  decoded.set(token, { subject: value, until: Math.min(now + cacheMs, value ? expires : now + cacheMs) })
  return value
}

import NextAuth, { AuthError, CredentialsSignin } from 'next-auth'
import 'next-auth/jwt'
import Credentials from 'next-auth/providers/credentials'
import { z } from 'zod'
import { hasLocaleCookie, setLocaleCookie } from '@/lib/i18n/locale-cookie'
import { getDb } from '@/db/client'
import { isServedOverHttps } from '@/lib/http/public-address'
import { iinSchema } from '@/lib/iin/schema'
import { clientAddress } from '@/lib/request-context'
import { parseSubject, subjectOf } from './actor'
import { verifySignInCode, verifyStaffPassword, type SignInFailure } from './credentials'
import { signInCodeSchema, staffSignInSchema } from './schemas'

const clientErrors = new Set<AuthError['type']>(['MissingCSRF', 'UnknownAction', 'InvalidCheck', 'InvalidCallbackUrl'])

// The code travels to the sign-in form as `error.code`; it never says whether the login exists.
class SignInRefused extends CredentialsSignin {
  constructor(failure: SignInFailure) {
    super()
    this.code = failure.code
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  trustHost: true,
  // Behind HTTPS the session cookie is `Secure` (and named __Secure-…), whatever a proxy says about the scheme.
  useSecureCookies: isServedOverHttps(),
  // A refused sign-in is an expected outcome (audited in the database), not a server error; so is a request a client
  // made up (no CSRF token, an unknown Auth.js action or callback address), which Auth.js answers with a 4xx or a
  // redirect to the sign-in page. Only the server's own faults reach the log.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return
      if (error instanceof AuthError && clientErrors.has(error.type)) return
      console.error(error)
    },
  },
  providers: [
    Credentials({
      id: 'staff',
      credentials: { login: {}, password: {} },
      async authorize(credentials) {
        const parsed = staffSignInSchema.safeParse(credentials)
        if (!parsed.success) throw new SignInRefused({ ok: false, code: 'errors.auth.invalidCredentials' })
        const result = await verifyStaffPassword(getDb(), parsed.data, new Date(), await clientAddress())
        if (!result.ok) throw new SignInRefused(result)
        await setLocaleCookie(result.locale) // back in the language chosen last time, on any device
        return { id: subjectOf(result.subject) }
      },
    }),
    Credentials({
      id: 'patient',
      credentials: { iin: {}, code: {} },
      async authorize(credentials) {
        const parsed = z.object({ iin: iinSchema, code: signInCodeSchema.shape.code }).safeParse(credentials)
        if (!parsed.success) throw new SignInRefused({ ok: false, code: 'errors.auth.invalidCredentials' })
        const result = await verifySignInCode(getDb(), parsed.data, new Date(), await clientAddress())
        if (!result.ok) throw new SignInRefused(result)
        // The screen stays in the language chosen on the sign-in page; the record's language (of his SMS) only when
        // this browser has none.
        if (!(await hasLocaleCookie())) await setLocaleCookie(result.locale)
        return { id: subjectOf(result.subject) }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id
        token.signedInAt = Date.now()
      }
      return token
    },
    session({ session, token }) {
      if (parseSubject(token.sub)) session.user.id = token.sub!
      if (typeof token.signedInAt === 'number') session.signedInAt = token.signedInAt
      return session
    },
  },
})

declare module 'next-auth' {
  interface Session {
    signedInAt?: number
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    signedInAt?: number
  }
}

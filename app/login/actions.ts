'use server'

import { AuthError, CredentialsSignin } from 'next-auth'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { requestSignInCode } from '@/lib/auth/credentials'
import { signIn } from '@/lib/auth/next-auth'
import { codeRequestSchema, signInCodeSchema, staffSignInSchema } from '@/lib/auth/schemas'
import { kickDelivery } from '@/lib/jobs/boss'
import { clientAddress } from '@/lib/request-context'
import { invalidInput, type ActionResult } from '@/lib/action-result'

type SignInCode = 'errors.auth.invalidCredentials' | 'errors.auth.locked'

async function signInWith(
  provider: 'staff' | 'patient',
  fields: Record<string, string>,
): Promise<ActionResult<never, SignInCode>> {
  try {
    await signIn(provider, { ...fields, redirect: false })
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === 'errors.auth.locked')
      return { ok: false, code: 'errors.auth.locked' }
    if (error instanceof AuthError) return { ok: false, code: 'errors.auth.invalidCredentials' }
    throw error
  }
  // `/` sends each role to its own home.
  redirect('/')
}

export async function signInStaff(input: unknown): Promise<ActionResult<never, SignInCode>> {
  const parsed = staffSignInSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  return signInWith('staff', parsed.data)
}

export async function requestCode(
  input: unknown,
): Promise<ActionResult<{ sent: true }, 'errors.auth.locked' | 'errors.auth.tooManyCodes'>> {
  const parsed = codeRequestSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const result = await requestSignInCode(getDb(), parsed.data.iin, new Date(), await clientAddress())
  if (!result.ok) return result
  kickDelivery()
  return { ok: true, data: { sent: true } }
}

export async function signInPatient(input: unknown): Promise<ActionResult<never, SignInCode>> {
  const parsed = signInCodeSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  return signInWith('patient', parsed.data)
}

import { z } from 'zod'
import { plainText } from '@/lib/text/text-schema'
import { iinSchema } from '@/lib/iin/schema'

export const staffSignInSchema = z.object({
  login: plainText({ min: 1, max: 100, messages: { required: 'errors.login.required', tooLong: 'errors.login.required' } }),
  password: z.string().min(1, 'errors.password.required').max(200, 'errors.password.required'),
})
export type StaffSignInInput = z.input<typeof staffSignInSchema>

export const codeRequestSchema = z.object({ iin: iinSchema })
export type CodeRequestInput = z.input<typeof codeRequestSchema>

export const signInCodeSchema = z.object({
  iin: iinSchema,
  code: z
    .string()
    .trim()
    .min(1, 'errors.code.required')
    .regex(/^[0-9]{6}$/, 'errors.code.format'),
})
export type SignInCodeInput = z.input<typeof signInCodeSchema>

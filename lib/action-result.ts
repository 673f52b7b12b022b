import { ZodError, type z } from 'zod'

// What every server action returns: data, or a message key the screen translates (and keys per field).
export type ActionResult<T = undefined, Code extends string = never> =
  { ok: true; data: T } | { ok: false; code: Code | 'errors.invalidInput'; fieldErrors?: Record<string, string> }

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = issue.path.join('.')
    if (field && !(field in fieldErrors)) fieldErrors[field] = issue.message
  }
  return fieldErrors
}

export type InvalidInput = { ok: false; code: 'errors.invalidInput'; fieldErrors?: Record<string, string> }

// The answer to input that cannot be taken: each field's message key beside its field, from the schema's refusal or
// given field by field (none when no field is to blame).
export function invalidInput(errors?: z.ZodError | Record<string, string>): InvalidInput {
  if (!errors) return { ok: false, code: 'errors.invalidInput' }
  return { ok: false, code: 'errors.invalidInput', fieldErrors: errors instanceof ZodError ? fieldErrorsOf(errors) : errors }
}

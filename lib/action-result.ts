import type { z } from 'zod'

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

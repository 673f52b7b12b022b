import { z } from 'zod'

export const invalidCharactersKey = 'errors.text.invalidCharacters'

// PostgreSQL refuses a NUL byte in text ("invalid byte sequence for encoding UTF8: 0x00"), and a lone UTF-16 surrogate
// reaches it as U+FFFD: neither can be stored as typed. The other C0 and C1 controls are never typed by a person and
// would print as nothing on a coupon; a line break and a tab are text only where the field has lines.
const singleLineUnstorable = /[\u0000-\u001F\u007F-\u009F\p{Cs}]/u
const multilineUnstorable = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}]/u

// Whether a text holds a character that cannot be stored as it is. U+FFFD itself is a character a person can paste.
export function hasUnstorableCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? multilineUnstorable : singleLineUnstorable).test(text)
}

export type PlainTextOptions = {
  // Fewest characters after trimming (default 0: an empty text is allowed).
  min?: number
  max: number
  // A textarea: line breaks and tabs are allowed.
  multiline?: boolean
  messages: {
    // When the value is missing, not a string, or shorter than `min`.
    required?: string
    tooLong: string
    invalidCharacters?: string
  }
}

// Every free-text field a person types: trimmed, refused when it holds a character that cannot be stored (the message
// replaces the length messages, so the person is told what to remove), normalized to NFC, then measured.
export function plainText({ min = 0, max, multiline = false, messages }: PlainTextOptions) {
  const required = messages.required ?? messages.invalidCharacters ?? invalidCharactersKey
  const schema = z
    .string({ error: required })
    .trim()
    .refine((text) => !hasUnstorableCharacters(text, { multiline }), {
      message: messages.invalidCharacters ?? invalidCharactersKey,
      abort: true,
    })
    .normalize('NFC')
  return (min > 0 ? schema.min(min, required) : schema).max(max, messages.tooLong)
}

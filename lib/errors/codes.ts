import type { Messages } from '@/lib/i18n/messages'

type KeysOf<Tree, Prefix extends string> = {
  [Key in keyof Tree & string]: Tree[Key] extends string ? `${Prefix}.${Key}` : KeysOf<Tree[Key], `${Prefix}.${Key}`>
}[keyof Tree & string]

// Every message key under `errors` (`errors.request.alreadyOpen`, …): a refusal carries one of these, so a mistyped
// code fails the build, and each has its text in Kazakh and Russian (tests/unit/messages.test.ts).
export type ErrorCode = KeysOf<Messages['errors'], 'errors'>

import type { Messages } from '@/lib/i18n/messages'
import { documentKindOf } from '@/lib/services'

// A kind of document some service of the catalogue issues (ServiceDefinition.documents). Its name in lists is the
// message `documents.kinds.<kind>` in that service's own message files, so the type is read from the messages.
export type DocumentKind = keyof Messages['documents']['kinds'] & string

export function isDocumentKind(value: string): value is DocumentKind {
  return documentKindOf(value) !== null
}

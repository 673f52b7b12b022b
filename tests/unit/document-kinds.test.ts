import { describe, expect, it } from 'vitest'
import { messagesFor } from '@/lib/i18n/messages'
import { documentKinds, listServices } from '@/lib/services'

const names = (locale: 'kk' | 'ru'): Record<string, string> => messagesFor(locale).documents.kinds

describe('Document kinds: the catalogue’s services issue them, each named in both languages', () => {
  it('a kind belongs to one service (documents.kind and document_counters key on it)', () => {
    const kinds = documentKinds().map((definition) => definition.kind)
    expect(kinds.length).toBeGreaterThan(0)
    expect(new Set(kinds).size).toBe(kinds.length)
  })

  it('a decision makes only kinds its own service defines', () => {
    for (const service of listServices()) {
      const own = (service.documents?.kinds ?? []).map((definition) => definition.kind)
      for (const kind of [...(service.documents?.onApprove ?? []), ...(service.documents?.onRefuse ?? [])]) {
        expect(own, `${service.id}: ${kind}`).toContain(kind)
      }
    }
  })

  it.each(documentKinds().map((definition) => ({ kind: definition.kind })))(
    '$kind has its name in Kazakh and Russian',
    ({ kind }) => {
      expect(names('kk')[kind]?.trim()).toBeTruthy()
      expect(names('ru')[kind]?.trim()).toBeTruthy()
    },
  )
})

import type { Locale } from '@/db/schema'
import { messagesFor } from '@/lib/i18n/messages'

// CSV for spreadsheets used in Kazakhstan's clinics: UTF-8 with a byte-order mark (so Excel reads Cyrillic and Kazakh
// letters), semicolon-separated (the list separator of the kk-KZ and ru-RU locales), every field quoted.
export const csvBom = '\uFEFF'

export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map((field) => `"${String(field ?? '').replaceAll('"', '""')}"`).join(';')}\r\n`
}

// A CSV file streamed as its lines are read (BOM first); X-Total-Rows lets the page show progress.
export function csvResponse(lines: AsyncGenerator<string>, filename: string, total: number): Response {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvBom))
    },
    async pull(controller) {
      const next = await lines.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await lines.return(undefined)
    },
  })
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'x-total-rows': String(total),
      'cache-control': 'private, no-store',
    },
  })
}

// The register's columns as both exports (the register, a doctor's section) name them, in the reader's language.
export function registerCsvLabels(locale: Locale) {
  const messages = messagesFor(locale)
  const t = messages.register.columns
  return {
    header: [t.iin, t.lastName, t.firstName, t.middleName, t.birthDate, t.section, t.since, t.basis],
    basis: messages.patient.attachment.bases,
  }
}

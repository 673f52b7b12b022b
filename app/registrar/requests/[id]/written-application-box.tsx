import { getTranslations } from 'next-intl/server'
import type { DocumentRowDto } from '@/lib/documents/queries'
import { writtenApplication } from '@/lib/services/attachment/documents/written-application'

// Rules of attachment p.23: the written application to the chief physician taken at the desk, printed at once for the
// applicant to sign by hand (attachment's own panel, so it names its own kind). The document route draws it from its
// frozen snapshot.
export async function WrittenApplicationBox({ documents }: { documents: readonly DocumentRowDto[] }) {
  const application = documents.find(
    (document) => document.kind === writtenApplication.kind && document.status === 'issued' && !document.supersededBy,
  )
  if (!application) return null
  const t = await getTranslations('decision')
  return (
    <section
      aria-labelledby="written-application-heading"
      className="space-y-2 rounded border border-slate-300 bg-white p-3 text-sm"
    >
      <h2 id="written-application-heading" className="font-bold">
        {t('applicationHeading')}
      </h2>
      <p className="text-xs text-slate-700">{t('applicationHint')}</p>
      <a
        href={`/documents/${application.id}/pdf`}
        target="_blank"
        rel="noopener"
        className="inline-block rounded bg-brand px-3 py-1.5 font-bold text-white hover:bg-brand-dark"
      >
        {t('printApplication')}
      </a>
    </section>
  )
}

import { getLocale, getTranslations } from 'next-intl/server'
import type { DocumentStatus } from '@/db/schema'
import type { DocumentRowDto } from '@/lib/documents/queries'
import { formatDay, formatInstant } from '@/lib/i18n/format'

const tones: Record<DocumentStatus, string> = {
  draft: 'bg-amber-100 text-amber-900 border-amber-300',
  awaiting_signature: 'bg-sky-100 text-sky-900 border-sky-300',
  signed: 'bg-emerald-100 text-emerald-900 border-emerald-300',
  issued: 'bg-emerald-100 text-emerald-900 border-emerald-300',
  revoked: 'bg-red-100 text-red-900 border-red-300',
}

// An issued document past its kind's validity (a registry certificate after its 10 days): genuine, no longer valid.
const expiredTone = 'bg-orange-100 text-orange-900 border-orange-400'

// A document a correction replaced: it stays in the history, whatever its own status.
const supersededTone = 'bg-slate-100 text-slate-700 border-slate-300'

// The documents of a request: kind, number, status, signer and a link to the PDF where the viewer may open it.
// `actionsFor` adds a per-document control (the registrar's correction, the head's revocation). `today` (the Almaty day
// the page is shown on) marks an issued document past its kind's validity as expired.
export async function DocumentList({
  documents,
  hrefFor,
  actionsFor,
  today,
}: {
  documents: DocumentRowDto[]
  hrefFor: (document: DocumentRowDto) => string | null
  actionsFor?: (document: DocumentRowDto) => React.ReactNode
  today?: string
}) {
  const t = await getTranslations('documents')
  const locale = await getLocale()
  return (
    <section aria-labelledby="documents-heading" className="space-y-2 rounded border border-slate-300 bg-white p-3 text-sm">
      <h2 id="documents-heading" className="font-bold">
        {t('heading')}
      </h2>
      {documents.length === 0 ? (
        <p className="text-slate-600">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {documents.map((document) => {
            const href = hrefFor(document)
            const validThrough = document.status === 'issued' && !document.supersededBy ? document.validThrough : null
            const expired = validThrough !== null && today !== undefined && today > validThrough
            return (
              <li key={document.id} className="space-y-1 py-1.5" data-document={document.kind}>
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-bold">{t(`kinds.${document.kind}`)}</span>
                  <span className="tabular-nums">
                    {t('columns.number')} {document.number}
                  </span>
                  <span
                    className={`inline-block rounded border px-1.5 py-0.5 text-xs font-bold whitespace-nowrap ${document.supersededBy ? supersededTone : tones[document.status]}`}
                  >
                    {document.supersededBy
                      ? t('superseded')
                      : document.signedOnPaper && document.status === 'issued'
                        ? t('recorded')
                        : t(`statuses.${document.status}`)}
                  </span>
                  {expired ? (
                    <span
                      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-bold whitespace-nowrap ${expiredTone}`}
                      data-expired
                    >
                      {t('expired')}
                    </span>
                  ) : null}
                  {href ? (
                    <a href={href} className="font-bold text-brand hover:underline" target="_blank" rel="noopener">
                      {document.status === 'issued' ? t('download') : t('preview')}
                    </a>
                  ) : null}
                </div>
                {document.signerName ? (
                  <p className="text-xs text-slate-700">
                    {t('columns.signer')}: {document.signerName}
                    {document.signedAt ? ` · ${formatInstant(document.signedAt, locale)}` : null}
                  </p>
                ) : null}
                {validThrough && today !== undefined ? (
                  <p className={`text-xs ${expired ? 'font-bold text-orange-900' : 'text-slate-700'}`}>
                    {t(expired ? 'expiredOn' : 'validThrough', { date: formatDay(validThrough) })}
                  </p>
                ) : null}
                {document.signedOnPaper ? <p className="text-xs text-slate-700">{t('signedOnPaper')}</p> : null}
                {document.supersedesNumber ? (
                  <p className="text-xs text-slate-700">{t('supersedes', { number: document.supersedesNumber })}</p>
                ) : null}
                {document.supersededBy ? (
                  <p className="text-xs text-slate-700">{t('supersededBy', { number: document.supersededBy })}</p>
                ) : null}
                {document.status === 'draft' && document.returnedReason ? (
                  <p className="text-xs text-amber-900">{t('returnedBecause', { reason: document.returnedReason })}</p>
                ) : null}
                {document.status === 'revoked' && document.revokedAt ? (
                  <p className="text-xs text-red-900">
                    {t('revokedBecause', {
                      date: formatInstant(document.revokedAt, locale),
                      reason: document.revokedReason ?? '',
                    })}
                  </p>
                ) : null}
                {actionsFor?.(document)}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

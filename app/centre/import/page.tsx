import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { Notice } from '@/components/ui/notice'
import { requireActor } from '@/lib/auth/session'
import type { MessageKey } from '@/lib/i18n/messages'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { centreOf } from '@/lib/registries/centre'
import { getImportPreview } from '@/lib/registries/import'
import { importColumns } from '@/lib/registries/rules/import-line'
import { clientAddress } from '@/lib/request-context'
import { isUuid, rowIdParam, searchParamText } from '@/lib/route-params'
import { CommitButton } from './commit-button'
import { UploadForm } from './upload-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('centre.import'))('heading') }
}

// Issue 16: the CSV import of a centre's existing records: the upload and, once checked, its preview (counts, the
// lines with errors, or the first lines to import) with the confirmation when no line has an error.
export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<{ import?: string | string[]; after?: string | string[] }>
}) {
  const actor = await requireActor('dispensary_doctor')
  const db = getDb()
  if (!(await centreOf(db, actor, 'registry.keep'))) notFound()
  const t = await getTranslations('centre.import')
  const root = await getTranslations()
  const search = await searchParams
  const importId = searchParamText(search.import, 40)
  if (!importId)
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-bold">{t('heading')}</h1>
        <p className="max-w-4xl text-sm text-slate-700">{t('lead')}</p>
        <p className="max-w-4xl text-sm text-slate-700">{t('format', { columns: importColumns.join(';') })}</p>
        <UploadForm />
      </div>
    )
  if (!isUuid(importId)) notFound()
  const after = rowIdParam(searchParamText(search.after, 12))
  const preview = await getImportPreview(db, actor, importId, after, { address: await clientAddress(), now: new Date() })
  // A preview nobody confirmed in time is removed (lib/registries/import-cleanup.ts): its link, kept in a tab or the
  // history, says so. Another centre's import, or an id of nothing, reads the same: nothing is told about it.
  if (!preview || preview.expired)
    return (
      <div className="space-y-3">
        <h1 className="text-lg font-bold">{t('heading')}</h1>
        <Notice tone="warning">{t('expired')}</Notice>
        <Link href="/centre/import" className="text-sm text-brand underline">
          {t('uploadAgain')}
        </Link>
      </div>
    )
  const good = preview.lines - preview.errorLines
  const committable = preview.status === 'checked' && !preview.fileError && preview.errorLines === 0 && preview.lines > 0
  const link = (line: number | null) =>
    `?${new URLSearchParams({ import: preview.id, ...(line ? { after: String(line) } : {}) })}`
  const message = (key: string | null) => (key ? root(key as MessageKey) : '')
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-bold">{t('preview', { fileName: preview.fileName })}</h1>
        <Link href="/centre/import" className="text-sm text-brand underline">
          {t('another')}
        </Link>
      </div>
      {preview.status === 'checking' ? <Notice tone="warning">{t('checkingUnfinished')}</Notice> : null}
      <p className="text-sm font-bold" data-testid="import-counts">
        {t('counts', { lines: preview.lines, errors: preview.errorLines, good })}
      </p>
      {preview.fileError ? <Notice tone="error">{t('fileRefused', { reason: message(preview.fileError) })}</Notice> : null}
      {preview.status === 'committed' ? (
        <Notice>
          {t('committed', { records: preview.lines })}{' '}
          {preview.committedAt ? t('committedAt', { when: formatInstant(preview.committedAt) }) : null}
        </Notice>
      ) : committable ? (
        <CommitButton importId={preview.id} version={preview.version} good={good} />
      ) : preview.status === 'checked' ? (
        <Notice tone="error">{t('cannotCommit')}</Notice>
      ) : null}
      {preview.shown.length > 0 ? (
        <>
          <h2 className="text-sm font-bold">{preview.errorLines > 0 ? t('errorsHeading') : t('goodHeading')}</h2>
          <table className="w-full border border-slate-300 bg-white text-sm">
            <thead className="border-b border-slate-300 bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-2 py-1 font-normal">{t('columns.line')}</th>
                {preview.errorLines > 0 ? (
                  <>
                    <th className="px-2 py-1 font-normal">{t('columns.field')}</th>
                    <th className="px-2 py-1 font-normal">{t('columns.error')}</th>
                  </>
                ) : null}
                <th className="px-2 py-1 font-normal">{t('columns.iin')}</th>
                <th className="px-2 py-1 font-normal">{t('columns.name')}</th>
                <th className="px-2 py-1 font-normal">{t('columns.birthDate')}</th>
                <th className="px-2 py-1 font-normal">{t('columns.group')}</th>
                <th className="px-2 py-1 font-normal">{t('columns.observedSince')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.shown.map((line) => (
                <tr key={line.line} className="border-b border-slate-100 align-top">
                  <td className="px-2 py-1 tabular-nums">{line.line}</td>
                  {preview.errorLines > 0 ? (
                    <>
                      <td className="px-2 py-1 font-mono text-xs">{line.errorField ?? '—'}</td>
                      <td className="px-2 py-1 text-red-700">{message(line.error)}</td>
                    </>
                  ) : null}
                  <td className="px-2 py-1 font-mono">{line.iin ?? '—'}</td>
                  <td className="px-2 py-1">{line.name || '—'}</td>
                  <td className="px-2 py-1 tabular-nums">{line.birthDate ? formatDay(line.birthDate) : '—'}</td>
                  <td className="px-2 py-1">{line.observationGroup ?? '—'}</td>
                  <td className="px-2 py-1 tabular-nums">{line.observedSince ? formatDay(line.observedSince) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <KeysetNav
            label={t('pages')}
            first={after ? link(null) : null}
            next={preview.nextAfter && preview.errorLines > 0 ? link(preview.nextAfter) : null}
            labels={{ first: t('firstErrors'), next: t('moreErrors') }}
          />
        </>
      ) : null}
    </div>
  )
}

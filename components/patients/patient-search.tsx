import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import type { BeyondClinicSearch, PatientRowDto } from '@/lib/patients/queries'
import { searchTextLimit } from '@/lib/patients/search-query'
import { formatDay, formatInstant } from '@/lib/i18n/format'
import { TextField } from '@/components/ui/field'
import { BoundedSearchForm } from './bounded-search-form'

// A plain GET form: the query stays in the address bar, Enter searches, results are links (Tab / Enter to open).
// Below the clinic's own people, the people of the region's records not attached here (the desk serves them too);
// `deskHrefFor` opens the desk's application for one whose IIN was typed; `nothingFound` is what the desk offers when
// nobody was found at all (registering a new person).
export async function PatientSearch({
  query,
  error,
  results,
  beyond,
  hrefFor,
  deskHrefFor,
  nothingFound,
}: {
  query: string
  error?: string
  results: PatientRowDto[] | null
  beyond?: BeyondClinicSearch | null
  hrefFor: (id: number) => string
  deskHrefFor?: (iin: string) => string
  nothingFound?: ReactNode
}) {
  const t = await getTranslations('patientSearch')
  const outside = beyond?.state === 'done' ? beyond.rows : []
  const nobody = results !== null && results.length === 0 && outside.length === 0
  return (
    <section aria-labelledby="search-heading" className="rounded border border-slate-300 bg-white p-3">
      <h1 id="search-heading" className="mb-2 text-lg font-bold">
        {t('heading')}
      </h1>
      <BoundedSearchForm className="flex flex-wrap gap-x-2">
        <TextField
          id="patient-query"
          name="q"
          className="w-full max-w-xl"
          label={t('label')}
          hint={t('hint')}
          defaultValue={query}
          autoFocus
          autoComplete="off"
          error={error}
          errorParams={{ max: searchTextLimit }}
        />
        <button
          type="submit"
          className="mt-6 self-start rounded bg-brand px-3 py-1.5 text-sm font-bold text-white hover:bg-brand-dark"
        >
          {t('submit')}
        </button>
      </BoundedSearchForm>
      {nobody ? (
        <div className="mt-2 text-sm text-slate-700">
          <p role="status">{t('nothing')}</p>
          {nothingFound}
        </div>
      ) : null}
      {results !== null && results.length > 0 ? (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{t('results', { count: results.length })}</caption>
          <thead className="border-b border-slate-300 text-left text-slate-600">
            <tr>
              <th className="py-1 font-normal">{t('columns.name')}</th>
              <th className="py-1 font-normal">{t('columns.iin')}</th>
              <th className="py-1 font-normal">{t('columns.birthDate')}</th>
              <th className="py-1 font-normal">{t('columns.section')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 hover:bg-sky-50">
                <td className="py-1">
                  <Link href={hrefFor(row.id)} className="font-bold text-brand hover:underline">
                    {row.name}
                  </Link>
                </td>
                <td className="py-1 font-mono">{row.iin}</td>
                <td className="py-1">{formatDay(row.birthDate)}</td>
                <td className="py-1">{row.sectionNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {beyond?.state === 'rate_limited' ? (
        <p role="status" className="mt-2 text-sm text-amber-800">
          {t('beyond.rateLimited', { until: formatInstant(beyond.until) })}
        </p>
      ) : null}
      {outside.length > 0 ? (
        <table className="mt-3 w-full text-sm">
          <caption className="mb-1 text-left font-bold text-slate-700">{t('beyond.heading', { count: outside.length })}</caption>
          <thead className="border-b border-slate-300 text-left text-slate-600">
            <tr>
              <th className="py-1 font-normal">{t('columns.name')}</th>
              <th className="py-1 font-normal">{t('columns.iin')}</th>
              <th className="py-1 font-normal">{t('columns.birthDate')}</th>
              <th className="py-1 font-normal">{t('beyond.attachment')}</th>
              <th className="py-1 font-normal">
                <span className="sr-only">{t('beyond.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {outside.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 bg-amber-50/40">
                <td className="py-1 font-bold">{row.name}</td>
                <td className="py-1 font-mono">{row.iin ?? `••••••••${row.iinTail}`}</td>
                <td className="py-1">{formatDay(row.birthDate)}</td>
                <td className="py-1">
                  {row.deceased
                    ? t('beyond.deceased')
                    : row.attachedElsewhere
                      ? t('beyond.attachedElsewhere')
                      : t('beyond.notAttached')}
                </td>
                <td className="py-1">
                  {row.deceased ? null : row.iin && deskHrefFor ? (
                    <Link href={deskHrefFor(row.iin)} className="text-brand underline">
                      {t('beyond.apply')}
                    </Link>
                  ) : (
                    <span className="text-slate-600">{t('beyond.askForIin')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}

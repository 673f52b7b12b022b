import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import type { PatientRowDto } from '@/lib/patients/queries'
import { formatDay } from '@/lib/i18n/format'
import { TextField } from '@/components/ui/field'

// A plain GET form: the query stays in the address bar, Enter searches, results are links (Tab / Enter to open).
export async function PatientSearch({
  query,
  error,
  results,
  hrefFor,
}: {
  query: string
  error?: string
  results: PatientRowDto[] | null
  hrefFor: (id: number) => string
}) {
  const t = await getTranslations('patientSearch')
  return (
    <section aria-labelledby="search-heading" className="rounded border border-slate-300 bg-white p-3">
      <h1 id="search-heading" className="mb-2 text-lg font-bold">
        {t('heading')}
      </h1>
      <form role="search" method="get" className="flex flex-wrap gap-2">
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
        />
        <button
          type="submit"
          className="mt-6 self-start rounded bg-brand px-3 py-1.5 text-sm font-bold text-white hover:bg-brand-dark"
        >
          {t('submit')}
        </button>
      </form>
      {results === null ? null : results.length === 0 ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {t('nothing')}
        </p>
      ) : (
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
      )}
    </section>
  )
}

import { getTranslations } from 'next-intl/server'
import { searchTextLimit, type SearchQuery } from '@/lib/patients/search-query'
import { BoundedSearchForm } from './bounded-search-form'

// The GET filter bar of staff lists: the IIN-or-name box (checked like every IIN field), the list's own filters, Apply.
export async function FilterForm({
  id,
  text,
  query,
  error,
  children,
}: {
  id: string
  text: string
  query: SearchQuery
  // A message key for the box beyond the parser's own (a search cut short: "refine the search").
  error?: string
  children?: React.ReactNode
}) {
  const t = await getTranslations()
  const message = query.kind === 'invalid' ? query.error : error
  const invalid = message !== undefined
  return (
    <BoundedSearchForm className="flex flex-wrap items-end gap-2 rounded border border-slate-300 bg-white p-2 text-sm">
      <div>
        <label htmlFor={id} className="block font-bold text-slate-700">
          {t('queue.filters.query')}
        </label>
        <input
          id={id}
          name="q"
          defaultValue={text}
          autoComplete="off"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          className="w-72 rounded border border-slate-400 px-2 py-1 aria-[invalid=true]:border-red-600"
        />
      </div>
      {children}
      <button type="submit" className="rounded bg-brand px-3 py-1 font-bold text-white hover:bg-brand-dark">
        {t('queue.filters.apply')}
      </button>
      {message !== undefined ? (
        <p id={`${id}-error`} role="alert" className="w-full text-red-700">
          {t(message as 'errors.search.tooLong', { max: searchTextLimit })}
        </p>
      ) : null}
    </BoundedSearchForm>
  )
}

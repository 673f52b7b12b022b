'use client'

import { useTranslations } from 'next-intl'
import { useState, type ReactNode } from 'react'
import { searchTextLimit } from '@/lib/patients/search-query'

// The GET form of a search box (its field is named `q`). A text longer than the box takes (a paste gone wrong) is not
// sent: the address would outgrow what a server reads (HTTP 431) and the text would be lost. It stays in the field,
// marked invalid, with the reason beside it. The server refuses the same text the same way (lib/patients/search-query).
export function BoundedSearchForm({ className, children }: { className?: string; children: ReactNode }) {
  const t = useTranslations()
  const [tooLong, setTooLong] = useState<string | null>(null)
  return (
    <form
      method="get"
      role="search"
      className={className}
      onSubmit={(event) => {
        const field = event.currentTarget.elements.namedItem('q')
        if (!(field instanceof HTMLInputElement)) return
        if (field.value.trim().length <= searchTextLimit) {
          setTooLong(null)
          return
        }
        event.preventDefault()
        const errorId = `${field.id}-too-long`
        field.setAttribute('aria-invalid', 'true')
        field.setAttribute('aria-describedby', errorId)
        setTooLong(errorId)
        field.focus()
      }}
    >
      {children}
      {tooLong ? (
        <p id={tooLong} role="alert" className="w-full text-sm text-red-700">
          {t('errors.search.tooLong', { max: searchTextLimit })}
        </p>
      ) : null}
    </form>
  )
}

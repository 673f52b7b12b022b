import Link from 'next/link'

// The links of a list read a page at a time by keyset: back to the start, the page before, the page after. Each is
// an address or null when there is no such page; nothing is drawn when there is none at all.
export function KeysetNav({
  label,
  first,
  previous,
  next,
  labels,
}: {
  label: string
  first?: string | null
  previous?: string | null
  next?: string | null
  labels: { first: string; previous?: string; next: string }
}) {
  if (!first && !previous && !next) return null
  return (
    <nav aria-label={label} className="mt-2 flex gap-3 text-sm">
      {first ? (
        <Link href={first} className="text-brand underline">
          ⇤ {labels.first}
        </Link>
      ) : null}
      {previous ? (
        <Link href={previous} className="text-brand underline" rel="prev">
          ← {labels.previous}
        </Link>
      ) : null}
      {next ? (
        <Link href={next} className="text-brand underline" rel="next">
          {labels.next} →
        </Link>
      ) : null}
    </nav>
  )
}

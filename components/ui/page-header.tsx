import Link from 'next/link'

// A page's heading with its main action on the right (e.g. the patient's "new attachment request").
export function PageHeader({ title, action }: { title: string; action?: { href: string; label: string } }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-lg font-bold">{title}</h1>
      {action ? (
        <Link href={action.href} className="rounded bg-brand px-3 py-1.5 text-sm font-bold text-white hover:bg-brand-dark">
          {action.label}
        </Link>
      ) : null}
    </div>
  )
}

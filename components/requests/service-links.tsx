import Link from 'next/link'

// The public services a person at this desk can take applications for, each opening its own form.
export function ServiceLinks({ heading, services }: { heading: string; services: { id: string; name: string; href: string }[] }) {
  if (services.length === 0) return null
  return (
    <nav aria-label={heading} className="flex flex-wrap items-center gap-2 rounded border border-slate-300 bg-white p-2 text-sm">
      <span className="font-bold text-slate-700">{heading}:</span>
      {services.map((service) => (
        <Link
          key={service.id}
          href={service.href}
          className="rounded border border-brand px-2 py-0.5 font-bold text-brand hover:bg-sky-50"
        >
          {service.name}
        </Link>
      ))}
    </nav>
  )
}

import type { ReactNode } from 'react'

// A titled block of a page: a white box whose heading names it for screen readers (aria-labelledby `${id}-heading`).
export function Panel({
  id,
  title,
  level = 2,
  className,
  headingClassName = 'mb-2 font-bold',
  children,
}: {
  id: string
  title: ReactNode
  level?: 1 | 2
  className?: string
  headingClassName?: string
  children: ReactNode
}) {
  const Heading = level === 1 ? 'h1' : 'h2'
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={['rounded border border-slate-300 bg-white p-3', className].filter(Boolean).join(' ')}
    >
      <Heading id={`${id}-heading`} className={headingClassName}>
        {title}
      </Heading>
      {children}
    </section>
  )
}

import type { ComponentProps } from 'react'

const variants = {
  primary: 'bg-brand text-white hover:bg-brand-dark disabled:bg-slate-400',
  secondary: 'border border-slate-400 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-400',
  quiet: 'text-brand underline-offset-2 hover:underline disabled:text-slate-400',
} as const

export function Button({
  variant = 'primary',
  className = '',
  ...props
}: ComponentProps<'button'> & { variant?: keyof typeof variants }) {
  return (
    <button
      className={`inline-flex items-center justify-center gap-1 rounded px-3 py-1.5 text-sm font-bold ${variants[variant]} ${className}`}
      {...props}
    />
  )
}

'use client'

import { useTranslations } from 'next-intl'
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react'

// Error texts arrive as message keys (from zod or from the server) and are translated here, beside the field.
export function FieldError({
  id,
  messageKey,
  params,
}: {
  id: string
  messageKey?: string
  params?: Record<string, string | number>
}) {
  const t = useTranslations()
  if (!messageKey) return null
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700">
      {t.has(messageKey as never) ? t(messageKey as never, params as never) : t('errors.unexpected')}
    </p>
  )
}

type FieldProps = { id: string; label: string; error?: string; hint?: ReactNode; className?: string }

// A labelled control with its hint and its error under it; the control is described by both.
function Field({
  id,
  label,
  error,
  hint,
  className,
  control,
}: FieldProps & { control: (described: ControlWiring) => ReactNode }) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-bold text-slate-700">
        {label}
      </label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messageKey={error} />
    </div>
  )
}

type ControlWiring = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & FieldProps

export function TextField({ id, label, error, hint, className, ...input }: TextFieldProps) {
  return (
    <Field
      {...{ id, label, error, hint, className }}
      control={(wiring) => (
        <input
          {...wiring}
          className="block w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-base aria-[invalid=true]:border-red-600"
          {...input}
        />
      )}
    />
  )
}

// A reason, an answer, a complaint: several lines of text.
type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps

export function TextAreaField({ id, label, error, hint, className, ...textarea }: TextAreaFieldProps) {
  return (
    <Field
      {...{ id, label, error, hint, className }}
      control={(wiring) => (
        <textarea
          {...wiring}
          className="block w-full rounded border border-slate-400 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600"
          {...textarea}
        />
      )}
    />
  )
}

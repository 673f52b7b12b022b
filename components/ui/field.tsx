'use client'

import { useTranslations } from 'next-intl'
import { createContext, use, type ComponentProps, type ReactNode } from 'react'
import { Notice } from './notice'

// The one field kit: each field renders its label, its hint and its error (a message key, translated here) beside the
// control, and the control is described by its error, then its hint. A patient fills a form once, on a phone (16px
// text, so the phone does not zoom); a registrar fills the same fields all day at the desk: the dense variant.

type Density = 'regular' | 'dense'
const DensityContext = createContext<Density>('regular')

// Every field inside is dense, unless it says otherwise.
export function DenseFields({ children }: { children: ReactNode }) {
  return <DensityContext value="dense">{children}</DensityContext>
}

const useDensity = (dense: boolean | undefined): Density => {
  const inherited = use(DensityContext)
  return dense === undefined ? inherited : dense ? 'dense' : 'regular'
}

const textSize: Record<Density, string> = { regular: 'text-base', dense: 'text-sm' }
const padding: Record<Density, string> = { regular: 'px-2 py-1.5', dense: 'px-2 py-1' }
const widths = { full: 'w-full', narrow: 'w-56 max-w-full', prose: 'w-full max-w-xl' } as const
const labelClass = 'mb-1 block text-sm font-bold text-slate-700'
const hintClass = 'mt-1 text-xs text-slate-600'
// The radio stands level with the first line of its label (which may wrap, or carry a description under it).
const radioOffset: Record<Density, string> = { regular: 'mt-[5px]', dense: 'mt-[3px]' }
// A dense list of options (grounds, outcomes) reads as rows under the pointer.
const optionRow = 'rounded px-1 py-0.5 hover:bg-slate-50'

function controlClass(density: Density, width: keyof typeof widths = 'full', mono = false) {
  return [
    'block rounded border border-slate-400 bg-white aria-[invalid=true]:border-red-600',
    padding[density],
    textSize[density],
    widths[width],
    mono ? 'font-mono' : '',
  ].join(' ')
}

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

// What an action refused when no field owns the refusal, above the form.
export function FormError({ messageKey, params }: { messageKey?: string | null; params?: Record<string, string | number> }) {
  const t = useTranslations()
  if (!messageKey) return null
  return (
    <Notice tone="error">{t.has(messageKey as never) ? t(messageKey as never, params as never) : t('errors.unexpected')}</Notice>
  )
}

type FieldProps = {
  id: string
  label: ReactNode
  error?: string
  errorParams?: Record<string, string | number>
  hint?: ReactNode
  className?: string
  dense?: boolean
  width?: keyof typeof widths
  mono?: boolean
}

type Wiring = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }

const describedBy = (id: string, error: unknown, hint: unknown) =>
  [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined

function Field({
  id,
  label,
  error,
  errorParams,
  hint,
  className,
  control,
}: Omit<FieldProps, 'dense' | 'width' | 'mono'> & { control: (wiring: Wiring) => ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, error, hint) })}
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messageKey={error} params={errorParams} />
    </div>
  )
}

type TextFieldProps = Omit<ComponentProps<'input'>, 'id'> & FieldProps

export function TextField({ id, label, error, errorParams, hint, className, dense, width, mono, ...input }: TextFieldProps) {
  const density = useDensity(dense)
  return (
    <Field
      {...{ id, label, error, errorParams, hint, className }}
      control={(wiring) => <input {...wiring} className={controlClass(density, width, mono)} {...input} />}
    />
  )
}

// A calendar day, as the browser's date picker gives it: 'YYYY-MM-DD'.
export function DateField(props: Omit<TextFieldProps, 'type'>) {
  return <TextField type="date" {...props} />
}

// An IIN: twelve digits, typed or read by a scanner; shown in a fixed-width font so the digits line up.
export function IinField(props: Omit<TextFieldProps, 'mono'>) {
  return <TextField inputMode="numeric" autoComplete="off" mono {...props} />
}

// A reason, an answer, a complaint: several lines of text.
export function TextAreaField({
  id,
  label,
  error,
  errorParams,
  hint,
  className,
  dense,
  width,
  mono,
  ...textarea
}: Omit<ComponentProps<'textarea'>, 'id'> & FieldProps) {
  const density = useDensity(dense)
  return (
    <Field
      {...{ id, label, error, errorParams, hint, className }}
      control={(wiring) => <textarea {...wiring} className={controlClass(density, width, mono)} {...textarea} />}
    />
  )
}

// The options are the children (<option> elements).
export function SelectField({
  id,
  label,
  error,
  errorParams,
  hint,
  className,
  dense,
  width,
  mono,
  children,
  ...select
}: Omit<ComponentProps<'select'>, 'id'> & FieldProps) {
  const density = useDensity(dense)
  return (
    <Field
      {...{ id, label, error, errorParams, hint, className }}
      control={(wiring) => (
        <select {...wiring} className={controlClass(density, width, mono)} {...select}>
          {children}
        </select>
      )}
    />
  )
}

export type RadioOption = { value: string; label: ReactNode; description?: ReactNode }

// One choice of a few, each option labelled (and described when it needs it); the group is named by its legend and
// described by its error and hint. `children` follow the options inside the group (a note, a checkbox on the row).
export function RadioGroupField({
  id,
  legend,
  options,
  error,
  errorParams,
  hint,
  className,
  dense,
  inline = false,
  children,
  ...input
}: Omit<ComponentProps<'input'>, 'id' | 'type' | 'value' | 'children'> & {
  id: string
  legend: ReactNode
  options: readonly RadioOption[]
  error?: string
  errorParams?: Record<string, string | number>
  hint?: ReactNode
  className?: string
  dense?: boolean
  inline?: boolean
  children?: ReactNode
}) {
  const density = useDensity(dense)
  return (
    <fieldset className={className} aria-describedby={describedBy(id, error, hint)}>
      <legend className={labelClass}>{legend}</legend>
      <div className={inline ? 'flex flex-wrap gap-x-4 gap-y-1' : 'space-y-1'}>
        {options.map((option) => (
          <label
            key={option.value}
            className={`flex items-start gap-2 ${textSize[density]} ${density === 'dense' && !inline ? optionRow : ''}`}
          >
            <input
              type="radio"
              value={option.value}
              className={radioOffset[density]}
              aria-invalid={error ? true : undefined}
              {...input}
            />
            <span>
              {option.label}
              {option.description ? <span className="block text-xs text-slate-600">{option.description}</span> : null}
            </span>
          </label>
        ))}
        {children}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messageKey={error} params={errorParams} />
    </fieldset>
  )
}

// A yes or no, its label beside the box.
export function CheckboxField({
  id,
  label,
  error,
  hint,
  className,
  dense,
  ...input
}: Omit<ComponentProps<'input'>, 'id' | 'type'> & {
  id: string
  label: ReactNode
  error?: string
  hint?: ReactNode
  className?: string
  dense?: boolean
}) {
  const density = useDensity(dense)
  return (
    <div className={className}>
      <label htmlFor={id} className={`flex items-center gap-2 ${textSize[density]}`}>
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          {...input}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messageKey={error} />
    </div>
  )
}

'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useState, useTransition } from 'react'
import {
  get,
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from 'react-hook-form'
import type { z } from 'zod'

// What an action answers (lib/action-result.ts); a refusal may carry more (a decision already taken, bad lines).
type Answer = { ok: true; data: unknown } | { ok: false; code: string; fieldErrors?: Record<string, string> }
type Accepted<Result> = Result extends { ok: true; data: infer Data } ? Data : never
type Refused<Result> = Extract<Result, { ok: false }>

// A form that calls one server action. The same schema checks it in the browser and in the action, which parses the
// browser's output again. Each form carries an idempotency key made on mount (a double click or a resend after a lost
// answer does one thing, not two; a new key after each success). What the action refuses comes back as message keys
// beside their fields or, when no field on screen owns them, above the form; what the person typed stays.
// With `review`, a valid submit first asks to confirm (for what cannot be undone); any change asks again.
export function useActionForm<Input extends FieldValues, Output, Result extends Answer>(options: {
  schema: z.ZodType<Output, Input>
  defaultValues: DefaultValues<Input>
  action: (values: Output, idempotencyKey: string) => Promise<Result>
  onSuccess?: (data: Accepted<Result>, form: UseFormReturn<Input, unknown, Output>) => void
  onFailure?: (result: Refused<Result>, form: UseFormReturn<Input, unknown, Output>) => void
  review?: boolean
  // Fields with no control on screen (ids, times the page set): their errors are told above the form.
  hiddenFields?: readonly Path<Input>[]
}) {
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID())
  const [reviewed, setReviewed] = useState<{ values: Output } | null>(null)
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(options.schema), defaultValues: options.defaultValues })

  useEffect(() => {
    const changes = form.watch(() => setReviewed(null))
    return () => changes.unsubscribe()
  }, [form])

  const hiddenFieldFailed = (errors: FieldErrors<Input> | Record<string, string>) =>
    (options.hiddenFields ?? []).some((field) => get(errors, field) !== undefined || field in errors)

  const send = (values: Output) =>
    startTransition(async () => {
      const result = await options.action(values, idempotencyKey)
      setReviewed(null)
      if (result.ok) {
        setIdempotencyKey(crypto.randomUUID())
        options.onSuccess?.(result.data as Accepted<Result>, form)
        return
      }
      const fieldErrors = result.fieldErrors ?? {}
      for (const [field, key] of Object.entries(fieldErrors)) form.setError(field as Path<Input>, { message: key })
      // Above the form too when the fields do not say it all: none named, one not on screen, or a refusal of its own.
      const saidAtFields =
        Object.keys(fieldErrors).length > 0 &&
        !hiddenFieldFailed(fieldErrors) &&
        (result.code === 'errors.invalidInput' || Object.values(fieldErrors).includes(result.code))
      setFormError(saidAtFields ? null : result.code)
      options.onFailure?.(result as Refused<Result>, form)
    })

  const submit = form.handleSubmit(
    (values) => {
      setFormError(null)
      if (options.review) setReviewed({ values })
      else send(values)
    },
    (errors) => setFormError(hiddenFieldFailed(errors) ? 'errors.invalidInput' : null),
  )

  return {
    form,
    errors: form.formState.errors,
    pending,
    formError,
    setFormError,
    submit,
    // The review step: the values checked, waiting for `confirm` (or `cancelReview`).
    reviewing: reviewed !== null,
    confirm: () => {
      if (reviewed) send(reviewed.values)
    },
    cancelReview: () => setReviewed(null),
  }
}

'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { unstable_rethrow } from 'next/navigation'
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
// With `review`, a valid submit first asks to confirm (for what cannot be undone); any change asks again. With `check`
// as well, the server checks the values before the question (issue 15: nothing is confirmed that would be refused);
// its refusal lands on the fields as the action's would, and its answer is `checked` for the question to show.
export function useActionForm<
  Input extends FieldValues,
  Output,
  Result extends Answer,
  CheckResult extends Answer = Answer,
>(options: {
  schema: z.ZodType<Output, Input>
  defaultValues: DefaultValues<Input>
  action: (values: Output, idempotencyKey: string) => Promise<Result>
  check?: (values: Output, idempotencyKey: string) => Promise<CheckResult>
  onSuccess?: (data: Accepted<Result>, form: UseFormReturn<Input, unknown, Output>) => void
  onFailure?: (result: Refused<Result> | Refused<CheckResult>, form: UseFormReturn<Input, unknown, Output>) => void
  review?: boolean
  // Fields with no control on screen (ids, times the page set): their errors are told above the form.
  hiddenFields?: readonly Path<Input>[]
}) {
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID())
  const [reviewed, setReviewed] = useState<{ values: Output; checked?: Accepted<CheckResult> } | null>(null)
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(options.schema), defaultValues: options.defaultValues })

  useEffect(() => {
    const changes = form.watch(() => setReviewed(null))
    return () => changes.unsubscribe()
  }, [form])

  const hiddenFieldFailed = (errors: FieldErrors<Input> | Record<string, string>) =>
    (options.hiddenFields ?? []).some((field) => get(errors, field) !== undefined || field in errors)

  // What the server answered, or null when it threw: then the fault is told above the form and the values stay.
  const call = async <R extends Answer>(run: () => Promise<R>): Promise<R | null> => {
    try {
      return await run()
    } catch (fault) {
      // Issue 15: a fault on the server (its digest is in the server's log) loses nothing typed; the same idempotency
      // key makes a retry do the thing once.
      unstable_rethrow(fault)
      setFormError('errors.unexpectedSubmit')
      return null
    }
  }

  const refuse = (result: Refused<Result> | Refused<CheckResult>) => {
    const fieldErrors = result.fieldErrors ?? {}
    for (const [field, key] of Object.entries(fieldErrors)) form.setError(field as Path<Input>, { message: key })
    // Above the form too when the fields do not say it all: none named, one not on screen, or a refusal of its own.
    const saidAtFields =
      Object.keys(fieldErrors).length > 0 &&
      !hiddenFieldFailed(fieldErrors) &&
      (result.code === 'errors.invalidInput' || Object.values(fieldErrors).includes(result.code))
    setFormError(saidAtFields ? null : result.code)
    options.onFailure?.(result, form)
  }

  const send = (values: Output) =>
    startTransition(async () => {
      const result = await call(() => options.action(values, idempotencyKey))
      setReviewed(null)
      if (!result) return
      if (result.ok) {
        setIdempotencyKey(crypto.randomUUID())
        options.onSuccess?.(result.data as Accepted<Result>, form)
        return
      }
      refuse(result as Refused<Result>)
    })

  const checkThenReview = (values: Output, check: NonNullable<typeof options.check>) =>
    startTransition(async () => {
      const result = await call(() => check(values, idempotencyKey))
      if (!result) return
      if (result.ok) setReviewed({ values, checked: result.data as Accepted<CheckResult> })
      else refuse(result as Refused<CheckResult>)
    })

  const submit = form.handleSubmit(
    (values) => {
      setFormError(null)
      if (options.review && options.check) checkThenReview(values, options.check)
      else if (options.review) setReviewed({ values })
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
    // The server's answer to `check`, while reviewing.
    checked: reviewed?.checked,
    confirm: () => {
      if (reviewed) send(reviewed.values)
    },
    cancelReview: () => setReviewed(null),
  }
}

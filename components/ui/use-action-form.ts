'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useState, useTransition } from 'react'
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form'
import type { z } from 'zod'
import type { ActionResult } from '@/lib/action-result'

// A form that calls one server action: the same schema checks it in the browser and the action; what the action
// refuses comes back as message keys, beside their fields or, when no field owns them, above the form. What the
// person typed stays in the form.
export function useActionForm<Input extends FieldValues, Output, Data>(options: {
  schema: z.ZodType<Output, Input>
  defaultValues: DefaultValues<Input>
  action: (values: Output) => Promise<ActionResult<Data, string>>
  onSuccess: (data: Data, form: UseFormReturn<Input, unknown, Output>) => void
}) {
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(options.schema), defaultValues: options.defaultValues })
  const submit = form.handleSubmit((values) => {
    setFormError(null)
    startTransition(async () => {
      const result = await options.action(values)
      if (result.ok) {
        options.onSuccess(result.data, form)
        return
      }
      const fieldErrors = Object.entries(result.fieldErrors ?? {})
      for (const [field, key] of fieldErrors) form.setError(field as Path<Input>, { message: key })
      if (fieldErrors.length === 0) setFormError(result.code)
    })
  })
  return { form, errors: form.formState.errors, pending, formError, submit }
}

'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError, TextAreaField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import {
  qualityControlAnswerSchema,
  qualityControlOutcomes,
  type QualityControlAnswer,
  type QualityControlAnswerInput,
} from '@/lib/services/complaint/schema'
import { recordQualityControlAnswer } from './actions'

export function QualityControlAnswerForm({ requestId }: { requestId: string }) {
  const t = useTranslations('complaint.review')
  const root = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const form = useForm<QualityControlAnswerInput, unknown, QualityControlAnswer>({
    resolver: zodResolver(qualityControlAnswerSchema),
    defaultValues: { requestId, idempotencyKey, outcome: undefined, text: '' },
  })
  const { errors } = form.formState

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null)
    startTransition(async () => {
      const result = await recordQualityControlAnswer(values)
      if (result.ok) {
        router.refresh()
        return
      }
      for (const [field, key] of Object.entries(result.fieldErrors ?? {}))
        form.setError(field as keyof QualityControlAnswerInput, { message: key })
      if (!result.fieldErrors) setFormError(result.code)
    })
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 border-t border-slate-200 pt-3">
      {formError ? <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice> : null}
      <fieldset aria-describedby={errors.outcome ? 'outcome-error' : undefined}>
        <legend className="mb-1 block text-sm font-bold text-slate-700">{t('outcome')}</legend>
        <div className="space-y-1">
          {qualityControlOutcomes.map((outcome) => (
            <label key={outcome} className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
              <input
                type="radio"
                value={outcome}
                aria-invalid={errors.outcome ? true : undefined}
                {...form.register('outcome')}
              />
              {t(`outcomes.${outcome}`)}
            </label>
          ))}
        </div>
        <FieldError id="outcome-error" messageKey={errors.outcome?.message} />
      </fieldset>
      <TextAreaField
        id="answer-text"
        rows={3}
        label={t('text')}
        hint={t('textHint')}
        error={errors.text?.message}
        {...form.register('text')}
      />
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

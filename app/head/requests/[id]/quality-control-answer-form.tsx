'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { FieldError, TextAreaField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import { qualityControlAnswerSchema, qualityControlOutcomes } from '@/lib/services/complaint/schema'
import { recordQualityControlAnswer } from './actions'

export function QualityControlAnswerForm({ requestId }: { requestId: string }) {
  const t = useTranslations('complaint.review')
  const root = useTranslations()
  const router = useRouter()
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const {
    form,
    errors,
    pending,
    formError,
    submit: onSubmit,
  } = useActionForm({
    schema: qualityControlAnswerSchema,
    defaultValues: { requestId, idempotencyKey, outcome: undefined, text: '' },
    action: recordQualityControlAnswer,
    onSuccess: () => router.refresh(),
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

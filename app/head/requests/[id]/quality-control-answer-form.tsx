'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { DenseFields, FormError, RadioGroupField, TextAreaField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { qualityControlAnswerFormSchema, qualityControlOutcomes } from '@/lib/services/complaint/schema'
import { recordQualityControlAnswer } from './actions'

export function QualityControlAnswerForm({ requestId }: { requestId: string }) {
  const t = useTranslations('complaint.review')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: qualityControlAnswerFormSchema,
    defaultValues: { requestId, outcome: undefined, text: '' },
    action: (answer, idempotencyKey) => recordQualityControlAnswer({ ...answer, idempotencyKey }),
    onSuccess: () => router.refresh(),
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-2 border-t border-slate-200 pt-3">
      <FormError messageKey={formError} />
      <DenseFields>
        <RadioGroupField
          id="outcome"
          legend={t('outcome')}
          options={qualityControlOutcomes.map((outcome) => ({ value: outcome, label: t(`outcomes.${outcome}`) }))}
          error={errors.outcome?.message}
          {...form.register('outcome')}
        />
        <TextAreaField
          id="answer-text"
          rows={3}
          label={t('text')}
          hint={t('textHint')}
          error={errors.text?.message}
          {...form.register('text')}
        />
      </DenseFields>
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

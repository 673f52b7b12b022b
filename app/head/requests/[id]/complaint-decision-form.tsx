'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { DenseFields, FieldError, FormError, TextAreaField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import type { ComplaintOutcome } from '@/lib/services/complaint/rules'
import { complaintDecisionSchema } from '@/lib/services/complaint/schema'
import { decideComplaint } from './actions'

const buttons: { outcome: ComplaintOutcome; label: 'satisfy' | 'partly' | 'forward'; tone: string }[] = [
  { outcome: 'satisfied', label: 'satisfy', tone: '' },
  { outcome: 'partly_satisfied', label: 'partly', tone: 'secondary' },
  { outcome: 'forwarded', label: 'forward', tone: 'secondary' },
]

// The answer first (the patient reads it whatever the outcome), then one button per outcome in the clinic's words.
export function ComplaintDecisionForm({
  requestId,
  version,
  effect,
  canSatisfy,
}: {
  requestId: string
  version: number
  // What satisfying would do to the contested decision, already worded.
  effect: string | null
  // Inaction is satisfied by the decision itself: not before it (p.40).
  canSatisfy: boolean
}) {
  const t = useTranslations('complaint.decision')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: complaintDecisionSchema,
    defaultValues: { requestId, version, outcome: undefined, answer: '' },
    action: (values) => decideComplaint(values),
    onSuccess: () => router.refresh(),
    onFailure: () => router.refresh(),
    hiddenFields: ['requestId', 'version'],
  })
  return (
    <section
      aria-labelledby="complaint-decision-heading"
      className="space-y-2 self-start rounded border border-slate-300 bg-white p-3"
    >
      <h2 id="complaint-decision-heading" className="font-bold">
        {t('heading')}
      </h2>
      {effect ? <Notice tone={canSatisfy ? 'info' : 'warning'}>{effect}</Notice> : null}
      <form onSubmit={submit} noValidate className="space-y-2">
        <FormError messageKey={formError} />
        <DenseFields>
          <TextAreaField
            id="complaint-answer"
            rows={5}
            label={t('answerLabel')}
            hint={t('answerHint')}
            error={errors.answer?.message}
            {...form.register('answer')}
          />
        </DenseFields>
        <div className="flex flex-wrap gap-2">
          {buttons.map((button) => (
            <Button
              key={button.outcome}
              type="submit"
              variant={button.tone === 'secondary' ? 'secondary' : 'primary'}
              disabled={pending || (button.outcome === 'satisfied' && !canSatisfy)}
              onClick={() => form.setValue('outcome', button.outcome)}
            >
              {t(button.label)}
            </Button>
          ))}
        </div>
        <FieldError id="complaint-outcome-error" messageKey={errors.outcome?.message} />
        <p className="text-xs text-slate-700">{t('partlyNote')}</p>
        {pending ? <p className="text-xs text-slate-600">{root('common.wait')}</p> : null}
      </form>
    </section>
  )
}

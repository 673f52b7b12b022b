'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormError, RadioGroupField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { doctorDecisionSchema } from '@/lib/services/registry-certificate/schema'
import { decideUncertainMatch } from './actions'

export function UncertainMatchForm({ requestId, version }: { requestId: string; version: number }) {
  const t = useTranslations('registryCertificate')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: doctorDecisionSchema,
    defaultValues: { requestId, version },
    action: (payload) => decideUncertainMatch(payload),
    onSuccess: () => router.refresh(),
    hiddenFields: ['requestId', 'version'],
  })
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <FormError messageKey={formError} />
      <RadioGroupField
        id="uncertain-result"
        legend={t('panel.result')}
        options={[
          { value: 'registered', label: t('summary.registered') },
          { value: 'not_registered', label: t('summary.not_registered') },
        ]}
        error={errors.result?.message}
        {...form.register('result')}
      />
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('panel.issue')}
      </Button>
    </form>
  )
}

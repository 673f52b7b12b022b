'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormError, TextField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { consentCodeSchema } from '@/lib/services/registry-certificate/schema'
import { confirmConsentCodeAction } from './actions'

export function ConsentCodeForm({ requestId }: { requestId: string }) {
  const t = useTranslations('registryCertificate.consent')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: consentCodeSchema,
    defaultValues: { requestId, code: '' },
    action: (payload) => confirmConsentCodeAction(payload),
    onSuccess: () => router.refresh(),
    hiddenFields: ['requestId'],
  })
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-2">
      <FormError messageKey={formError} />
      <TextField
        id="consent-code"
        label={t('code')}
        hint={t('codeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={12}
        width="narrow"
        mono
        error={errors.code?.message}
        {...form.register('code')}
      />
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('confirm')}
      </Button>
    </form>
  )
}

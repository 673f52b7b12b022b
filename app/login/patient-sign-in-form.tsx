'use client'

import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { z } from 'zod'
import { Button } from '@/components/ui/button'
import { FormError, IinField, TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import type { ActionResult } from '@/lib/action-result'
import { codeRequestSchema, signInCodeSchema, type SignInCodeInput } from '@/lib/auth/schemas'
import { requestCode, signInPatient } from './actions'

// Before the code is sent, only the IIN is checked.
const iinStepSchema = codeRequestSchema.extend({ code: z.string() })

// Two steps on one form: the IIN asks for a code sent to the phone on record, then the code signs in.
export function PatientSignInForm() {
  const t = useTranslations()
  const [codeSent, setCodeSent] = useState(false)
  const schema: z.ZodType<z.output<typeof signInCodeSchema>, SignInCodeInput> = codeSent ? signInCodeSchema : iinStepSchema
  const { form, errors, pending, formError, setFormError, submit } = useActionForm({
    schema,
    defaultValues: { iin: '', code: '' },
    action: async (values): Promise<ActionResult<{ sent: true }, string>> =>
      codeSent ? signInPatient(values) : requestCode({ iin: values.iin }),
    onSuccess: () => setCodeSent(true),
    // A refused code is typed again.
    onFailure: (result, form) => {
      if (!codeSent || result.code === 'errors.invalidInput') return
      form.setValue('code', '')
      form.setFocus('code')
    },
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <FormError messageKey={formError} />
      {codeSent && !formError ? <Notice>{t('login.patient.codeSent')}</Notice> : null}
      <IinField
        id="patient-iin"
        label={t('login.patient.iin')}
        hint={t('login.patient.iinHint')}
        autoComplete="username"
        maxLength={16}
        readOnly={codeSent}
        error={errors.iin?.message}
        {...form.register('iin')}
      />
      {codeSent ? (
        <TextField
          id="patient-code"
          label={t('login.patient.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          error={errors.code?.message}
          {...form.register('code')}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t('common.wait') : codeSent ? t('login.patient.signIn') : t('login.patient.sendCode')}
        </Button>
        {codeSent ? (
          <Button
            type="button"
            variant="quiet"
            onClick={() => {
              setCodeSent(false)
              setFormError(null)
              form.setValue('code', '')
            }}
          >
            {t('login.patient.changeIin')}
          </Button>
        ) : null}
      </div>
    </form>
  )
}

'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { codeRequestSchema, signInCodeSchema, type SignInCodeInput } from '@/lib/auth/schemas'
import { requestCode, signInPatient } from './actions'

// Two steps on one form: the IIN asks for a code sent to the phone on record, then the code signs in.
export function PatientSignInForm() {
  const t = useTranslations()
  const [pending, startTransition] = useTransition()
  const [codeSent, setCodeSent] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<SignInCodeInput>({
    resolver: zodResolver(codeSent ? signInCodeSchema : codeRequestSchema.extend({ code: z.string() })),
    defaultValues: { iin: '', code: '' },
  })
  const { errors } = form.formState

  function applyFieldErrors(fieldErrors: Record<string, string> | undefined) {
    for (const [field, key] of Object.entries(fieldErrors ?? {})) {
      form.setError(field as keyof SignInCodeInput, { message: key })
    }
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null)
    startTransition(async () => {
      if (!codeSent) {
        const result = await requestCode({ iin: values.iin })
        if (result.ok) {
          setCodeSent(true)
          form.setFocus('code')
        } else if (result.code === 'errors.invalidInput') applyFieldErrors(result.fieldErrors)
        else setFormError(result.code)
        return
      }
      const result = await signInPatient(values)
      if (result.ok) return
      if (result.code === 'errors.invalidInput') applyFieldErrors(result.fieldErrors)
      else {
        setFormError(result.code)
        form.setValue('code', '')
        form.setFocus('code')
      }
    })
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {formError ? <Notice tone="error">{t(formError as 'errors.auth.locked')}</Notice> : null}
      {codeSent && !formError ? <Notice>{t('login.patient.codeSent')}</Notice> : null}
      <TextField
        id="patient-iin"
        label={t('login.patient.iin')}
        hint={t('login.patient.iinHint')}
        inputMode="numeric"
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

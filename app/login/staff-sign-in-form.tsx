'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { staffSignInSchema, type StaffSignInInput } from '@/lib/auth/schemas'
import { signInStaff } from './actions'

export function StaffSignInForm() {
  const t = useTranslations()
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<StaffSignInInput>({ resolver: zodResolver(staffSignInSchema), defaultValues: { login: '', password: '' } })
  const { errors } = form.formState

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null)
    startTransition(async () => {
      const result = await signInStaff(values)
      if (result.ok) return
      for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof StaffSignInInput, { message: key })
      }
      if (result.code !== 'errors.invalidInput') {
        setFormError(result.code)
        form.setValue('password', '')
        form.setFocus('password')
      }
    })
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {formError ? <Notice tone="error">{t(formError as 'errors.auth.locked')}</Notice> : null}
      <TextField
        id="staff-login"
        label={t('login.staff.login')}
        autoComplete="username"
        autoCapitalize="none"
        error={errors.login?.message}
        {...form.register('login')}
      />
      <TextField
        id="staff-password"
        type="password"
        label={t('login.staff.password')}
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t('common.wait') : t('login.staff.submit')}
      </Button>
    </form>
  )
}

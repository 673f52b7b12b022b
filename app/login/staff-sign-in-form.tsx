'use client'

import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormError, TextField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { staffSignInSchema } from '@/lib/auth/schemas'
import { signInStaff } from './actions'

export function StaffSignInForm() {
  const t = useTranslations()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: staffSignInSchema,
    defaultValues: { login: '', password: '' },
    action: (credentials) => signInStaff(credentials),
    // Refused credentials: the password is typed again.
    onFailure: (result, form) => {
      if (result.code === 'errors.invalidInput') return
      form.setValue('password', '')
      form.setFocus('password')
    },
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <FormError messageKey={formError} />
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

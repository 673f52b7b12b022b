'use client'

import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { normalizeVerificationCode } from '@/lib/documents/verification-code-format'

const grouped = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`

// A GET form: without JavaScript it sends ?code=… to /verify, which redirects; with it, the code is checked as it is
// typed (O → 0, I/L → 1, case and dashes ignored) and a code that cannot be one never leaves the browser.
export function CodeForm() {
  const t = useTranslations('verify.code')
  const router = useRouter()
  const [value, setValue] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const normalized = normalizeVerificationCode(value)
  const showInvalid = !normalized && (submitted || value.replace(/[-\s]/g, '').length >= 10)

  return (
    <form
      action="/verify"
      method="get"
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault()
        setSubmitted(true)
        if (normalized) router.push(`/verify/${normalized}`)
      }}
    >
      <TextField
        id="verification-code"
        name="code"
        label={t('label')}
        hint={t('hint')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={64}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        error={showInvalid ? 'verify.code.invalid' : undefined}
        className="font-mono"
      />
      <p aria-live="polite" className="min-h-5 text-sm text-green-800">
        {normalized ? t('willCheck', { code: grouped(normalized) }) : null}
      </p>
      <Button type="submit">{t('submit')}</Button>
    </form>
  )
}

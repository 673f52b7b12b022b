'use client'

import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { FormError, RadioGroupField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import type { Locale } from '@/db/schema/people'
import { noticeLanguageSchema } from '@/lib/patients/notice-language-schema'
import { saveNoticeLanguage } from './actions'

export function NoticeLanguageForm({ current }: { current: Locale }) {
  const t = useTranslations('patientHome.noticeLanguage')
  const root = useTranslations()
  const [saved, setSaved] = useState<Locale | null>(null)
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: noticeLanguageSchema,
    defaultValues: { locale: current },
    action: (values) => saveNoticeLanguage(values),
    onSuccess: (data) => setSaved(data.locale),
  })
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-labelledby="notice-language-heading">
      <h2 id="notice-language-heading" className="font-bold">
        {t('heading')}
      </h2>
      <FormError messageKey={formError} />
      <div className="flex flex-wrap items-end gap-3">
        <RadioGroupField
          id="notice-locale"
          legend={<span className="sr-only">{t('heading')}</span>}
          inline
          hint={t('hint')}
          options={[
            { value: 'kk', label: t('kk') },
            { value: 'ru', label: t('ru') },
          ]}
          error={errors.locale?.message}
          {...form.register('locale', { onChange: () => setSaved(null) })}
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? root('common.wait') : t('save')}
        </Button>
      </div>
      {saved ? <Notice tone="info">{t('saved', { language: t(saved === 'kk' ? 'kkIn' : 'ruIn') })}</Notice> : null}
    </form>
  )
}

'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { DenseFields, FormError, SelectField, TextAreaField } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { useActionForm } from '@/components/ui/use-action-form'
import type { ApprovalChoice } from '@/lib/requests/contract'
import { sectionChangeSchema } from '@/lib/services/attachment/correction/schema'
import { changeSection } from './actions'

// p.18: another section of the clinic for a person attached to it, with the reason the history keeps.
export function SectionChangeForm({
  patientId,
  version,
  choice,
}: {
  patientId: number
  version: number
  choice: ApprovalChoice
}) {
  const t = useTranslations('sectionChange')
  const router = useRouter()
  const [moved, setMoved] = useState<string | null>(null)
  const empty = { patientId, version, sectionId: '', reason: '' }
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: sectionChangeSchema,
    defaultValues: empty,
    action: (values) => changeSection(values),
    hiddenFields: ['patientId', 'version'],
    onSuccess: (data, done) => {
      setMoved(data.sectionNumber)
      done.reset({ ...empty, version: data.version })
      router.refresh()
    },
  })
  useEffect(() => form.setValue('version', version), [form, version])
  return (
    <form
      onSubmit={(event) => {
        setMoved(null)
        return submit(event)
      }}
      noValidate
      className="space-y-2"
    >
      <FormError messageKey={formError} />
      {moved ? <Notice>{t('done', { number: moved })}</Notice> : null}
      <DenseFields>
        <SelectField
          id="section-change-section"
          label={t('section')}
          hint={t('sectionHint')}
          error={errors.sectionId?.message}
          {...form.register('sectionId')}
        >
          <option value="">—</option>
          {choice.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="section-change-reason"
          rows={2}
          label={t('reason')}
          error={errors.reason?.message}
          {...form.register('reason')}
        />
      </DenseFields>
      <Button type="submit" disabled={pending}>
        {t('submit')}
      </Button>
    </form>
  )
}

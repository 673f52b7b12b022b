'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormError, IinField, RadioGroupField, SelectField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { registryCertificateFormSchema } from '@/lib/services/registry-certificate/schema'
import { submitRegistryCertificateRequest } from './actions'

export function RegistryCertificateForm({ segment, people }: { segment: string; people: { id: number; name: string }[] }) {
  const t = useTranslations('registryCertificate')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: registryCertificateFormSchema,
    defaultValues: { patientId: String(people[0]?.id ?? ''), about: 'self', subjectIin: '' },
    action: (payload, idempotencyKey) => submitRegistryCertificateRequest(segment, { idempotencyKey, payload }),
    onSuccess: (data) => router.push(`/patient/requests/${data.requestId}?submitted=1`),
  })
  const about = form.watch('about')
  return (
    <form onSubmit={submit} noValidate className="max-w-xl space-y-3 rounded border border-slate-300 bg-white p-3">
      <FormError messageKey={formError} />
      {people.length > 1 ? (
        <SelectField id="certificate-patient" label={t('who')} error={errors.patientId?.message} {...form.register('patientId')}>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <RadioGroupField
        id="certificate-about"
        legend={t('about')}
        options={[
          { value: 'self', label: t('aboutSelf') },
          { value: 'other', label: t('aboutOther') },
        ]}
        error={errors.about?.message}
        {...form.register('about')}
      />
      {about === 'other' ? (
        <IinField
          id="certificate-subject-iin"
          label={t('subjectIin')}
          hint={t('subjectIinHint')}
          autoComplete="off"
          error={errors.subjectIin?.message}
          {...form.register('subjectIin')}
        />
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

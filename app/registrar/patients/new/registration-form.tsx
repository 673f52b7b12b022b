'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import {
  CheckboxField,
  DateField,
  DenseFields,
  FormError,
  IinField,
  RadioGroupField,
  SelectField,
  TextField,
} from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { patientStatuses, residenceStatuses, sexes } from '@/db/schema/people'
import { registrationFormSchema, type RegistrationInput } from '@/lib/patients/registration/schema'
import { registerWalkIn } from './actions'

// The sex is chosen when neither the register nor the IIN's digits tell it.
export type RegistrationDefaults = Omit<RegistrationInput, 'idempotencyKey' | 'sex'> & {
  sex: RegistrationInput['sex'] | undefined
}

// The walk-in's identity as the document (or the national register) gives it; the IIN was checked in the step above.
export function RegistrationForm({ defaults, today }: { defaults: RegistrationDefaults; today: string }) {
  const t = useTranslations('registration')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: registrationFormSchema,
    defaultValues: defaults,
    action: (values, idempotencyKey) => registerWalkIn({ ...values, idempotencyKey }),
    onSuccess: (data) => router.push(`/registrar/desk?iin=${data.iin}&registered=1`),
  })
  const status = form.watch('status')
  const foreign = status === 'foreigner' || status === 'stateless'
  const duplicate = errors.iin?.message === 'errors.registration.alreadyRegistered'
  return (
    <form onSubmit={submit} noValidate className="max-w-4xl space-y-3 rounded border border-slate-300 bg-white p-3">
      <FormError messageKey={formError} />
      <DenseFields>
        <div className="flex flex-wrap items-start gap-3">
          <IinField
            id="registration-iin"
            label={root('patient.iin')}
            width="narrow"
            readOnly
            hint={t('iinHint')}
            error={errors.iin?.message}
            {...form.register('iin')}
          />
          {duplicate ? (
            <Link href={`/registrar/desk?iin=${form.getValues('iin')}`} className="mt-7 text-sm font-bold text-brand underline">
              {t('openAtDesk')}
            </Link>
          ) : null}
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField
            id="registration-last-name"
            label={t('lastName')}
            autoComplete="off"
            autoFocus
            error={errors.lastName?.message}
            {...form.register('lastName')}
          />
          <TextField
            id="registration-first-name"
            label={t('firstName')}
            autoComplete="off"
            error={errors.firstName?.message}
            {...form.register('firstName')}
          />
          <TextField
            id="registration-middle-name"
            label={t('middleName')}
            autoComplete="off"
            error={errors.middleName?.message}
            {...form.register('middleName')}
          />
        </div>
        <div className="flex flex-wrap items-start gap-6">
          <DateField
            id="registration-birth-date"
            label={t('birthDate')}
            className="w-56"
            width="narrow"
            max={today}
            error={errors.birthDate?.message}
            {...form.register('birthDate')}
          />
          <RadioGroupField
            id="registration-sex"
            legend={t('sex')}
            inline
            options={sexes.map((value) => ({ value, label: root(`patient.sexes.${value}`) }))}
            error={errors.sex?.message}
            {...form.register('sex')}
          />
          <SelectField id="registration-status" label={t('status')} error={errors.status?.message} {...form.register('status')}>
            {patientStatuses.map((value) => (
              <option key={value} value={value}>
                {root(`patient.statuses.${value}`)}
              </option>
            ))}
          </SelectField>
          {foreign ? (
            <SelectField
              id="registration-residence"
              label={t('residence')}
              error={errors.residence?.message}
              {...form.register('residence')}
            >
              <option value="">{t('residenceNone')}</option>
              {residenceStatuses.map((value) => (
                <option key={value} value={value}>
                  {root(`patient.residences.${value}`)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <TextField
          id="registration-address"
          label={t('address')}
          autoComplete="off"
          error={errors.address?.message}
          {...form.register('address')}
        />
        <div className="space-y-2">
          <TextField
            id="registration-phone"
            label={t('phone')}
            width="narrow"
            inputMode="tel"
            autoComplete="off"
            hint={t('phoneHint')}
            error={errors.phone?.message}
            {...form.register('phone')}
          />
          <CheckboxField
            id="registration-phone-consent"
            label={t('phoneConsent')}
            error={errors.phoneConsent?.message}
            {...form.register('phoneConsent')}
          />
        </div>
      </DenseFields>
      <Button type="submit" disabled={pending}>
        {t('submit')}
      </Button>
    </form>
  )
}

'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import { AddressKindField } from '@/components/requests/address-kind-field'
import type { AddressKind } from '@/lib/services/attachment/rules/address'
import { documentsProvingCategory, type DeskCategory } from '@/lib/services/attachment/rules/documents'
import {
  attachmentRequestSchema,
  deskAttachmentBases,
  deskCategories,
  insuranceContractKinds,
  type AttachmentRequest,
  type AttachmentRequestInput,
} from '@/lib/services/attachment/schema'
import { submitDeskAttachment } from './actions'
import { control, invalid, label } from './controls'

export function DeskAttachmentForm({
  patient,
  clinicId,
  openedAt,
  sections,
}: {
  patient: {
    id: number
    address: string
    hasPhone: boolean
    child: boolean
    newborn: boolean
    addressKind: AddressKind
    mayBePregnant: boolean
  }
  clinicId: number
  openedAt: string
  sections: { id: number; label: string }[]
}) {
  const t = useTranslations('desk')
  const root = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const form = useForm<AttachmentRequestInput, unknown, AttachmentRequest>({
    resolver: zodResolver(attachmentRequestSchema),
    defaultValues: {
      patientId: String(patient.id),
      clinicId: String(clinicId),
      sectionId: '',
      address: patient.address,
      addressKind: patient.addressKind,
      pregnant: false,
      dischargedOn: '',
      basis: 'residence_change',
      desk: {
        category: undefined,
        documentKind: undefined,
        documentNumber: '',
        documentIssuer: '',
        phone: '',
        phoneConsent: false,
        representativeIin: '',
        openedAt,
      },
    },
  })
  const { errors } = form.formState
  // p.23, standard row 7: only the documents that prove the chosen category are offered.
  const category = form.watch('desk.category') as DeskCategory | undefined | ''
  const fittingKinds = category ? documentsProvingCategory[category] : []
  const chooseCategory = (value: string) => {
    const kinds = value ? documentsProvingCategory[value as DeskCategory] : []
    const current = form.getValues('desk.documentKind')
    if (!current || !kinds.includes(current))
      form.setValue('desk.documentKind', kinds[0] as NonNullable<typeof current>, { shouldValidate: form.formState.isSubmitted })
  }
  const insuranceErrors = errors.desk?.insurance
  // p.28-30: the contract's fields exist only with the insurance basis; hidden, they leave the form's values.
  const insured = form.watch('basis') === 'insurance_contract'
  const contractField = { shouldUnregister: true } as const

  const onSubmit = form.handleSubmit(
    () => {
      setFormError(null)
      startTransition(async () => {
        const result = await submitDeskAttachment({ idempotencyKey, payload: form.getValues() })
        if (result.ok) {
          router.push(`/registrar/requests/${result.data.requestId}`)
          return
        }
        for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
          form.setError(field as keyof AttachmentRequestInput, { message: key })
        }
        if (!result.fieldErrors) setFormError(result.code)
      })
    },
    (invalidFields) => {
      // Fields with no input on screen (the patient, the clinic, the opening time) still say something.
      if (invalidFields.patientId || invalidFields.clinicId || invalidFields.desk?.openedAt) setFormError('errors.invalidInput')
    },
  )

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 rounded border border-slate-300 bg-white p-3 lg:grid-cols-2">
      {formError ? (
        <div className="lg:col-span-2">
          <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice>
        </div>
      ) : null}
      <div>
        <label htmlFor="desk-category" className={label}>
          {t('category')}
        </label>
        <select
          id="desk-category"
          className={control}
          {...invalid(errors.desk?.category?.message, 'desk-category')}
          {...form.register('desk.category', { onChange: (event) => chooseCategory(event.target.value) })}
        >
          <option value="">{t('choose')}</option>
          {deskCategories.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </select>
        <FieldError id="desk-category-error" messageKey={errors.desk?.category?.message} />
      </div>
      <div>
        <label htmlFor="desk-basis" className={label}>
          {root('attachmentForm.basis')}
        </label>
        <select id="desk-basis" className={control} {...invalid(errors.basis?.message, 'desk-basis')} {...form.register('basis')}>
          {deskAttachmentBases.map((basis) => (
            <option key={basis} value={basis}>
              {root(`patient.attachment.bases.${basis}`)}
            </option>
          ))}
        </select>
        <FieldError id="desk-basis-error" messageKey={errors.basis?.message} />
      </div>
      <fieldset className="rounded border border-slate-200 p-2 lg:col-span-2">
        <legend className="px-1 text-sm font-bold text-slate-700">{t('document')}</legend>
        <p className="mb-2 text-xs text-slate-600">
          {t('documentsHint')} {t('noCopies')}
        </p>
        <div className="grid gap-2 sm:grid-cols-3">
          <div>
            <label htmlFor="desk-document-kind" className={label}>
              {t('documentKind')}
            </label>
            <select
              id="desk-document-kind"
              className={control}
              {...invalid(errors.desk?.documentKind?.message, 'desk-document-kind')}
              {...form.register('desk.documentKind')}
            >
              {fittingKinds.length === 0 ? <option value="">{t('chooseCategoryFirst')}</option> : null}
              {fittingKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`documentKinds.${kind}`)}
                </option>
              ))}
            </select>
            <FieldError id="desk-document-kind-error" messageKey={errors.desk?.documentKind?.message} />
          </div>
          <div>
            <label htmlFor="desk-document-number" className={label}>
              {t('documentNumber')}
            </label>
            <input
              id="desk-document-number"
              className={control}
              autoComplete="off"
              {...invalid(errors.desk?.documentNumber?.message, 'desk-document-number')}
              {...form.register('desk.documentNumber')}
            />
            <FieldError id="desk-document-number-error" messageKey={errors.desk?.documentNumber?.message} />
          </div>
          <div>
            <label htmlFor="desk-document-issuer" className={label}>
              {t('documentIssuer')}
            </label>
            <input
              id="desk-document-issuer"
              className={control}
              {...invalid(errors.desk?.documentIssuer?.message, 'desk-document-issuer')}
              {...form.register('desk.documentIssuer')}
            />
            <FieldError id="desk-document-issuer-error" messageKey={errors.desk?.documentIssuer?.message} />
          </div>
        </div>
      </fieldset>
      {insured ? (
        <fieldset className="rounded border border-slate-200 p-2 lg:col-span-2">
          <legend className="px-1 text-sm font-bold text-slate-700">{t('insurance.heading')}</legend>
          <p className="mb-2 text-xs text-slate-600">{t('insurance.hint')}</p>
          <div className="grid gap-2 sm:grid-cols-3">
            <div>
              <label htmlFor="desk-insurance-kind" className={label}>
                {t('insurance.kind')}
              </label>
              <select
                id="desk-insurance-kind"
                className={control}
                {...invalid(insuranceErrors?.kind?.message, 'desk-insurance-kind')}
                {...form.register('desk.insurance.kind', contractField)}
              >
                <option value="">{t('choose')}</option>
                {insuranceContractKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`insurance.kinds.${kind}`)}
                  </option>
                ))}
              </select>
              <FieldError id="desk-insurance-kind-error" messageKey={insuranceErrors?.kind?.message} />
            </div>
            <div>
              <label htmlFor="desk-insurance-number" className={label}>
                {t('insurance.number')}
              </label>
              <input
                id="desk-insurance-number"
                className={control}
                autoComplete="off"
                {...invalid(insuranceErrors?.number?.message, 'desk-insurance-number')}
                {...form.register('desk.insurance.number', contractField)}
              />
              <FieldError id="desk-insurance-number-error" messageKey={insuranceErrors?.number?.message} />
            </div>
            <div>
              <label htmlFor="desk-insurance-insurer" className={label}>
                {t('insurance.insurer')}
              </label>
              <input
                id="desk-insurance-insurer"
                className={control}
                {...invalid(insuranceErrors?.insurer?.message, 'desk-insurance-insurer')}
                {...form.register('desk.insurance.insurer', contractField)}
              />
              <FieldError id="desk-insurance-insurer-error" messageKey={insuranceErrors?.insurer?.message} />
            </div>
            <div>
              <label htmlFor="desk-insurance-starts-on" className={label}>
                {t('insurance.startsOn')}
              </label>
              <input
                id="desk-insurance-starts-on"
                type="date"
                className={control}
                {...invalid(insuranceErrors?.startsOn?.message, 'desk-insurance-starts-on')}
                {...form.register('desk.insurance.startsOn', contractField)}
              />
              <FieldError id="desk-insurance-starts-on-error" messageKey={insuranceErrors?.startsOn?.message} />
            </div>
            <div>
              <label htmlFor="desk-insurance-ends-on" className={label}>
                {t('insurance.endsOn')}
              </label>
              <input
                id="desk-insurance-ends-on"
                type="date"
                className={control}
                {...invalid(insuranceErrors?.endsOn?.message, 'desk-insurance-ends-on')}
                {...form.register('desk.insurance.endsOn', contractField)}
              />
              <FieldError id="desk-insurance-ends-on-error" messageKey={insuranceErrors?.endsOn?.message} />
            </div>
            <label className="flex items-center gap-2 self-end text-sm">
              <input type="checkbox" {...form.register('desk.insurance.byInsurer', contractField)} /> {t('insurance.byInsurer')}
            </label>
          </div>
        </fieldset>
      ) : null}
      <div>
        <label htmlFor="desk-section" className={label}>
          {root('attachmentForm.section')}
        </label>
        <select id="desk-section" className={control} {...form.register('sectionId')}>
          <option value="">{root('attachmentForm.anySection')}</option>
          {sections.map((section) => (
            <option key={section.id} value={String(section.id)}>
              {section.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="desk-address" className={label}>
          {root('attachmentForm.address')}
        </label>
        <input
          id="desk-address"
          className={control}
          {...invalid(errors.address?.message, 'desk-address')}
          {...form.register('address')}
        />
        <FieldError id="desk-address-error" messageKey={errors.address?.message} />
      </div>
      <AddressKindField
        idPrefix="desk"
        kind={form.register('addressKind')}
        pregnant={form.register('pregnant')}
        kindError={errors.addressKind?.message}
        pregnantError={errors.pregnant?.message}
        mayBePregnant={patient.mayBePregnant}
      />
      {patient.child ? (
        <div>
          <label htmlFor="desk-representative-iin" className={label}>
            {t('representativeIin')}
          </label>
          <input
            id="desk-representative-iin"
            className={`${control} max-w-56 font-mono`}
            inputMode="numeric"
            {...invalid(errors.desk?.representativeIin?.message, 'desk-representative-iin')}
            {...form.register('desk.representativeIin')}
          />
          <FieldError id="desk-representative-iin-error" messageKey={errors.desk?.representativeIin?.message} />
        </div>
      ) : null}
      {patient.newborn ? (
        <div>
          <label htmlFor="desk-discharged-on" className={label}>
            {root('attachmentForm.dischargedOn')}
          </label>
          <input
            id="desk-discharged-on"
            type="date"
            className={`${control} max-w-56`}
            {...invalid(errors.dischargedOn?.message, 'desk-discharged-on')}
            {...form.register('dischargedOn')}
          />
          <p className="mt-1 text-xs text-slate-600">{root('attachmentForm.dischargedOnHint')}</p>
          <FieldError id="desk-discharged-on-error" messageKey={errors.dischargedOn?.message} />
        </div>
      ) : null}
      {patient.hasPhone ? null : (
        <div className="lg:col-span-2">
          <label htmlFor="desk-phone" className={label}>
            {t('phone')}
          </label>
          <input
            id="desk-phone"
            className={`${control} max-w-56`}
            inputMode="tel"
            placeholder="+77XXXXXXXXX"
            {...invalid(errors.desk?.phone?.message, 'desk-phone')}
            {...form.register('desk.phone')}
          />
          <FieldError id="desk-phone-error" messageKey={errors.desk?.phone?.message} />
          <label className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register('desk.phoneConsent')} /> {t('phoneConsent')}
          </label>
          <FieldError id="desk-phone-consent-error" messageKey={errors.desk?.phoneConsent?.message} />
        </div>
      )}
      <input type="hidden" {...form.register('desk.openedAt')} />
      <div className="lg:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? root('common.wait') : t('submit')}
        </Button>
      </div>
    </form>
  )
}

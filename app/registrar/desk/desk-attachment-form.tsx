'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
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
import { addressKinds, type AddressKind } from '@/lib/services/attachment/rules/address'
import { documentsProvingCategory, type DeskCategory } from '@/lib/services/attachment/rules/documents'
import {
  attachmentRequestSchema,
  deskAttachmentBases,
  deskCategories,
  identityDocumentKinds,
  insuranceContractKinds,
  representationDocumentKinds,
} from '@/lib/services/attachment/schema'
import { submitDeskAttachment } from './actions'

export function DeskAttachmentForm({
  patient,
  bases,
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
    // p.9 para 2: the register shows the adult under guardianship or trusteeship.
    ward: boolean
    // p.6, p.27 para 2: a foreigner or stateless person staying temporarily attaches only under an insurance contract.
    insuranceOnly: boolean
    // The legal representatives the register links to the person today, with their role on this day (p.2(8)).
    representatives: { iin: string; name: string; role: string }[]
  }
  // The bases that apply to the person today (the server checks again).
  bases: readonly (typeof deskAttachmentBases)[number][]
  clinicId: number
  openedAt: string
  sections: { id: number; label: string }[]
}) {
  const t = useTranslations('desk')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: attachmentRequestSchema,
    defaultValues: {
      patientId: String(patient.id),
      clinicId: String(clinicId),
      sectionId: '',
      address: patient.address,
      addressKind: patient.addressKind,
      pregnant: false,
      dischargedOn: '',
      basis: patient.insuranceOnly ? 'insurance_contract' : (bases[0] ?? 'residence_change'),
      desk: {
        category: patient.insuranceOnly ? 'insurance_contract' : undefined,
        documentKind: patient.insuranceOnly ? 'insurance_contract' : undefined,
        documentNumber: '',
        documentIssuer: '',
        phone: '',
        phoneConsent: false,
        representativeIin: patient.representatives.length === 1 ? patient.representatives[0]!.iin : '',
        openedAt,
      },
    },
    action: (payload, idempotencyKey) => submitDeskAttachment({ idempotencyKey, payload }),
    onSuccess: (data) => router.push(`/registrar/requests/${data.requestId}`),
    hiddenFields: ['patientId', 'clinicId', 'desk.openedAt'],
  })
  // p.23, standard row 7: only the documents that prove the chosen category are offered.
  const category = form.watch('desk.category') as DeskCategory | undefined | ''
  const fittingKinds = category ? documentsProvingCategory[category] : []
  const chooseCategory = (value: string) => {
    const kinds = value ? documentsProvingCategory[value as DeskCategory] : []
    const current = form.getValues('desk.documentKind')
    if (!current || !kinds.includes(current))
      form.setValue('desk.documentKind', kinds[0] as NonNullable<typeof current>, { shouldValidate: form.formState.isSubmitted })
  }
  const deskErrors = errors.desk
  const insuranceErrors = deskErrors?.insurance
  // p.28-30: the contract's fields exist only with the insurance basis; hidden, they leave the form's values.
  const insured = form.watch('basis') === 'insurance_contract'
  const contractField = { shouldUnregister: true } as const
  // p.30 para 3, p.9 para 2: a child or a ward applies through a legal representative; an adult the register does not
  // show as a ward may still come with a guardian, who ticks the box.
  const [withGuardian, setWithGuardian] = useState(false)
  const represented = patient.child || patient.ward || withGuardian
  const representationErrors = deskErrors?.representation

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded border border-slate-300 bg-white p-3 lg:grid-cols-2">
      <DenseFields>
        {formError ? (
          <div className="lg:col-span-2">
            <FormError messageKey={formError} />
          </div>
        ) : null}
        {patient.insuranceOnly ? (
          <p role="note" className="rounded bg-amber-50 p-2 text-sm text-amber-900 lg:col-span-2">
            {root('errors.attachment.temporaryResidentInsuranceOnly')}
          </p>
        ) : null}
        <SelectField
          id="desk-category"
          label={t('category')}
          error={deskErrors?.category?.message}
          {...form.register('desk.category', { onChange: (event) => chooseCategory(event.target.value) })}
        >
          <option value="">{t('choose')}</option>
          {deskCategories.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="desk-basis"
          label={root('attachmentForm.basis')}
          error={errors.basis?.message}
          {...form.register('basis')}
        >
          {bases.map((basis) => (
            <option key={basis} value={basis}>
              {root(`patient.attachment.bases.${basis}`)}
            </option>
          ))}
        </SelectField>
        <fieldset className="rounded border border-slate-200 p-2 lg:col-span-2">
          <legend className="px-1 text-sm font-bold text-slate-700">{t('document')}</legend>
          <p className="mb-2 text-xs text-slate-600">
            {t('documentsHint')} {t('noCopies')}
          </p>
          <div className="grid gap-2 sm:grid-cols-3">
            <SelectField
              id="desk-document-kind"
              label={t('documentKind')}
              error={deskErrors?.documentKind?.message}
              {...form.register('desk.documentKind')}
            >
              {fittingKinds.length === 0 ? <option value="">{t('chooseCategoryFirst')}</option> : null}
              {fittingKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`documentKinds.${kind}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              id="desk-document-number"
              label={t('documentNumber')}
              autoComplete="off"
              error={deskErrors?.documentNumber?.message}
              {...form.register('desk.documentNumber')}
            />
            <TextField
              id="desk-document-issuer"
              label={t('documentIssuer')}
              error={deskErrors?.documentIssuer?.message}
              {...form.register('desk.documentIssuer')}
            />
          </div>
        </fieldset>
        {insured ? (
          <fieldset className="rounded border border-slate-200 p-2 lg:col-span-2">
            <legend className="px-1 text-sm font-bold text-slate-700">{t('identity.heading')}</legend>
            <p className="mb-2 text-xs text-slate-600">{t('identity.hint')}</p>
            <div className="grid gap-2 sm:grid-cols-3">
              <SelectField
                id="desk-identity-kind"
                label={t('identity.kind')}
                error={deskErrors?.identity?.kind?.message}
                {...form.register('desk.identity.kind', { ...contractField, value: 'foreign_passport' })}
              >
                {identityDocumentKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`identity.kinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id="desk-identity-number"
                label={t('identity.number')}
                autoComplete="off"
                error={deskErrors?.identity?.number?.message}
                {...form.register('desk.identity.number', contractField)}
              />
            </div>
          </fieldset>
        ) : null}
        {insured ? (
          <fieldset className="rounded border border-slate-200 p-2 lg:col-span-2">
            <legend className="px-1 text-sm font-bold text-slate-700">{t('insurance.heading')}</legend>
            <p className="mb-2 text-xs text-slate-600">{t('insurance.hint')}</p>
            <div className="grid gap-2 sm:grid-cols-3">
              <SelectField
                id="desk-insurance-kind"
                label={t('insurance.kind')}
                error={insuranceErrors?.kind?.message}
                {...form.register('desk.insurance.kind', contractField)}
              >
                <option value="">{t('choose')}</option>
                {insuranceContractKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`insurance.kinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id="desk-insurance-number"
                label={t('insurance.number')}
                autoComplete="off"
                error={insuranceErrors?.number?.message}
                {...form.register('desk.insurance.number', contractField)}
              />
              <TextField
                id="desk-insurance-insurer"
                label={t('insurance.insurer')}
                error={insuranceErrors?.insurer?.message}
                {...form.register('desk.insurance.insurer', contractField)}
              />
              <DateField
                id="desk-insurance-starts-on"
                label={t('insurance.startsOn')}
                error={insuranceErrors?.startsOn?.message}
                {...form.register('desk.insurance.startsOn', contractField)}
              />
              <DateField
                id="desk-insurance-ends-on"
                label={t('insurance.endsOn')}
                error={insuranceErrors?.endsOn?.message}
                {...form.register('desk.insurance.endsOn', contractField)}
              />
              <CheckboxField
                id="desk-insurance-by-insurer"
                className="self-end"
                label={t('insurance.byInsurer')}
                error={insuranceErrors?.byInsurer?.message}
                {...form.register('desk.insurance.byInsurer', contractField)}
              />
            </div>
          </fieldset>
        ) : null}
        <SelectField
          id="desk-section"
          label={root('attachmentForm.section')}
          error={errors.sectionId?.message}
          {...form.register('sectionId')}
        >
          <option value="">{root('attachmentForm.anySection')}</option>
          {sections.map((section) => (
            <option key={section.id} value={String(section.id)}>
              {section.label}
            </option>
          ))}
        </SelectField>
        <TextField
          id="desk-address"
          label={root('attachmentForm.address')}
          error={errors.address?.message}
          {...form.register('address')}
        />
        {/* p.9, p.12: the actual place of residence or the registered one; a pregnant woman, only the actual one. */}
        <RadioGroupField
          id="desk-address-kind"
          legend={root('attachmentForm.addressKind')}
          inline
          options={addressKinds.map((kind) => ({ value: kind, label: root(`attachmentForm.addressKinds.${kind}`) }))}
          error={errors.addressKind?.message}
          {...form.register('addressKind')}
        >
          {patient.mayBePregnant ? (
            <CheckboxField
              id="desk-pregnant"
              label={root('attachmentForm.pregnant')}
              error={errors.pregnant?.message}
              {...form.register('pregnant')}
            />
          ) : null}
        </RadioGroupField>
        {!patient.child && !patient.ward ? (
          <div className="lg:col-span-2">
            <CheckboxField
              id="desk-with-guardian"
              label={t('representation.adultWard')}
              checked={withGuardian}
              onChange={(event) => setWithGuardian(event.target.checked)}
            />
          </div>
        ) : null}
        {represented ? (
          <fieldset className="rounded border border-slate-200 p-2 lg:col-span-2">
            <legend className="px-1 text-sm font-bold text-slate-700">{t('representation.heading')}</legend>
            <p className="mb-2 text-xs text-slate-600">
              {t(patient.child ? 'representation.hintChild' : 'representation.hintWard')} {t('noCopies')}
            </p>
            {patient.representatives.length > 0 ? (
              <div className="mb-2 text-sm">
                <p className="font-bold text-slate-700">{t('representation.linked')}</p>
                <ul className="flex flex-wrap gap-2">
                  {patient.representatives.map((person) => (
                    <li key={person.iin}>
                      <button
                        type="button"
                        className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
                        title={t('representation.use')}
                        onClick={() =>
                          form.setValue('desk.representativeIin', person.iin, {
                            shouldValidate: form.formState.isSubmitted,
                          })
                        }
                      >
                        {person.name} <span className="font-mono">{person.iin}</span> ({person.role})
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="grid gap-2 sm:grid-cols-3">
              <IinField
                id="desk-representative-iin"
                label={t('representativeIin')}
                error={deskErrors?.representativeIin?.message}
                {...form.register('desk.representativeIin')}
              />
              <SelectField
                id="desk-representative-identity-kind"
                label={t('representation.identityKind')}
                error={representationErrors?.identity?.kind?.message}
                {...form.register('desk.representation.identity.kind', { ...contractField, value: 'identity_card' })}
              >
                {identityDocumentKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`identity.kinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id="desk-representative-identity-number"
                label={t('representation.identityNumber')}
                autoComplete="off"
                error={representationErrors?.identity?.number?.message}
                {...form.register('desk.representation.identity.number', contractField)}
              />
              <SelectField
                id="desk-representation-document-kind"
                label={t('representation.documentKind')}
                error={representationErrors?.documentKind?.message}
                {...form.register('desk.representation.documentKind', {
                  ...contractField,
                  value: patient.child ? 'birth_certificate' : 'guardianship_decision',
                })}
              >
                {representationDocumentKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`representation.documentKinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id="desk-representation-document-number"
                label={t('representation.documentNumber')}
                autoComplete="off"
                error={representationErrors?.documentNumber?.message}
                {...form.register('desk.representation.documentNumber', contractField)}
              />
              <TextField
                id="desk-representation-document-issuer"
                label={t('representation.documentIssuer')}
                error={representationErrors?.documentIssuer?.message}
                {...form.register('desk.representation.documentIssuer', contractField)}
              />
              <DateField
                id="desk-representation-issued-on"
                label={t('representation.documentIssuedOn')}
                error={representationErrors?.documentIssuedOn?.message}
                {...form.register('desk.representation.documentIssuedOn', contractField)}
              />
            </div>
          </fieldset>
        ) : null}
        {patient.newborn ? (
          <DateField
            id="desk-discharged-on"
            width="narrow"
            label={root('attachmentForm.dischargedOn')}
            hint={root('attachmentForm.dischargedOnHint')}
            error={errors.dischargedOn?.message}
            {...form.register('dischargedOn')}
          />
        ) : null}
        {patient.hasPhone ? null : (
          <div className="lg:col-span-2">
            <TextField
              id="desk-phone"
              width="narrow"
              label={t('phone')}
              inputMode="tel"
              placeholder="+77XXXXXXXXX"
              error={deskErrors?.phone?.message}
              {...form.register('desk.phone')}
            />
            <CheckboxField
              id="desk-phone-consent"
              className="mt-1"
              label={t('phoneConsent')}
              error={deskErrors?.phoneConsent?.message}
              {...form.register('desk.phoneConsent')}
            />
          </div>
        )}
        <div className="lg:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? root('common.wait') : t('submit')}
          </Button>
        </div>
      </DenseFields>
    </form>
  )
}

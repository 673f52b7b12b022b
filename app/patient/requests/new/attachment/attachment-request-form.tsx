'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { CheckboxField, DateField, FormError, RadioGroupField, SelectField, TextField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import type { PortalBasis } from '@/lib/services/attachment/rules'
import { addressKinds, type AddressKind } from '@/lib/services/attachment/rules/address'
import { attachmentRequestSchema } from '@/lib/services/attachment/schema'
import { submitAttachmentRequest } from './actions'

type Person = {
  id: number
  name: string
  address: string
  bases: PortalBasis[]
  // p.27 para 2: staying in Kazakhstan temporarily, the person attaches only under an insurance contract.
  insuranceOnly: boolean
  freeChoiceUsed: boolean
  // Full years today: only the sections whose age band covers it are offered.
  age: number
  newborn: boolean
  addressKind: AddressKind
  mayBePregnant: boolean
}
type Clinic = {
  id: number
  name: string
  address: string
  sections: {
    id: number
    number: string
    territory: string
    doctor: string | null
    attached: number
    norm: number
    ageFrom: number
    ageTo: number | null
  }[]
}

export function AttachmentRequestForm({ people, clinics }: { people: Person[]; clinics: Clinic[] }) {
  const t = useTranslations('attachmentForm')
  const root = useTranslations()
  const router = useRouter()
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: attachmentRequestSchema,
    defaultValues: {
      patientId: people.length === 1 ? String(people[0]!.id) : '',
      clinicId: '',
      sectionId: '',
      dischargedOn: '',
      address: people.length === 1 ? people[0]!.address : '',
      addressKind: people.length === 1 ? people[0]!.addressKind : 'actual',
      pregnant: false,
      basis: undefined,
    },
    action: (payload, idempotencyKey) => submitAttachmentRequest({ idempotencyKey, payload }),
    onSuccess: (data) => router.push(`/patient/requests/${data.requestId}?submitted=1`),
  })
  const clinicId = form.watch('clinicId')
  const person = people.find((p) => String(p.id) === form.watch('patientId'))
  const clinic = clinics.find((c) => String(c.id) === clinicId)
  // A children's section serves people under 18, an adults' one from 18: the others are not offered (the server checks).
  const fitsAge = (section: Clinic['sections'][number]) =>
    !person || (section.ageFrom <= person.age && (section.ageTo === null || person.age <= section.ageTo))

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded border border-slate-300 bg-white p-3">
      <FormError messageKey={formError} />

      <RadioGroupField
        id="patientId"
        legend={t('who')}
        options={people.map((person) => ({ value: String(person.id), label: person.name }))}
        error={errors.patientId?.message}
        {...form.register('patientId', {
          onChange: (event: { target: { value: string } }) => {
            const chosen = people.find((person) => String(person.id) === event.target.value)
            if (!chosen) return
            form.setValue('address', chosen.address)
            form.setValue('addressKind', chosen.addressKind)
            form.setValue('pregnant', false)
            form.setValue('sectionId', '')
            if (!chosen.bases.includes(form.getValues('basis') as PortalBasis)) form.resetField('basis')
          },
        })}
      />

      <SelectField
        id="clinicId"
        label={t('clinic')}
        error={errors.clinicId?.message}
        {...form.register('clinicId', { onChange: () => form.setValue('sectionId', '') })}
      >
        <option value="">{t('choose')}</option>
        {clinics.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.name} — {c.address}
          </option>
        ))}
      </SelectField>

      <SelectField
        id="sectionId"
        label={t('section')}
        hint={t('sectionHint')}
        disabled={!clinic}
        error={errors.sectionId?.message}
        {...form.register('sectionId')}
      >
        <option value="">{t('anySection')}</option>
        {clinic?.sections.filter(fitsAge).map((section) => (
          <option key={section.id} value={String(section.id)}>
            {t('sectionOption', {
              number: section.number,
              doctor: section.doctor ?? '—',
              territory: section.territory,
              attached: section.attached,
              norm: section.norm,
            })}
          </option>
        ))}
      </SelectField>

      <TextField
        id="address"
        label={t('address')}
        autoComplete="street-address"
        error={errors.address?.message}
        {...form.register('address')}
      />

      {/* p.9, p.12: the actual place of residence or the registered one; a pregnant woman, only the actual one. */}
      <RadioGroupField
        id="portal-address-kind"
        legend={t('addressKind')}
        dense
        inline
        options={addressKinds.map((kind) => ({ value: kind, label: t(`addressKinds.${kind}`) }))}
        hint={t('addressKindHint')}
        error={errors.addressKind?.message}
        {...form.register('addressKind')}
      >
        {person?.mayBePregnant ? (
          <CheckboxField
            id="portal-pregnant"
            dense
            label={t('pregnant')}
            error={errors.pregnant?.message}
            {...form.register('pregnant')}
          />
        ) : null}
      </RadioGroupField>

      {person?.newborn ? (
        <DateField
          id="dischargedOn"
          width="narrow"
          label={t('dischargedOn')}
          hint={t('dischargedOnHint')}
          error={errors.dischargedOn?.message}
          {...form.register('dischargedOn')}
        />
      ) : null}

      <RadioGroupField
        id="basis"
        legend={t('basis')}
        options={(person?.bases ?? []).map((basis) => ({
          value: basis,
          label: root(`patient.attachment.bases.${basis}`),
          description: t(`basisHints.${basis}`),
        }))}
        error={errors.basis?.message}
        {...form.register('basis')}
      >
        {person && person.bases.length === 0 ? (
          <p className="text-sm text-slate-700">{t(person.insuranceOnly ? 'insuranceOnly' : 'noBases')}</p>
        ) : null}
        {person?.freeChoiceUsed ? <p className="text-xs text-slate-700">{t('freeChoiceUsed')}</p> : null}
      </RadioGroupField>

      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

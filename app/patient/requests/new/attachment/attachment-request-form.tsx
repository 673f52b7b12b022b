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
import type { PortalBasis } from '@/lib/services/attachment/rules'
import type { AddressKind } from '@/lib/services/attachment/rules/address'
import { attachmentRequestSchema, type AttachmentRequest, type AttachmentRequestInput } from '@/lib/services/attachment/schema'
import { submitAttachmentRequest } from './actions'

type Person = {
  id: number
  name: string
  address: string
  bases: PortalBasis[]
  freeChoiceUsed: boolean
  newborn: boolean
  addressKind: AddressKind
  mayBePregnant: boolean
}
type Clinic = {
  id: number
  name: string
  address: string
  sections: { id: number; number: string; territory: string; doctor: string | null; attached: number; norm: number }[]
}

const selectClass =
  'block w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-base aria-[invalid=true]:border-red-600'

export function AttachmentRequestForm({ people, clinics }: { people: Person[]; clinics: Clinic[] }) {
  const t = useTranslations('attachmentForm')
  const root = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  // Made once per form: a double click or a resend after a lost answer creates one request, not two.
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const form = useForm<AttachmentRequestInput, unknown, AttachmentRequest>({
    resolver: zodResolver(attachmentRequestSchema),
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
  })
  const { errors } = form.formState
  const clinicId = form.watch('clinicId')
  const person = people.find((p) => String(p.id) === form.watch('patientId'))
  const clinic = clinics.find((c) => String(c.id) === clinicId)

  const onSubmit = form.handleSubmit(() => {
    setFormError(null)
    const raw = form.getValues()
    startTransition(async () => {
      const result = await submitAttachmentRequest({ idempotencyKey, payload: raw })
      if (result.ok) {
        router.push(`/patient/requests/${result.data.requestId}?submitted=1`)
        return
      }
      for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof AttachmentRequestInput, { message: key })
      }
      if (!result.fieldErrors) setFormError(result.code)
    })
  })

  const field = (name: keyof AttachmentRequestInput) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${name}-error` : undefined,
  })

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded border border-slate-300 bg-white p-3">
      {formError ? <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice> : null}

      <fieldset>
        <legend className="mb-1 text-sm font-bold text-slate-700">{t('who')}</legend>
        <div className="space-y-1">
          {people.map((person) => (
            <label key={person.id} className="flex items-center gap-2 text-base">
              <input
                type="radio"
                value={String(person.id)}
                {...form.register('patientId', {
                  onChange: () => {
                    form.setValue('address', person.address)
                    form.setValue('addressKind', person.addressKind)
                    form.setValue('pregnant', false)
                    if (!person.bases.includes(form.getValues('basis') as PortalBasis)) form.resetField('basis')
                  },
                })}
              />
              {person.name}
            </label>
          ))}
        </div>
        <FieldError id="patientId-error" messageKey={errors.patientId?.message} />
      </fieldset>

      <div>
        <label htmlFor="clinicId" className="mb-1 block text-sm font-bold text-slate-700">
          {t('clinic')}
        </label>
        <select
          id="clinicId"
          className={selectClass}
          {...field('clinicId')}
          {...form.register('clinicId', { onChange: () => form.setValue('sectionId', '') })}
        >
          <option value="">{t('choose')}</option>
          {clinics.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name} — {c.address}
            </option>
          ))}
        </select>
        <FieldError id="clinicId-error" messageKey={errors.clinicId?.message} />
      </div>

      <div>
        <label htmlFor="sectionId" className="mb-1 block text-sm font-bold text-slate-700">
          {t('section')}
        </label>
        <select id="sectionId" className={selectClass} disabled={!clinic} {...field('sectionId')} {...form.register('sectionId')}>
          <option value="">{t('anySection')}</option>
          {clinic?.sections.map((section) => (
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
        </select>
        <p className="mt-1 text-xs text-slate-600">{t('sectionHint')}</p>
        <FieldError id="sectionId-error" messageKey={errors.sectionId?.message} />
      </div>

      <div>
        <label htmlFor="address" className="mb-1 block text-sm font-bold text-slate-700">
          {t('address')}
        </label>
        <input
          id="address"
          className={selectClass}
          autoComplete="street-address"
          {...field('address')}
          {...form.register('address')}
        />
        <FieldError id="address-error" messageKey={errors.address?.message} />
      </div>

      <AddressKindField
        idPrefix="portal"
        kind={form.register('addressKind')}
        pregnant={form.register('pregnant')}
        kindError={errors.addressKind?.message}
        pregnantError={errors.pregnant?.message}
        mayBePregnant={person?.mayBePregnant ?? false}
        hint={t('addressKindHint')}
      />

      {person?.newborn ? (
        <div>
          <label htmlFor="dischargedOn" className="mb-1 block text-sm font-bold text-slate-700">
            {t('dischargedOn')}
          </label>
          <input
            id="dischargedOn"
            type="date"
            className={`${selectClass} max-w-56`}
            {...field('dischargedOn')}
            {...form.register('dischargedOn')}
          />
          <p className="mt-1 text-xs text-slate-600">{t('dischargedOnHint')}</p>
          <FieldError id="dischargedOn-error" messageKey={errors.dischargedOn?.message} />
        </div>
      ) : null}

      <fieldset>
        <legend className="mb-1 text-sm font-bold text-slate-700">{t('basis')}</legend>
        <div className="space-y-1">
          {(person?.bases ?? []).map((basis) => (
            <label key={basis} className="flex items-start gap-2 text-base">
              <input type="radio" value={basis} className="mt-1" {...form.register('basis')} />
              <span>
                {root(`patient.attachment.bases.${basis}`)}
                <span className="block text-xs text-slate-600">{t(`basisHints.${basis}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {person && person.bases.length === 0 ? <p className="text-sm text-slate-700">{t('noBases')}</p> : null}
        {person?.freeChoiceUsed ? <p className="mt-1 text-xs text-slate-700">{t('freeChoiceUsed')}</p> : null}
        <FieldError id="basis-error" messageKey={errors.basis?.message} />
      </fieldset>

      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

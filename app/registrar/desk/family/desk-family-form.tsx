'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'
import { Notice } from '@/components/ui/notice'
import {
  familyApplicationSchema,
  familyMembersMax,
  type FamilyApplication,
  type FamilyApplicationInput,
} from '@/lib/services/attachment/family-schema'
import { familyMemberDocuments } from '@/lib/services/attachment/rules/documents'
import { deskAttachmentBases } from '@/lib/services/attachment/schema'
import { control, invalid, label } from '../controls'
import { findFamilyMember, submitDeskFamily } from './actions'

type Person = { id: number; iin: string; name: string; child: boolean }

// Rules of attachment p.30 para 2: the consenting member (found on the page) and the members added by IIN, each with
// the identity document presented; one submit records a request per member, all or none.
export function DeskFamilyForm({
  applicant,
  clinicId,
  openedAt,
  sections,
}: {
  applicant: Person & { address: string }
  clinicId: number
  openedAt: string
  sections: { id: number; label: string }[]
}) {
  const t = useTranslations('deskFamily')
  const desk = useTranslations('desk')
  const root = useTranslations()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [formError, setFormError] = useState<string | null>(null)
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const [people, setPeople] = useState<Record<string, Person>>({ [String(applicant.id)]: applicant })
  const [iin, setIin] = useState('')
  const [addError, setAddError] = useState<{ key: string; params?: Record<string, string> } | null>(null)
  const form = useForm<FamilyApplicationInput, unknown, FamilyApplication>({
    resolver: zodResolver(familyApplicationSchema),
    defaultValues: {
      clinicId: String(clinicId),
      address: applicant.address,
      basis: 'residence_change',
      writtenConsent: false,
      openedAt,
      members: [memberDefaults(applicant, null)],
    },
  })
  const members = useFieldArray({ control: form.control, name: 'members' })
  const { errors } = form.formState

  function memberDefaults(person: Person, representative: Person | null) {
    return {
      patientId: String(person.id),
      sectionId: '',
      documentKind: person.child ? ('birth_certificate' as const) : ('identity_card' as const),
      documentNumber: '',
      documentIssuer: '',
      // p.30 para 3: a child's legal representative; the consenting adult is offered, the registrar may change it.
      representativeIin: person.child && representative && !representative.child ? representative.iin : '',
    }
  }

  const add = () =>
    startTransition(async () => {
      setAddError(null)
      const result = await findFamilyMember({ iin })
      if (!result.ok) return setAddError({ key: result.code, params: 'params' in result ? result.params : undefined })
      if (form.getValues('members').some((member) => member.patientId === String(result.data.id)))
        return setAddError({ key: 'errors.family.memberTwice' })
      setPeople((known) => ({ ...known, [String(result.data.id)]: result.data }))
      members.append(memberDefaults(result.data, applicant))
      form.clearErrors('members')
      setIin('')
    })

  const onSubmit = form.handleSubmit(
    () => {
      setFormError(null)
      startTransition(async () => {
        const result = await submitDeskFamily({ idempotencyKey, payload: form.getValues() })
        if (result.ok) {
          router.push(`/registrar/requests/${result.data.requests[0]!.requestId}`)
          return
        }
        for (const [field, key] of Object.entries(result.fieldErrors ?? {})) {
          form.setError(field as FieldPath<FamilyApplicationInput>, { message: key })
        }
        setFormError(result.code)
      })
    },
    (invalidFields) => {
      if (invalidFields.clinicId || invalidFields.openedAt) setFormError('errors.invalidInput')
    },
  )

  const count = members.fields.length
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="desk-family-heading"
      className="space-y-3 rounded border border-slate-300 bg-white p-3"
    >
      <h2 id="desk-family-heading" className="font-bold">
        {t('heading')} <span className="font-normal text-slate-600">· {t('count', { count })}</span>
      </h2>
      <p className="text-xs text-slate-700">{t('intro')}</p>
      {formError ? <Notice tone="error">{root(formError as 'errors.unexpected')}</Notice> : null}
      <fieldset className="grid gap-3 rounded border border-slate-200 p-2 lg:grid-cols-2">
        <legend className="px-1 text-sm font-bold text-slate-700">{t('shared')}</legend>
        <div>
          <label htmlFor="family-basis" className={label}>
            {root('attachmentForm.basis')}
          </label>
          <select
            id="family-basis"
            className={control}
            {...invalid(errors.basis?.message, 'family-basis')}
            {...form.register('basis')}
          >
            {deskAttachmentBases
              .filter((basis) => basis !== 'insurance_contract')
              .map((basis) => (
                <option key={basis} value={basis}>
                  {root(`patient.attachment.bases.${basis}`)}
                </option>
              ))}
          </select>
          <FieldError id="family-basis-error" messageKey={errors.basis?.message} />
        </div>
        <div>
          <label htmlFor="family-address" className={label}>
            {root('attachmentForm.address')}
          </label>
          <input
            id="family-address"
            className={control}
            {...invalid(errors.address?.message, 'family-address')}
            {...form.register('address')}
          />
          <FieldError id="family-address-error" messageKey={errors.address?.message} />
        </div>
        <div className="lg:col-span-2">
          <label className="flex items-center gap-2 text-sm font-bold">
            <input
              type="checkbox"
              aria-invalid={errors.writtenConsent ? true : undefined}
              aria-describedby={errors.writtenConsent ? 'family-consent-error' : undefined}
              {...form.register('writtenConsent')}
            />{' '}
            {t('consent')}
          </label>
          <FieldError id="family-consent-error" messageKey={errors.writtenConsent?.message} />
        </div>
      </fieldset>
      <p className="text-xs text-slate-600">{desk('noCopies')}</p>
      {members.fields.map((field, index) => {
        const person = people[field.patientId]
        const own = errors.members?.[index]
        const id = (name: string) => `family-${index}-${name}`
        return (
          <fieldset key={field.id} className="rounded border border-slate-200 p-2">
            <legend className="px-1 text-sm font-bold text-slate-800">
              {person?.name} <span className="font-mono font-normal text-slate-600">{person?.iin}</span>{' '}
              <span className="font-normal text-slate-600">
                · {index === 0 ? t('applicant') : t('member')}
                {person?.child ? ` · ${t('child')}` : ''}
              </span>
            </legend>
            <FieldError id={id('person-error')} messageKey={own?.patientId?.message} />
            <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
              <div>
                <label htmlFor={id('document-kind')} className={label}>
                  {desk('documentKind')}
                </label>
                <select id={id('document-kind')} className={control} {...form.register(`members.${index}.documentKind`)}>
                  {familyMemberDocuments.map((kind) => (
                    <option key={kind} value={kind}>
                      {desk(`documentKinds.${kind}`)}
                    </option>
                  ))}
                </select>
                <FieldError id={id('document-kind-error')} messageKey={own?.documentKind?.message} />
              </div>
              <div>
                <label htmlFor={id('document-number')} className={label}>
                  {desk('documentNumber')}
                </label>
                <input
                  id={id('document-number')}
                  className={control}
                  autoComplete="off"
                  {...invalid(own?.documentNumber?.message, id('document-number'))}
                  {...form.register(`members.${index}.documentNumber`)}
                />
                <FieldError id={id('document-number-error')} messageKey={own?.documentNumber?.message} />
              </div>
              <div>
                <label htmlFor={id('document-issuer')} className={label}>
                  {desk('documentIssuer')}
                </label>
                <input
                  id={id('document-issuer')}
                  className={control}
                  {...invalid(own?.documentIssuer?.message, id('document-issuer'))}
                  {...form.register(`members.${index}.documentIssuer`)}
                />
                <FieldError id={id('document-issuer-error')} messageKey={own?.documentIssuer?.message} />
              </div>
              <div>
                <label htmlFor={id('section')} className={label}>
                  {root('attachmentForm.section')}
                </label>
                <select
                  id={id('section')}
                  className={control}
                  {...invalid(own?.sectionId?.message, id('section'))}
                  {...form.register(`members.${index}.sectionId`)}
                >
                  <option value="">{root('attachmentForm.anySection')}</option>
                  {sections.map((section) => (
                    <option key={section.id} value={String(section.id)}>
                      {section.label}
                    </option>
                  ))}
                </select>
                <FieldError id={id('section-error')} messageKey={own?.sectionId?.message} />
              </div>
              {person?.child ? (
                <div>
                  <label htmlFor={id('representative-iin')} className={label}>
                    {desk('representativeIin')}
                  </label>
                  <input
                    id={id('representative-iin')}
                    className={`${control} font-mono`}
                    inputMode="numeric"
                    {...invalid(own?.representativeIin?.message, id('representative-iin'))}
                    {...form.register(`members.${index}.representativeIin`)}
                  />
                  <FieldError id={id('representative-iin-error')} messageKey={own?.representativeIin?.message} />
                </div>
              ) : null}
            </div>
            {index > 0 ? (
              <Button type="button" variant="quiet" className="mt-1 px-0" onClick={() => members.remove(index)}>
                {t('remove')}
              </Button>
            ) : null}
          </fieldset>
        )
      })}
      <FieldError id="family-members-error" messageKey={errors.members?.message ?? errors.members?.root?.message} />
      {count < familyMembersMax ? (
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="family-add-iin" className={label}>
              {t('addIin')}
            </label>
            <input
              id="family-add-iin"
              value={iin}
              onChange={(event) => setIin(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault()
                  add()
                }
              }}
              inputMode="numeric"
              autoComplete="off"
              aria-invalid={addError ? true : undefined}
              aria-describedby={addError ? 'family-add-iin-error' : undefined}
              className={`${control} w-56 font-mono`}
            />
          </div>
          <Button type="button" variant="secondary" onClick={add} disabled={pending}>
            {t('add')}
          </Button>
          <div className="w-full">
            <FieldError id="family-add-iin-error" messageKey={addError?.key} params={addError?.params} />
          </div>
        </div>
      ) : null}
      <input type="hidden" {...form.register('openedAt')} />
      <Button type="submit" disabled={pending}>
        {pending ? root('common.wait') : t('submit')}
      </Button>
    </form>
  )
}

'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState, useTransition } from 'react'
import { useFieldArray } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { CheckboxField, DenseFields, FieldError, FormError, IinField, SelectField, TextField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import { familyApplicationSchema, familyMembersMax } from '@/lib/services/attachment/family-schema'
import { familyMemberDocuments } from '@/lib/services/attachment/rules/documents'
import { deskAttachmentBases } from '@/lib/services/attachment/schema'
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
  const [adding, startAdding] = useTransition()
  const [people, setPeople] = useState<Record<string, Person>>({ [String(applicant.id)]: applicant })
  const [iin, setIin] = useState('')
  const [addError, setAddError] = useState<{ key: string; params?: Record<string, string> } | null>(null)
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: familyApplicationSchema,
    defaultValues: {
      clinicId: String(clinicId),
      address: applicant.address,
      basis: 'residence_change',
      writtenConsent: false,
      openedAt,
      members: [memberDefaults(applicant, null)],
    },
    action: (payload, idempotencyKey) => submitDeskFamily({ idempotencyKey, payload }),
    onSuccess: (data) => router.push(`/registrar/requests/${data.requests[0]!.requestId}`),
    hiddenFields: ['clinicId', 'openedAt'],
  })
  const members = useFieldArray({ control: form.control, name: 'members' })

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
    startAdding(async () => {
      setAddError(null)
      const result = await findFamilyMember({ iin })
      if (!result.ok) return setAddError({ key: result.code, params: 'params' in result ? result.params : undefined })
      if (form.getValues('members').some((member) => String(member.patientId) === String(result.data.id)))
        return setAddError({ key: 'errors.family.memberTwice' })
      setPeople((known) => ({ ...known, [String(result.data.id)]: result.data }))
      members.append(memberDefaults(result.data, applicant))
      form.clearErrors('members')
      setIin('')
    })

  const count = members.fields.length
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="desk-family-heading"
      className="space-y-3 rounded border border-slate-300 bg-white p-3"
    >
      <DenseFields>
        <h2 id="desk-family-heading" className="font-bold">
          {t('heading')} <span className="font-normal text-slate-600">· {t('count', { count })}</span>
        </h2>
        <p className="text-xs text-slate-700">{t('intro')}</p>
        <FormError messageKey={formError} />
        <fieldset className="grid gap-3 rounded border border-slate-200 p-2 lg:grid-cols-2">
          <legend className="px-1 text-sm font-bold text-slate-700">{t('shared')}</legend>
          <SelectField
            id="family-basis"
            label={root('attachmentForm.basis')}
            error={errors.basis?.message}
            {...form.register('basis')}
          >
            {deskAttachmentBases
              .filter((basis) => basis !== 'insurance_contract')
              .map((basis) => (
                <option key={basis} value={basis}>
                  {root(`patient.attachment.bases.${basis}`)}
                </option>
              ))}
          </SelectField>
          <TextField
            id="family-address"
            label={root('attachmentForm.address')}
            error={errors.address?.message}
            {...form.register('address')}
          />
          <CheckboxField
            id="family-consent"
            className="lg:col-span-2"
            label={<span className="font-bold">{t('consent')}</span>}
            error={errors.writtenConsent?.message}
            {...form.register('writtenConsent')}
          />
        </fieldset>
        <p className="text-xs text-slate-600">{desk('noCopies')}</p>
        {members.fields.map((field, index) => {
          const person = people[String(field.patientId)]
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
                <SelectField
                  id={id('document-kind')}
                  label={desk('documentKind')}
                  error={own?.documentKind?.message}
                  {...form.register(`members.${index}.documentKind`)}
                >
                  {familyMemberDocuments.map((kind) => (
                    <option key={kind} value={kind}>
                      {desk(`documentKinds.${kind}`)}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  id={id('document-number')}
                  label={desk('documentNumber')}
                  autoComplete="off"
                  error={own?.documentNumber?.message}
                  {...form.register(`members.${index}.documentNumber`)}
                />
                <TextField
                  id={id('document-issuer')}
                  label={desk('documentIssuer')}
                  error={own?.documentIssuer?.message}
                  {...form.register(`members.${index}.documentIssuer`)}
                />
                <SelectField
                  id={id('section')}
                  label={root('attachmentForm.section')}
                  error={own?.sectionId?.message}
                  {...form.register(`members.${index}.sectionId`)}
                >
                  <option value="">{root('attachmentForm.anySection')}</option>
                  {sections.map((section) => (
                    <option key={section.id} value={String(section.id)}>
                      {section.label}
                    </option>
                  ))}
                </SelectField>
                {person?.child ? (
                  <IinField
                    id={id('representative-iin')}
                    label={desk('representativeIin')}
                    error={own?.representativeIin?.message}
                    {...form.register(`members.${index}.representativeIin`)}
                  />
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
          <div className="flex flex-wrap items-start gap-2">
            <IinField
              id="family-add-iin"
              width="narrow"
              label={t('addIin')}
              value={iin}
              onChange={(event) => setIin(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault()
                  add()
                }
              }}
              error={addError?.key}
              errorParams={addError?.params}
            />
            <Button type="button" variant="secondary" className="mt-6" onClick={add} disabled={pending || adding}>
              {t('add')}
            </Button>
          </div>
        ) : null}
        <Button type="submit" disabled={pending || adding}>
          {pending ? root('common.wait') : t('submit')}
        </Button>
      </DenseFields>
    </form>
  )
}

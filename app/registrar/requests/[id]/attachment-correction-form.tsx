'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useEffect } from 'react'
import { Button } from '@/components/ui/button'
import { DenseFields, FormError, RadioGroupField, SelectField, TextField } from '@/components/ui/field'
import { useActionForm } from '@/components/ui/use-action-form'
import type { CorrectionFormDto } from '@/lib/requests/correct'
import { attachmentCorrectionSchema, type AttachmentCorrectionInput } from '@/lib/services/attachment/correction/schema'
import { addressKinds } from '@/lib/services/attachment/rules/address'
import { correctReturnedDocument } from '../actions'

// The facts an attachment's notice and coupon were made from, as the request has them, for the registrar to correct
// after the signer sent one back: the address and its kind (p.9, p.12), the section (only those serving the person's
// age, as at approval), and at the desk the document presented and the insurance contract. What is typed stays on
// a refusal; the corrected document goes to its signer.
export function AttachmentCorrectionForm({ correction }: { correction: CorrectionFormDto }) {
  const t = useTranslations()
  const router = useRouter()
  const { current } = correction
  const section = correction.choices.find((choice) => choice.name === 'sectionId')
  const { form, errors, pending, formError, submit } = useActionForm({
    schema: attachmentCorrectionSchema,
    defaultValues: current as AttachmentCorrectionInput,
    action: (facts) =>
      correctReturnedDocument({
        requestId: correction.requestId,
        version: correction.version,
        documentId: correction.document.id,
        documentVersion: correction.document.version,
        facts,
      }),
    onSuccess: (data) => router.push(`/registrar/requests/${correction.requestId}?corrected=${encodeURIComponent(data.number)}`),
  })
  useEffect(() => form.setFocus('address'), [form])
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <FormError messageKey={formError} />
      <DenseFields>
        <TextField
          id="correction-address"
          label={t('attachmentForm.address')}
          error={errors.address?.message}
          {...form.register('address')}
        />
        <RadioGroupField
          id="correction-address-kind"
          legend={t('attachmentForm.addressKind')}
          inline
          options={addressKinds.map((kind) => ({ value: kind, label: t(`attachmentForm.addressKinds.${kind}`) }))}
          error={errors.addressKind?.message}
          {...form.register('addressKind')}
        />
        {section ? (
          <SelectField
            id="correction-section"
            label={t('decision.section')}
            hint={t('decision.sectionHint')}
            error={errors.sectionId?.message}
            {...form.register('sectionId')}
          >
            {section.value === null ? <option value="">—</option> : null}
            {section.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
        ) : null}
        {'documentNumber' in current ? (
          <>
            <TextField
              id="correction-document-number"
              label={t('desk.documentNumber')}
              error={errors.documentNumber?.message}
              {...form.register('documentNumber')}
            />
            <TextField
              id="correction-document-issuer"
              label={t('desk.documentIssuer')}
              error={errors.documentIssuer?.message}
              {...form.register('documentIssuer')}
            />
          </>
        ) : null}
        {'insuranceNumber' in current ? (
          <>
            <TextField
              id="correction-insurance-number"
              label={t('desk.insurance.number')}
              error={errors.insuranceNumber?.message}
              {...form.register('insuranceNumber')}
            />
            <TextField
              id="correction-insurer"
              label={t('desk.insurance.insurer')}
              error={errors.insurer?.message}
              {...form.register('insurer')}
            />
          </>
        ) : null}
      </DenseFields>
      <Button type="submit" disabled={pending}>
        {t('requests.correction.submit')}
      </Button>
    </form>
  )
}

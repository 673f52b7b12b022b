'use client'

import { useTranslations } from 'next-intl'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { FieldError } from '@/components/ui/field'
import { addressKinds } from '@/lib/services/attachment/rules/address'

// p.9, p.12: whether the address given is the actual place of residence or the registered one, and for a woman
// whether she is pregnant (then only the actual residence will do).
export function AddressKindField({
  idPrefix,
  kind,
  pregnant,
  kindError,
  pregnantError,
  mayBePregnant,
  hint,
}: {
  idPrefix: string
  kind: UseFormRegisterReturn
  pregnant: UseFormRegisterReturn
  kindError?: string
  pregnantError?: string
  mayBePregnant: boolean
  hint?: string
}) {
  const t = useTranslations('attachmentForm')
  return (
    <fieldset aria-describedby={kindError ? `${idPrefix}-address-kind-error` : undefined}>
      <legend className="mb-1 text-sm font-bold text-slate-700">{t('addressKind')}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {addressKinds.map((value) => (
          <label key={value} className="flex items-center gap-1.5 text-sm">
            <input type="radio" value={value} aria-invalid={kindError ? true : undefined} {...kind} />
            {t(`addressKinds.${value}`)}
          </label>
        ))}
        {mayBePregnant ? (
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" aria-invalid={pregnantError ? true : undefined} {...pregnant} />
            {t('pregnant')}
          </label>
        ) : null}
      </div>
      {hint ? <p className="mt-1 text-xs text-slate-600">{hint}</p> : null}
      <FieldError id={`${idPrefix}-address-kind-error`} messageKey={kindError} />
      <FieldError id={`${idPrefix}-pregnant-error`} messageKey={pregnantError} />
    </fieldset>
  )
}

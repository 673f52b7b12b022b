import type { MessageKey, Translate } from '@/lib/i18n/messages'

// The labels the history shows the corrected facts under.
const labels: Record<string, MessageKey> = {
  address: 'requests.fields.address',
  addressKind: 'attachmentForm.addressKind',
  section: 'requests.fields.section',
  documentNumber: 'desk.documentNumber',
  documentIssuer: 'desk.documentIssuer',
  insuranceNumber: 'desk.insurance.number',
  insurer: 'desk.insurance.insurer',
}

// What the request's history says under a correction: each corrected fact, before → after, then the signer's reason
// for returning the document.
export function correctionNote(data: Record<string, unknown>, t: Translate): string | null {
  const changes = (data.changes ?? {}) as Record<string, { before: string | null; after: string | null }>
  const shown = (field: string, value: string | null) =>
    value === null || value === ''
      ? '—'
      : field === 'addressKind'
        ? t(`attachmentForm.addressKinds.${value}` as MessageKey)
        : value
  const lines = Object.entries(changes).flatMap(([field, change]) =>
    labels[field] ? [`${t(labels[field])}: ${shown(field, change.before)} → ${shown(field, change.after)}`] : [],
  )
  const reason = typeof data.reason === 'string' ? `${t('requests.correction.returnedBecause')}: ${data.reason}` : null
  return [lines.join('; '), reason].filter(Boolean).join(' · ') || null
}

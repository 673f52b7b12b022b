import type { SummaryRow, Translate } from '@/lib/requests/contract'
import type { RegistryCertificate } from './schema'

// What the request page shows: whom it is about and, once decided, the result. Before consent nothing about the
// person is known here but the IIN the requester typed (R·p.4).
export function registryCertificateSummary(payload: RegistryCertificate, { t }: { t: Translate }): SummaryRow[] {
  return [
    {
      label: t('registryCertificate.summary.subject'),
      value:
        payload.about === 'self'
          ? t('registryCertificate.summary.self')
          : t('registryCertificate.summary.otherIin', { iin: payload.subjectIin }),
    },
    ...(payload.result
      ? [
          { label: t('registryCertificate.summary.result'), value: t(`registryCertificate.summary.${payload.result}`) },
          {
            label: t('registryCertificate.summary.decidedBy'),
            value: t(
              payload.decidedBy === 'doctor' ? 'registryCertificate.summary.byDoctor' : 'registryCertificate.summary.byRegistry',
            ),
          },
        ]
      : []),
  ]
}

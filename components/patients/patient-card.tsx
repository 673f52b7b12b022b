import { getLocale, getTranslations } from 'next-intl/server'
import Link from 'next/link'
import type { PatientCardDto } from '@/lib/patients/queries'
import { formatDay, localized } from '@/lib/i18n/format'

export async function PatientCard({ patient, personHref }: { patient: PatientCardDto; personHref?: (id: number) => string }) {
  const t = await getTranslations('patient')
  const reasons = await getTranslations('detachment.reasons')
  const locale = await getLocale()
  const current = patient.currentAttachment
  const rows: [string, React.ReactNode][] = [
    [
      t('iin'),
      <span key="iin" className="font-mono">
        {patient.iin}
      </span>,
    ],
    [t('birthDate'), formatDay(patient.birthDate)],
    [t('sex'), t(`sexes.${patient.sex}`)],
    [t('status'), t(`statuses.${patient.status}`)],
    // p.4, p.6: permanent residence or a temporary stay decides which bases are the person's.
    ...(patient.residence ? [[t('residence'), t(`residences.${patient.residence}`)] as [string, React.ReactNode]] : []),
    [t('address'), patient.address],
    [t('phone'), patient.phone ?? t('none')],
  ]
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <section aria-labelledby="person-heading" className="rounded border border-slate-300 bg-white p-3">
        <h1 id="person-heading" className="mb-2 text-lg font-bold">
          {[patient.lastName, patient.firstName, patient.middleName].filter(Boolean).join(' ')}
        </h1>
        <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="attachment-heading" className="rounded border border-slate-300 bg-white p-3">
        <h2 id="attachment-heading" className="mb-2 text-lg font-bold">
          {t('attachment.heading')}
        </h2>
        {current ? (
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">{t('attachment.clinic')}</dt>
            <dd>{localized(locale, current.organizationNameKk, current.organizationNameRu)}</dd>
            <dt className="text-slate-600">{t('attachment.section')}</dt>
            <dd>{current.sectionNumber ?? t('none')}</dd>
            <dt className="text-slate-600">{t('attachment.since')}</dt>
            <dd>{formatDay(current.validFrom)}</dd>
            <dt className="text-slate-600">{t('attachment.basis')}</dt>
            <dd>{t(`attachment.bases.${current.basis}`)}</dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-700">{t('attachment.none')}</p>
        )}
        {patient.attachmentHistory.length > (current ? 1 : 0) ? (
          <>
            <h3 className="mt-3 mb-1 text-sm font-bold">{t('attachment.history')}</h3>
            <table className="w-full text-sm">
              <thead className="text-left text-slate-600">
                <tr>
                  <th className="font-normal">{t('attachment.clinic')}</th>
                  <th className="font-normal">{t('attachment.period')}</th>
                  <th className="font-normal">{t('attachment.basis')}</th>
                </tr>
              </thead>
              <tbody>
                {patient.attachmentHistory.map((attachment) => (
                  <tr key={attachment.id} className="border-t border-slate-200">
                    <td>{localized(locale, attachment.organizationNameKk, attachment.organizationNameRu)}</td>
                    <td>
                      {formatDay(attachment.validFrom)} –{' '}
                      {attachment.validTo ? formatDay(attachment.validTo) : t('attachment.now')}
                      {attachment.detachmentReason ? (
                        <div className="text-xs text-slate-600">{reasons(attachment.detachmentReason)}</div>
                      ) : null}
                    </td>
                    <td>{t(`attachment.bases.${attachment.basis}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>
      {patient.representatives.length + patient.children.length > 0 ? (
        <section aria-labelledby="family-heading" className="rounded border border-slate-300 bg-white p-3 lg:col-span-2">
          <h2 id="family-heading" className="mb-2 text-lg font-bold">
            {t('family.heading')}
          </h2>
          <ul className="space-y-1 text-sm">
            {patient.representatives.map((person) => (
              <li key={`r${person.patientId}`}>
                {t('family.representative')}:{' '}
                {personHref ? (
                  <Link className="text-brand underline" href={personHref(person.patientId)}>
                    {person.name}
                  </Link>
                ) : (
                  person.name
                )}{' '}
                <span className="text-slate-600">({t(`family.bases.${person.basis}`)})</span>
              </li>
            ))}
            {patient.children.map((person) => (
              <li key={`c${person.patientId}`}>
                {t('family.child')}:{' '}
                {personHref ? (
                  <Link className="text-brand underline" href={personHref(person.patientId)}>
                    {person.name}
                  </Link>
                ) : (
                  person.name
                )}{' '}
                <span className="text-slate-600">({formatDay(person.birthDate)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

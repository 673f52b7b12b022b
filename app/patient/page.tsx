import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { PageHeader } from '@/components/ui/page-header'
import { requireActor } from '@/lib/auth/session'
import { formatDay, localized } from '@/lib/i18n/format'
import { workingHourRuns } from '@/lib/organizations/working-hours'
import { noticeLanguageOf } from '@/lib/patients/notice-language'
import { listMyPeople } from '@/lib/patients/queries'
import { Notice } from '@/components/ui/notice'
import { countPendingConsents } from '@/lib/services/registry-certificate/consent'
import { NoticeLanguageForm } from './notice-language-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('patientHome'))('heading') }
}

export default async function PatientHome() {
  const actor = await requireActor('patient')
  const t = await getTranslations('patientHome')
  const family = await getTranslations('patient.family')
  const locale = await getLocale()
  const db = getDb()
  const [people, noticeLanguage, consents] = await Promise.all([
    listMyPeople(db, actor),
    noticeLanguageOf(db, actor),
    countPendingConsents(db, actor, new Date()),
  ])
  return (
    <div className="space-y-3">
      <PageHeader title={t('heading')} action={{ href: '/patient/requests/new', label: t('newRequest') }} />
      {consents > 0 ? (
        <Notice tone="warning">
          <Link href="/patient/consents" className="font-bold underline">
            {t('consentsWaiting', { count: consents })}
          </Link>
        </Notice>
      ) : null}
      <ul className="space-y-2">
        {people.map((person) => (
          <li key={person.id} className="rounded border border-slate-300 bg-white p-3" data-testid="my-person">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <Link href={`/patient/people/${person.id}`} className="text-base font-bold text-brand hover:underline">
                {person.name}
              </Link>
              <span className="text-sm text-slate-600">
                {person.relation === 'self' ? t('me') : family('child')} · {formatDay(person.birthDate)}
              </span>
            </div>
            {person.attachment ? (
              <div className="mt-1 space-y-0.5 text-sm">
                <p>
                  {t('attachedTo', {
                    clinic: localized(locale, person.attachment.organizationNameKk, person.attachment.organizationNameRu),
                    section: person.attachment.sectionNumber ?? '—',
                    since: formatDay(person.attachment.validFrom),
                  })}
                </p>
                <p>
                  {person.attachment.doctors.length > 0
                    ? t('doctor', {
                        names: person.attachment.doctors
                          .map((doctor) => {
                            const specialty = localized(locale, doctor.specialtyKk ?? '', doctor.specialtyRu ?? '')
                            return specialty ? `${doctor.name} (${specialty})` : doctor.name
                          })
                          .join(', '),
                      })
                    : t('noDoctor')}
                </p>
                <p className="text-slate-700">
                  {t('clinicAddress', {
                    address: localized(locale, person.attachment.clinicAddressKk, person.attachment.clinicAddressRu),
                  })}
                  {' · '}
                  {person.attachment.clinicPhone ? (
                    <a
                      href={`tel:${person.attachment.clinicPhone.replace(/[^+0-9]/g, '')}`}
                      className="text-brand hover:underline"
                    >
                      {t('clinicPhone', { phone: person.attachment.clinicPhone })}
                    </a>
                  ) : (
                    t('noPhone')
                  )}
                </p>
                {workingHourRuns(person.attachment.workingHours).length > 0 ? (
                  <p className="text-slate-700">
                    {t('hours', {
                      hours: workingHourRuns(person.attachment.workingHours)
                        .map((run) =>
                          t('hoursRun', {
                            days:
                              run.first === run.last
                                ? t(`days.${run.first}`)
                                : `${t(`days.${run.first}`)}–${t(`days.${run.last}`)}`,
                            from: run.from,
                            to: run.to,
                          }),
                        )
                        .join(', '),
                    })}
                  </p>
                ) : null}
              </div>
            ) : (
              <p className="mt-1 text-sm">{t('notAttached')}</p>
            )}
          </li>
        ))}
      </ul>
      <section className="space-y-2 rounded border border-slate-300 bg-white p-3">
        <NoticeLanguageForm current={noticeLanguage} />
        <p className="text-sm">
          <Link href="/patient/messages" className="text-brand hover:underline">
            {t('messagesLink')}
          </Link>
        </p>
      </section>
    </div>
  )
}

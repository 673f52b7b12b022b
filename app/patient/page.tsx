import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { PageHeader } from '@/components/ui/page-header'
import { requireActor } from '@/lib/auth/session'
import { formatDay, localized } from '@/lib/i18n/format'
import { listMyPeople } from '@/lib/patients/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('patientHome'))('heading') }
}

export default async function PatientHome() {
  const actor = await requireActor('patient')
  const t = await getTranslations('patientHome')
  const family = await getTranslations('patient.family')
  const locale = await getLocale()
  const people = await listMyPeople(getDb(), actor)
  return (
    <div className="space-y-3">
      <PageHeader title={t('heading')} action={{ href: '/patient/requests/new', label: t('newRequest') }} />
      <ul className="space-y-2">
        {people.map((person) => (
          <li key={person.id} className="rounded border border-slate-300 bg-white p-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <Link href={`/patient/people/${person.id}`} className="text-base font-bold text-brand hover:underline">
                {person.name}
              </Link>
              <span className="text-sm text-slate-600">
                {person.relation === 'self' ? t('me') : family('child')} · {formatDay(person.birthDate)}
              </span>
            </div>
            <p className="mt-1 text-sm">
              {person.attachment
                ? t('attachedTo', {
                    clinic: localized(locale, person.attachment.organizationNameKk, person.attachment.organizationNameRu),
                    section: person.attachment.sectionNumber ?? '—',
                    since: formatDay(person.attachment.validFrom),
                  })
                : t('notAttached')}
            </p>
          </li>
        ))}
      </ul>
    </div>
  )
}

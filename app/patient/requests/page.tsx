import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { PageHeader } from '@/components/ui/page-header'
import { StatusBadge } from '@/components/requests/status-badge'
import { requireActor } from '@/lib/auth/session'
import { formatInstant, localized } from '@/lib/i18n/format'
import { serverTranslate } from '@/lib/i18n/server'
import { listMyRequests } from '@/lib/requests/queries'
import { statusWord } from '@/lib/requests/summary'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('myRequests'))('heading') }
}

export default async function MyRequestsPage() {
  const actor = await requireActor('patient')
  const t = await getTranslations('myRequests')
  const services = await getTranslations('services')
  const locale = await getLocale()
  const rows = await listMyRequests(getDb(), actor)
  const translate = await serverTranslate()
  return (
    <div className="space-y-3">
      <PageHeader title={t('heading')} action={{ href: '/patient/requests/new', label: t('newRequest') }} />
      {rows.length === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-3 text-sm">{t('empty')}</p>
      ) : (
        <ul className="space-y-2">
          {rows.map((row) => (
            <li key={row.id} className="rounded border border-slate-300 bg-white p-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={`/patient/requests/${row.id}`} className="font-bold text-brand hover:underline">
                  {t('title', { number: row.number, service: services(`${row.service}.name` as 'attachment.name') })}
                </Link>
                <StatusBadge status={row.status} label={statusWord(row, translate)} />
              </div>
              <p className="mt-1 text-slate-700">
                {row.patientName} · {localized(locale, row.organizationNameKk, row.organizationNameRu)}
              </p>
              <p className="text-slate-600">{t('submittedAt', { when: formatInstant(row.submittedAt, locale) })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

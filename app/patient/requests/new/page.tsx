import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { requireActor } from '@/lib/auth/session'
import type { MessageKey } from '@/lib/i18n/messages'
import { servicesOffered } from '@/lib/services'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('newRequest'))('heading') }
}

// The public services a person can ask for on their own pages (as eGov lists them); each opens its own form.
export default async function NewRequestPage() {
  const actor = await requireActor('patient')
  const t = await getTranslations('newRequest')
  const root = await getTranslations()
  const offered = servicesOffered('portal', actor.role)
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <p className="text-sm text-slate-700">{t('intro')}</p>
      {offered.length === 0 ? (
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm">
          {t('none')}
        </p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2">
          {offered.map((service) => (
            <li key={service.id} className="flex flex-col gap-2 rounded border border-slate-300 bg-white p-3">
              <h2 className="font-bold">{root(`services.${service.id}.name` as MessageKey)}</h2>
              <p className="flex-1 text-sm text-slate-700">{root(`services.${service.id}.description` as MessageKey)}</p>
              <Link
                href={service.href}
                className="self-start rounded bg-brand px-3 py-1.5 text-sm font-bold text-white hover:bg-brand-dark"
              >
                {t('open')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

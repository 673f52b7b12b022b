import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { changeLanguage } from '@/app/actions'
import { PublicHeader } from '@/components/shell/public-header'
import { Notice } from '@/components/ui/notice'
import { formatInstant } from '@/lib/i18n/format'
import { isDemoMode } from '@/lib/notifications/sms-mode'
import { listDemoInbox } from '@/lib/notifications/queries'

export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('devInbox'))('heading') }
}

export default async function DevInboxPage() {
  if (!isDemoMode()) notFound()
  const t = await getTranslations('devInbox')
  const locale = await getLocale()
  const messages = await listDemoInbox(getDb())
  return (
    <>
      <PublicHeader changeLanguage={changeLanguage} />
      <main className="mx-auto max-w-3xl space-y-3 px-3 py-4">
        <h1 className="text-lg font-bold">{t('heading')}</h1>
        <Notice tone="warning">{t('banner')}</Notice>
        <Link href="/login" className="text-sm font-bold text-brand underline">
          {t('backToLogin')}
        </Link>
        {messages.length === 0 ? (
          <p className="text-sm">{t('empty')}</p>
        ) : (
          <ol className="space-y-2">
            {messages.map((message) => (
              <li
                key={message.id}
                className="rounded border border-slate-300 bg-white p-3 text-sm"
                data-recipient={message.recipient}
              >
                <div className="mb-1 flex justify-between text-slate-600">
                  <span className="font-mono">{message.recipient}</span>
                  <time dateTime={message.createdAt.toISOString()}>{formatInstant(message.createdAt, locale)}</time>
                </div>
                <p className="whitespace-pre-wrap">{message.body}</p>
              </li>
            ))}
          </ol>
        )}
      </main>
    </>
  )
}

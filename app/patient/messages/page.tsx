import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { KeysetNav } from '@/components/ui/keyset-nav'
import { PageHeader } from '@/components/ui/page-header'
import { requireActor } from '@/lib/auth/session'
import { formatInstant } from '@/lib/i18n/format'
import { listMyMessages } from '@/lib/notifications/queries'
import { instantIdParam, instantIdText, searchParamText } from '@/lib/route-params'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('myMessages'))('heading') }
}

const statusTone = { pending: 'text-amber-800', sent: 'text-green-800', failed: 'text-red-700' } as const

// Issue 15: the SMS history on the patient's own pages, newest first (`?after=<cursor>` for the older ones).
export default async function MyMessagesPage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const actor = await requireActor('patient')
  const t = await getTranslations('myMessages')
  const locale = await getLocale()
  const after = instantIdParam(searchParamText((await searchParams).after, 60))
  const { rows, next } = await listMyMessages(getDb(), actor, after)
  return (
    <div className="space-y-3">
      <PageHeader title={t('heading')} />
      {rows.length === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-3 text-sm">{t('empty')}</p>
      ) : (
        <ol className="space-y-2" data-testid="my-messages">
          {rows.map((row) => (
            <li key={row.id} className="rounded border border-slate-300 bg-white p-3 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-slate-600">
                <span>
                  {formatInstant(row.createdAt, locale)} · {t('sentTo', { phone: row.recipient })}
                </span>
                <span className={`font-bold ${statusTone[row.status]}`}>{t(`status.${row.status}`)}</span>
              </div>
              <p className="mt-1 whitespace-pre-line">{row.body}</p>
              {row.requestId ? (
                <Link href={`/patient/requests/${row.requestId}`} className="text-brand hover:underline">
                  {t('request')}
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <KeysetNav
        label={t('pages')}
        first={after ? '/patient/messages' : null}
        next={next ? `/patient/messages?after=${encodeURIComponent(instantIdText(next))}` : null}
        labels={{ first: t('first'), next: t('next') }}
      />
    </div>
  )
}

import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

// Shown on every page in demo mode: this server shows every SMS, sign-in codes included, to anyone.
export async function DemoBanner() {
  const t = await getTranslations('demo')
  return (
    <div role="note" className="bg-amber-300 px-3 py-0.5 text-center text-xs text-slate-900">
      {t('banner')}{' '}
      <Link href="/dev/inbox" className="font-bold underline">
        /dev/inbox
      </Link>
    </div>
  )
}

import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { changeLanguage } from '@/app/actions'
import { PublicHeader } from '@/components/shell/public-header'
import { VerdictPanel } from '../verdict-panel'

// What an unknown code and a malformed one both show: nothing tells them apart.
export default async function VerificationNotFound() {
  const t = await getTranslations('verify')
  return (
    <div className="min-h-screen">
      <PublicHeader changeLanguage={changeLanguage} />
      <main className="mx-auto max-w-3xl px-3 py-6">
        <VerdictPanel tone="not_found" heading={t('verdict.not_found')}>
          <p>{t('verdictText.not_found')}</p>
        </VerdictPanel>
        <Link href="/verify" className="text-sm font-bold text-brand underline">
          {t('another')}
        </Link>
      </main>
    </div>
  )
}

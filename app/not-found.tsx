import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { changeLanguage } from '@/app/actions'
import { PublicHeader } from '@/components/shell/public-header'

export default async function NotFound() {
  const t = await getTranslations('errors.notFound')
  return (
    <div className="min-h-screen">
      <PublicHeader changeLanguage={changeLanguage} />
      <main className="mx-auto max-w-5xl px-3 py-10">
        <h1 className="mb-2 text-lg font-bold">{t('heading')}</h1>
        <p className="mb-4 text-sm">{t('text')}</p>
        <Link href="/" className="font-bold text-brand underline">
          {t('home')}
        </Link>
      </main>
    </div>
  )
}

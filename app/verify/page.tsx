import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { changeLanguage } from '@/app/actions'
import { PublicHeader } from '@/components/shell/public-header'
import { normalizeVerificationCode } from '@/lib/documents/verification-code-format'
import { CodeForm } from './code-form'
import { PdfUploadForm } from './pdf-upload-form'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('verify')
  return { title: t('title'), robots: { index: false, follow: false } }
}

type Props = { searchParams: Promise<{ code?: string | string[] }> }

export default async function VerifyPage({ searchParams }: Props) {
  // Without JavaScript the code form arrives as ?code=…; the code page answers it (and counts it) like a typed URL.
  const { code } = await searchParams
  const typed = typeof code === 'string' ? code.trim().slice(0, 64) : ''
  if (typed) redirect(`/verify/${normalizeVerificationCode(typed) ?? encodeURIComponent(typed)}`)

  const t = await getTranslations('verify')
  return (
    <div className="min-h-screen">
      <PublicHeader changeLanguage={changeLanguage} />
      <main className="mx-auto max-w-5xl px-3 py-6">
        <h1 className="mb-1 text-xl font-bold">{t('title')}</h1>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
        <div className="grid gap-4 md:grid-cols-2">
          <section aria-labelledby="code-heading" className="rounded border border-slate-300 bg-white p-4">
            <h2 id="code-heading" className="mb-3 text-lg font-bold">
              {t('code.heading')}
            </h2>
            <CodeForm />
          </section>
          <section aria-labelledby="pdf-heading" className="rounded border border-slate-300 bg-white p-4">
            <h2 id="pdf-heading" className="mb-1 text-lg font-bold">
              {t('pdf.heading')}
            </h2>
            <p className="mb-3 text-sm text-slate-600">{t('pdf.intro')}</p>
            <PdfUploadForm />
          </section>
        </div>
      </main>
    </div>
  )
}

import type { Metadata, Viewport } from 'next'
import localFont from 'next/font/local'
import { NextIntlClientProvider } from 'next-intl'
import { getLocale, getTranslations } from 'next-intl/server'
import { DemoBanner } from '@/components/shell/demo-banner'
import { isDemoMode } from '@/lib/notifications/sms-mode'
import './globals.css'

const dejavu = localFont({
  src: [
    { path: '../node_modules/dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf', weight: '400', style: 'normal' },
    { path: '../node_modules/dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf', weight: '700', style: 'normal' },
  ],
  variable: '--font-dejavu',
  display: 'swap',
})

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app')
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale()
  return (
    <html lang={locale} className={dejavu.variable}>
      <body className="min-h-screen font-sans">
        {isDemoMode() ? <DemoBanner /> : null}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  )
}

import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { changeLanguage } from '@/app/actions'
import { PublicHeader } from '@/components/shell/public-header'
import { homeOf } from '@/lib/auth/actor'
import { getActor } from '@/lib/auth/session'
import { isDemoMode } from '@/lib/notifications/sms-mode'
import { PatientSignInForm } from './patient-sign-in-form'
import { StaffSignInForm } from './staff-sign-in-form'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login')
  return { title: t('title') }
}

export default async function LoginPage() {
  const actor = await getActor()
  if (actor) redirect(homeOf[actor.role])
  const t = await getTranslations('login')
  return (
    <div className="min-h-screen">
      <PublicHeader changeLanguage={changeLanguage} />
      <main className="mx-auto max-w-5xl px-3 py-6">
        <h1 className="mb-4 text-xl font-bold">{t('title')}</h1>
        <div className="grid gap-4 md:grid-cols-2">
          <section aria-labelledby="patient-heading" className="rounded border border-slate-300 bg-white p-4">
            <h2 id="patient-heading" className="mb-1 text-lg font-bold">
              {t('patient.heading')}
            </h2>
            <p className="mb-3 text-sm text-slate-600">{t('patient.intro')}</p>
            <PatientSignInForm />
            {isDemoMode() ? (
              <p className="mt-3 text-xs text-slate-600">
                {t('patient.demoInboxHint')}{' '}
                <Link href="/dev/inbox" className="font-bold text-brand underline">
                  /dev/inbox
                </Link>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="staff-heading" className="rounded border border-slate-300 bg-white p-4">
            <h2 id="staff-heading" className="mb-1 text-lg font-bold">
              {t('staff.heading')}
            </h2>
            <p className="mb-3 text-sm text-slate-600">{t('staff.intro')}</p>
            <StaffSignInForm />
          </section>
        </div>
      </main>
    </div>
  )
}

import { getTranslations } from 'next-intl/server'
import { changeLanguage, signOutEverywhere } from '@/app/actions'
import { AppShell } from '@/components/shell/app-shell'
import { requireActor } from '@/lib/auth/session'

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor('patient')
  const t = await getTranslations('nav')
  return (
    <AppShell
      actor={actor}
      organizationName={null}
      nav={[
        { href: '/patient', label: t('myPage') },
        { href: '/patient/requests', label: t('myRequests') },
        { href: '/patient/messages', label: t('myMessages') },
        { href: '/patient/consents', label: t('myConsents') },
      ]}
      actions={{ changeLanguage, signOutEverywhere }}
      wide={false}
    >
      {children}
    </AppShell>
  )
}

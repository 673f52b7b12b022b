import { getTranslations } from 'next-intl/server'
import { StaffLayout } from '@/app/_shared/staff-layout'

export default async function RegistrarLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('nav')
  return (
    <StaffLayout
      role="registrar"
      nav={[
        { href: '/registrar/queue', label: t('queue') },
        { href: '/registrar/desk', label: t('desk') },
        { href: '/registrar', label: t('patients') },
        { href: '/registrar/register', label: t('register') },
        { href: '/registrar/sign', label: t('sign') },
      ]}
    >
      {children}
    </StaffLayout>
  )
}

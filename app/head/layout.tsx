import { getTranslations } from 'next-intl/server'
import { StaffLayout } from '@/app/_shared/staff-layout'

export default async function HeadLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('nav')
  return (
    <StaffLayout
      role="head"
      nav={[
        { href: '/head', label: t('department') },
        { href: '/head/overdue', label: t('overdue') },
        { href: '/head/complaints', label: t('complaints') },
        { href: '/head/care-stop', label: t('careStop') },
        { href: '/head/sign', label: t('sign') },
      ]}
    >
      {children}
    </StaffLayout>
  )
}

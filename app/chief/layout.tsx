import { getTranslations } from 'next-intl/server'
import { StaffLayout } from '@/app/_shared/staff-layout'

export default async function ChiefLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('nav')
  return (
    <StaffLayout
      role="chief"
      nav={[
        { href: '/chief', label: t('clinic') },
        { href: '/chief/calendar', label: t('calendar') },
        { href: '/chief/protocols', label: t('protocols') },
      ]}
    >
      {children}
    </StaffLayout>
  )
}

import { getTranslations } from 'next-intl/server'
import { StaffLayout } from '@/app/_shared/staff-layout'

export default async function DoctorLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('nav')
  return (
    <StaffLayout
      role="doctor"
      nav={[
        { href: '/doctor', label: t('mySections') },
        { href: '/doctor/sign', label: t('sign') },
      ]}
    >
      {children}
    </StaffLayout>
  )
}

import { getTranslations } from 'next-intl/server'
import { StaffLayout } from '@/app/_shared/staff-layout'

// The region's administrator (issue 15): the data every clinic of the region shares.
export default async function RegionLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('nav')
  return (
    <StaffLayout role="region_admin" nav={[{ href: '/region/calendar', label: t('calendar') }]}>
      {children}
    </StaffLayout>
  )
}

import { getTranslations } from 'next-intl/server'
import { StaffLayout } from '@/app/_shared/staff-layout'

// Issue 16: a registry centre's doctor (TB, mental health, narcology) keeps the centre's registry of dynamic observation.
export default async function CentreLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('centre.nav')
  return (
    <StaffLayout
      role="dispensary_doctor"
      nav={[
        { href: '/centre', label: t('registry') },
        { href: '/centre/queue', label: t('queue') },
        { href: '/centre/add', label: t('add') },
        { href: '/centre/import', label: t('import') },
      ]}
    >
      {children}
    </StaffLayout>
  )
}

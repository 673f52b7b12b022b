import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { CalendarPage } from '@/app/_shared/calendar-page'
import { requireActor } from '@/lib/auth/session'
import { OverrideForm, RemoveOverrideButton } from './override-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('heading') }
}

// The region's administrator keeps the government's transfers of days off (Labour Code art. 85(3), issue 15).
export default async function RegionCalendarPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requireActor('region_admin')
  return (
    <CalendarPage
      actor={actor}
      askedYear={(await searchParams).year}
      manage={{ form: <OverrideForm />, removeButton: (day) => <RemoveOverrideButton day={day} /> }}
    />
  )
}

import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { CalendarPage } from '@/app/_shared/calendar-page'
import { requireActor } from '@/lib/auth/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('heading') }
}

// Issue 15: the chief physician sees the calendar the clinic's deadlines use; the region's administrator changes it.
export default async function ChiefCalendarPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requireActor('chief')
  return <CalendarPage actor={actor} askedYear={(await searchParams).year} />
}

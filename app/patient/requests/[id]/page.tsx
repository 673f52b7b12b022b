import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { RequestSummary } from '@/components/requests/request-summary'
import { requireActor } from '@/lib/auth/session'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { getRequestForPatient } from '@/lib/requests/queries'
import { isOpen } from '@/lib/requests/status'
import { CancelRequestButton } from './cancel-request-button'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('requests'))('pageTitle') }
}

export default async function MyRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor('patient')
  const { id } = await params
  const db = getDb()
  const request = await getRequestForPatient(db, actor, id)
  if (!request) notFound()
  const now = new Date()
  return (
    <div className="space-y-3">
      <RequestSummary request={request} now={now} overrides={await loadCalendarOverrides(db, now)} />
      {isOpen(request.status) ? <CancelRequestButton requestId={request.id} version={request.version} /> : null}
    </div>
  )
}

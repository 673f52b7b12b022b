import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { DocumentList } from '@/components/documents/document-list'
import { RequestSummary } from '@/components/requests/request-summary'
import { Notice } from '@/components/ui/notice'
import { requireActor } from '@/lib/auth/session'
import { almatyDay } from '@/lib/calendar'
import { listRequestDocumentsForPatient } from '@/lib/documents/queries'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { getRequestForPatient } from '@/lib/requests/queries'
import { isOpen } from '@/lib/requests/status'
import { requestNow } from '@/lib/request-context'
import { requestSummary } from '@/lib/requests/summary'
import { serverTranslate } from '@/lib/i18n/server'
import { ServicePanel } from '@/app/_services/panels'
import { CancelRequestButton } from './cancel-request-button'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('requests'))('pageTitle') }
}

export default async function MyRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ submitted?: string }>
}) {
  const actor = await requireActor('patient')
  const { id } = await params
  const justSubmitted = (await searchParams).submitted === '1'
  const t = await getTranslations('requests')
  const db = getDb()
  const request = await getRequestForPatient(db, actor, id)
  if (!request) notFound()
  const documents = await listRequestDocumentsForPatient(db, actor, request.id)
  const now = await requestNow()
  const overrides = await loadCalendarOverrides(db, now)
  const summary = await requestSummary(db, request, await serverTranslate(), await getLocale())
  return (
    <div className="space-y-3">
      {justSubmitted && isOpen(request.status) ? <Notice>{t('submittedNotice')}</Notice> : null}
      <RequestSummary
        request={request}
        {...summary}
        now={now}
        overrides={overrides}
        audience="patient"
        requestHref={(other) => `/patient/requests/${other}`}
        actions={isOpen(request.status) ? <CancelRequestButton requestId={request.id} version={request.version} /> : null}
      />
      {documents.length > 0 ? (
        <DocumentList
          documents={documents}
          hrefFor={(document) => (document.status === 'issued' ? `/patient/documents/${document.id}/pdf` : null)}
          today={almatyDay(now)}
        />
      ) : null}
      <ServicePanel audience="patient" request={request} now={now} overrides={overrides} />
    </div>
  )
}

import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { DecisionPanel } from '@/app/registrar/requests/[id]/decision-panel'
import { DocumentList } from '@/components/documents/document-list'
import { EscapeTo } from '@/components/requests/escape-to'
import { RequestSummary } from '@/components/requests/request-summary'
import { requireActor } from '@/lib/auth/session'
import { listRequestDocumentsForStaff } from '@/lib/documents/queries'
import { clientAddress } from '@/lib/request-context'
import { loadCalendarOverrides } from '@/lib/requests/context'
import { getRequestForStaff } from '@/lib/requests/queries'
import { refusalGroundChoices } from '@/lib/services'
import { isOpen } from '@/lib/requests/status'
import { requestSummary } from '@/lib/requests/summary'
import { serverTranslate } from '@/lib/i18n/server'
import { ServicePanel, serviceDecisionPanel } from '@/app/_services/panels'
import { RevokeDocumentForm } from './revoke-document-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('requests'))('pageTitle') }
}

// A request as the department head decides it (complaints, p.38-40).
export default async function HeadRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor('head')
  const { id } = await params
  const locale = await getLocale()
  const db = getDb()
  const request = await getRequestForStaff(db, actor, id, await clientAddress())
  if (!request) notFound()
  const documents = await listRequestDocumentsForStaff(db, actor, request.id)
  const now = new Date()
  const overrides = await loadCalendarOverrides(db, now)
  const summary = await requestSummary(db, request, await serverTranslate(), locale)
  // A service that decides in its own words (a complaint: satisfied, partly, forwarded) brings its own panel.
  const ServiceDecision = serviceDecisionPanel(request.service, 'head')
  return (
    <div className="grid gap-3 xl:grid-cols-[1fr_26rem]">
      <div className="space-y-2">
        <EscapeTo href="/head/complaints" />
        <RequestSummary
          request={request}
          {...summary}
          now={now}
          overrides={overrides}
          audience="staff"
          requestHref={(other) => `/head/requests/${other}`}
        />
        {documents.length > 0 ? (
          <DocumentList
            documents={documents}
            hrefFor={(document) => `/documents/${document.id}/pdf`}
            actionsFor={(document) =>
              document.status === 'revoked' ? null : <RevokeDocumentForm documentId={document.id} version={document.version} />
            }
          />
        ) : null}
      </div>
      <div className="space-y-3 self-start">
        <ServicePanel audience="head" request={request} now={now} overrides={overrides} />
        {isOpen(request.status) && ServiceDecision ? (
          <ServiceDecision request={request} now={now} overrides={overrides} />
        ) : isOpen(request.status) ? (
          <DecisionPanel
            requestId={request.id}
            version={request.version}
            canTake={request.status === 'submitted'}
            grounds={refusalGroundChoices(request.service, locale)}
          />
        ) : null}
      </div>
    </div>
  )
}
